"""Closing (policy 17): allowed reasons, the resident's closing message and survey, answers by the conversation."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from intake.models import Case, CaseEvent, OutboxMessage, Survey
from intake.conversation.states import State
from intake.enums import Channel
from intake.messages import Inbound
from intake.models import Conversation
from tests.officers.factories import make_case, post_form, signed_in_officer

THURSDAY = datetime(2026, 12, 10, 10, 0, tzinfo=UTC)


def at(app, moment):  # type: ignore[no-untyped-def]
    app.extensions["intake"].clock = lambda: moment
    app.extensions["intake"].conversations.clock = lambda: moment


def act(client, reference: str, what: str, **data):  # type: ignore[no-untyped-def]
    page = f"/officers/cases/{reference}"
    return post_form(client, f"{page}/{what}", page, data)


def outbox(db, kind: str) -> list[OutboxMessage]:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return list(session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)))


def status_of(db, reference: str) -> str:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return session.scalar(select(Case.status).where(Case.reference == reference))


def test_no_contact_closure_needs_three_logged_failed_attempts(app, db, client):
    at(app, THURSDAY)
    signed_in_officer(db, client)
    reference = make_case(db)
    act(client, reference, "assign")
    for _ in range(2):
        act(client, reference, "contacts", method="phone", outcome="no_answer")
    refused = act(client, reference, "close", reason="no_contact")
    assert refused.status_code == 400
    assert "at least 3 logged failed contact attempts; this case has 2" in refused.get_data(as_text=True)
    assert status_of(db, reference) == "assigned"
    act(client, reference, "contacts", method="letter", outcome="unreachable")
    assert act(client, reference, "close", reason="no_contact").status_code == 302
    assert status_of(db, reference) == "closed"


def test_closing_without_agreement_needs_an_explanation(app, db, client):
    at(app, THURSDAY)
    signed_in_officer(db, client)
    reference = make_case(db)
    act(client, reference, "assign")
    refused = act(client, reference, "close", reason="without_agreement", explanation=" ")
    assert refused.status_code == 400 and "Explain why" in refused.get_data(as_text=True)
    act(client, reference, "close", reason="without_agreement", explanation="All reasonable steps taken.")
    (event,) = [e for e in _events(db, reference) if e.kind == "closed"]
    assert event.detail["explanation"] == "All reasonable steps taken." and event.detail["before"] == "assigned"


def test_a_case_without_a_named_officer_cannot_be_closed(app, db, client):
    at(app, THURSDAY)
    signed_in_officer(db, client)
    reference = make_case(db)
    response = act(client, reference, "close", reason="resolved")
    assert response.status_code == 400 and "named officer" in response.get_data(as_text=True)


def test_closing_sends_the_reason_what_next_and_case_review_then_the_survey_in_the_residents_channel(app, db, client):
    at(app, THURSDAY)
    signed_in_officer(db, client)
    reference = make_case(db, channel="sms", address="+447700900777")
    act(client, reference, "assign")
    act(client, reference, "close", reason="insufficient_evidence")
    (closing,) = outbox(db, "closing")
    (survey_message,) = outbox(db, "survey")
    assert (closing.channel, closing.recipient) == ("sms", "+447700900777")
    assert reference in closing.body and "not enough evidence" in closing.body
    assert "ASB Case Review" in closing.body and "saferderbyshire.gov.uk" in closing.body
    assert "01332 888777" in closing.body
    assert survey_message.body.startswith("How satisfied or dissatisfied are you with our approach to handling your "
                                          "anti-social behaviour report?")
    assert [c["label"] for c in survey_message.choices][0] == "Very satisfied" and len(survey_message.choices) == 5
    assert closing.id < survey_message.id


def test_the_closing_letter_comes_in_the_residents_easy_read_format(app, db, client):
    at(app, THURSDAY)
    signed_in_officer(db, client)
    reference = make_case(db, channel="sms", address="+447700900778", format="easy_read")
    act(client, reference, "assign")
    act(client, reference, "close", reason="insufficient_evidence")
    (closing,) = outbox(db, "closing")
    lines = [line for line in closing.body.splitlines() if line.strip()]
    assert reference in closing.body and len(lines) > 3
    assert max(len(line.split()) for line in lines) <= 15  # short lines, one idea each
    assert "not have enough evidence" in closing.body
    assert outbox(db, "survey")


def test_an_anonymous_residents_case_closes_without_any_message(app, db, client):
    at(app, THURSDAY)
    signed_in_officer(db, client)
    reference = make_case(db, anonymous=True)
    act(client, reference, "assign")
    response = act(client, reference, "close", reason="resolved")
    assert response.status_code == 302 and status_of(db, reference) == "closed"
    assert outbox(db, "closing") == [] and outbox(db, "survey") == []
    with db.transaction() as session:
        assert session.scalars(select(Survey)).all() == []


def test_the_survey_answer_and_comment_arrive_on_the_residents_channel_and_are_stored(app, db, client):
    at(app, THURSDAY)
    signed_in_officer(db, client)
    reference = make_case(db, channel="web", address="web-token-1")
    act(client, reference, "assign")
    act(client, reference, "close", reason="resolved")
    conversations = app.extensions["intake"].conversations

    def resident_says(text: str) -> str:
        outcome = conversations.receive(Inbound(channel=Channel.WEB, sender="web-token-1", text=text))
        return "\n".join(r.text for r in outcome.replies)

    assert "number from 1 to 5" in resident_says("what?")
    assert "anything you would like to tell us" in resident_says("fairly satisfied")
    assert "Thank you for your feedback" in resident_says("The officer was kind but it took a while.")
    with db.transaction() as session:
        survey = session.scalars(select(Survey)).one()
        conversation = session.get(Conversation, survey.conversation_id)
        assert (survey.status, survey.rating) == ("answered", 4)
        assert survey.comment == "The officer was kind but it took a while."
        assert conversation.state == State.DONE and "_survey" not in conversation.answers
    assert "Your report" in resident_says("hello")  # back to the usual after-report menu
    html = client.get(f"/officers/cases/{reference}").get_data(as_text=True)
    assert "rating 4 of 5" in html and "took a while" in html


def test_a_rating_by_number_follows_the_order_shown_and_skip_leaves_no_comment(app, db, client):
    at(app, THURSDAY)
    signed_in_officer(db, client)
    reference = make_case(db, channel="web", address="web-token-2")
    act(client, reference, "assign")
    act(client, reference, "close", reason="resolved")
    conversations = app.extensions["intake"].conversations
    for text in ("1", "skip"):
        conversations.receive(Inbound(channel=Channel.WEB, sender="web-token-2", text=text))
    with db.transaction() as session:
        survey = session.scalars(select(Survey)).one()
    assert (survey.rating, survey.comment, survey.status) == (5, None, "answered")  # 1 is the first: very satisfied


def test_a_closed_case_reopens_with_a_reason(app, db, client):
    at(app, THURSDAY)
    signed_in_officer(db, client)
    reference = make_case(db)
    act(client, reference, "assign")
    act(client, reference, "close", reason="resolved")
    assert act(client, reference, "reopen", reason="").status_code == 400
    assert act(client, reference, "reopen", reason="New incident reported by phone").status_code == 302
    assert status_of(db, reference) == "assigned"
    kinds = [e.kind for e in _events(db, reference)]
    assert kinds[-2:] == ["closed", "reopened"]


def _events(db, reference: str) -> list[CaseEvent]:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        case_id = session.scalar(select(Case.id).where(Case.reference == reference))
        return list(session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)))


def test_a_survey_sent_during_a_new_report_is_answered_and_the_report_carries_on_where_it_was(app, db, client):
    at(app, THURSDAY)
    signed_in_officer(db, client)
    reference = make_case(db, channel="web", address="web-token-3")
    conversations = app.extensions["intake"].conversations

    def resident_says(text: str) -> str:
        outcome = conversations.receive(Inbound(channel=Channel.WEB, sender="web-token-3", text=text))
        return "\n".join(r.text for r in outcome.replies)

    resident_says("new")  # from the after-report menu: start a new report
    assert "Please tell us what is happening" in resident_says("no")
    act(client, reference, "assign")
    act(client, reference, "close", reason="resolved")
    assert "anything you would like to tell us" in resident_says("very satisfied")
    assert "Please tell us what is happening" in resident_says("skip")  # back to the new report's question
    with db.transaction() as session:
        survey = session.scalars(select(Survey)).one()
    assert (survey.rating, survey.status) == (5, "answered")
