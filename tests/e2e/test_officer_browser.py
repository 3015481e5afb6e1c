"""An officer works a new CAT1 case from the queue to closure in a real browser, and the resident answers the survey.

Debian's chromium drives the app served by werkzeug on a free 127.0.0.1 port; the resident uses the web chat
API with their own cookie, as their browser would.
"""

from __future__ import annotations


import pytest
from flask.testing import FlaskClient
from playwright.sync_api import expect
from sqlalchemy import select

from intake.models import Case, OutboxMessage, Survey
from tests.factories import NOISE_AND_DRUGS_REPORT, fixed_classifier
from tests.officers.factories import PASSWORD, email_of, make_case, make_officer, use_cheap_password_hashing



@pytest.fixture
def server(live_server, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    use_cheap_password_hashing(monkeypatch)
    return live_server


def report_a_threat(app, client: FlaskClient) -> str:  # type: ignore[no-untyped-def]
    app.extensions["intake"].conversations.classify = fixed_classifier(
        {"noise": ["music"], "harassment": ["burn the flat"]})
    dialogue = list(NOISE_AND_DRUGS_REPORT)
    dialogue[2] = ("the music never stops and last night he said he would burn the flat down", "It sounds like")
    dialogue[3] = ("yes", "When did it happen")
    dialogue[17] = ("this chat", "When is it safe to contact you?")
    dialogue[18] = ("any time", "leave you a message")
    del dialogue[19]
    reference = None
    for text, expected in dialogue:
        body = client.post("/api/chat/messages", json={"text": text}).get_json()
        assert expected in "\n".join(m["text"] for m in body["messages"]), (text, body)
        reference = body["reference"] or reference
    assert reference
    return reference


@pytest.mark.browser
def test_an_officer_takes_a_new_cat1_case_from_the_top_of_the_queue_to_closure_and_the_survey_is_answered(
    app, db, server, browser,
):
    make_case(db, types=("noise",))  # an older CAT2 case, which must sort below the new CAT1 one
    resident = app.test_client()
    reference = report_a_threat(app, resident)
    email = email_of(db, make_officer(db, name="Robin Officer"))

    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/officers/cases")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    first_row = page.locator("table tbody tr").first
    expect(first_row.get_by_role("rowheader")).to_have_text(reference)
    expect(first_row).to_contain_text("CAT1")
    first_row.get_by_role("link", name=reference).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {reference}")
    page.get_by_role("button", name="Assign to me").click()
    expect(page.get_by_role("status")).to_contain_text("assigned")

    page.get_by_label("How", exact=True).select_option("phone")
    page.get_by_label("Outcome", exact=True).select_option("spoke")
    page.get_by_role("button", name="Log contact").click()
    expect(page.get_by_role("status")).to_contain_text("contact attempt has been logged")
    expect(page.locator("dl.summary").first).to_contain_text("First responseMet")

    page.get_by_label("Agreed action").fill("Warning letter to the neighbour; patrol request to police")
    page.get_by_label("Target date").fill("2030-01-15")
    page.get_by_role("button", name="Add to the action plan").click()
    expect(page.locator("#plan table")).to_contain_text("Warning letter to the neighbour")

    page.get_by_label("Resolved, with the complainant's agreement (17.1)").check()
    page.get_by_role("button", name="Close the case").click()
    expect(page.get_by_role("status")).to_contain_text("The case is closed")
    context.close()


    with db.transaction() as session:
        assert session.scalar(select(Case.status).where(Case.reference == reference)) == "closed"
        sent = session.scalars(select(OutboxMessage).where(OutboxMessage.kind.in_(["closing", "survey"]))
                               .order_by(OutboxMessage.id)).all()
    assert [m.kind for m in sent] == ["closing", "survey"]
    assert all(m.channel == "web" for m in sent)
    assert reference in sent[0].body and "How satisfied or dissatisfied" in sent[1].body

    transcript = resident.get("/api/chat/messages").get_json()["messages"]
    assert transcript[-1]["text"].startswith("How satisfied or dissatisfied")
    resident.post("/api/chat/messages", json={"text": "Fairly satisfied"})
    last = resident.post("/api/chat/messages", json={"text": "Quick to call back."}).get_json()["messages"]
    assert "Thank you for your feedback" in last[-1]["text"]
    with db.transaction() as session:
        survey = session.scalars(select(Survey)).one()
    assert (survey.rating, survey.comment, survey.status) == (4, "Quick to call back.", "answered")
    assert survey.address == sent[1].recipient  # the resident's own web chat, the channel they reported on
