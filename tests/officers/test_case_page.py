"""The case page: what it shows, what officers can do there, and the history and audit every action leaves."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from intake.i18n import translations

from intake.models import ActionItem, Document, AuditEntry, Case, CaseEvent, CaseWork, Evidence, OutboxMessage, TypeCorrection
from intake.officers.closing import close_case  # noqa: F401  (imported so a broken module fails here too)
from tests.officers.factories import MONDAY, make_case, make_officer, post_form, signed_in_officer

TUESDAY = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)


def at(app, moment):  # type: ignore[no-untyped-def]
    app.extensions["intake"].clock = lambda: moment


def events(db, reference: str) -> list[CaseEvent]:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        case_id = session.scalar(select(Case.id).where(Case.reference == reference))
        return list(session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)))


def act(client, reference: str, what: str, **data):  # type: ignore[no-untyped-def]
    page = f"/officers/cases/{reference}"
    return post_form(client, f"{page}/{what}", page, data)


def test_the_case_page_shows_the_report_proposal_risk_matrix_contact_preferences_and_conversation(app, db, client):
    at(app, TUESDAY)
    signed_in_officer(db, client)
    reference = make_case(db, types=("noise",), proposal_confidence=0.82, safe_times="after 6pm", language="pl",
                          **{"risk.health": True, "risk.children": False})
    html = client.get(f"/officers/cases/{reference}").get_data(as_text=True)
    for expected in ("they play loud music every night", "confidence 82%", "Is it affecting your physical or mental",
                     "after 6pm", "Sam Taylor", "Consent to share with partners</dt><dd>Yes", "<dd>pl</dd>",
                     "Risk Assessment Matrix", 'scope="col"'):
        assert expected in html, expected
    with db.transaction() as session:
        audited = session.scalars(select(AuditEntry)).all()
    assert [(a.action, a.officer_id is not None) for a in audited] == [("view_case", True)]


def test_the_case_page_counts_the_residents_reports_and_says_when_the_case_review_threshold_is_reached(app, db, client):
    at(app, TUESDAY)
    signed_in_officer(db, client)
    first = make_case(db, address="+447700900123", channel="sms", reported_at=datetime(2026, 5, 1, tzinfo=UTC))
    make_case(db, address="+447700900123", channel="sms", reported_at=datetime(2026, 7, 1, tzinfo=UTC))
    second = make_case(db, address="+447700900123", channel="sms", reported_at=datetime(2026, 11, 1, tzinfo=UTC))
    assert "Case Review threshold reached" not in client.get(f"/officers/cases/{second}").get_data(as_text=True)
    third = make_case(db, address="+447700900123", channel="sms")
    html = client.get(f"/officers/cases/{third}").get_data(as_text=True)
    assert "<strong>3</strong> reports from this resident in the last 6 months" in html
    assert "Case Review threshold reached" in html
    assert first in html  # listed among the same resident's cases


def test_other_cases_at_the_same_address_or_about_the_same_person_are_linked(app, db, client):
    at(app, TUESDAY)
    signed_in_officer(db, client)
    same_postcode = make_case(db, postcode="DE3 9ZZ", location="Flat 1, 2 Other Street, DE3 9ZZ")
    same_person = make_case(db, postcode="DE7 1AA", location="Somewhere else", who="The man at number 14")
    unrelated = make_case(db, postcode="DE9 9AA", location="Far away", who="someone")
    reference = make_case(db, postcode="DE3 9ZZ", location="Flat 3, 2 Other Street, DE3 9ZZ",
                          who="the man at number 14 ")
    html = client.get(f"/officers/cases/{reference}").get_data(as_text=True)
    address_part = html.split("At the same address or postcode")[1].split("About the same person")[0]
    person_part = html.split("About the same person")[1].split("Reported by the same resident")[0]
    assert same_postcode in address_part and same_person not in address_part
    assert same_person in person_part and same_postcode not in person_part
    assert unrelated not in html


def test_an_officer_assigns_a_case_to_themselves_but_only_a_manager_assigns_it_to_someone_else(app, db, client):
    at(app, TUESDAY)
    me = signed_in_officer(db, client)
    colleague = make_officer(db, name="Cam Colleague")
    reference = make_case(db)
    refused = act(client, reference, "assign", officer_id=colleague)
    assert refused.status_code == 400 and "Only a manager" in refused.get_data(as_text=True)
    assert act(client, reference, "assign").status_code == 302
    manager = app.test_client()
    signed_in_officer(db, manager, role="manager")
    assert act(manager, reference, "assign", officer_id=colleague).status_code == 302
    kinds = [(e.kind, e.detail.get("before"), e.detail.get("after")) for e in events(db, reference)]
    assert kinds == [("opened", None, None), ("assigned", None, me), ("status_changed", "new", "assigned"),
                     ("assigned", me, colleague)]
    assert all(e.actor.startswith("officer:") for e in events(db, reference)[1:])


def test_correcting_the_type_recomputes_category_and_due_date_and_keeps_a_correction_for_the_nlu(app, db, client):
    at(app, TUESDAY)
    signed_in_officer(db, client)
    reference = make_case(db, types=("noise",), reported_at=MONDAY)
    missing_reason = act(client, reference, "types", types=["noise", "harassment"])
    assert missing_reason.status_code == 400
    assert "Enter the reason" in missing_reason.get_data(as_text=True)
    assert 'value="harassment" checked' in missing_reason.get_data(as_text=True)  # the form is kept
    assert act(client, reference, "types", types=["noise", "harassment"], reason="threats in the second call").status_code == 302
    with db.transaction() as session:
        case = session.scalars(select(Case).where(Case.reference == reference)).one()
        assert (case.category, case.primary_type, case.due_date.isoformat()) == ("CAT1", "harassment", "2026-12-08")
        correction = session.scalars(select(TypeCorrection)).one()
        assert (correction.source, correction.proposed, correction.corrected) == ("officer", ["noise"], ["harassment", "noise"])
        assert correction.reason == "threats in the second call"
    (event,) = [e for e in events(db, reference) if e.kind == "types_corrected"]
    assert event.detail["before"]["category"] == "CAT2" and event.detail["after"]["category"] == "CAT1"


def test_reassessing_risk_uses_the_policy_matrix(app, db, client):
    at(app, TUESDAY)
    signed_in_officer(db, client)
    reference = make_case(db)
    act(client, reference, "risk", yes=["feel_unsafe", "health", "vulnerable"], note="worse since the weekend")
    with db.transaction() as session:
        case = session.scalars(select(Case).where(Case.reference == reference)).one()
        assert (case.risk_score, case.risk_level) == (10, "high")
    (event,) = [e for e in events(db, reference) if e.kind == "risk_reassessed"]
    assert event.detail["before"]["level"] == "low" and event.detail["after"]["level"] == "high"


def test_the_action_plan_and_contact_frequency_are_recorded(app, db, client):
    at(app, TUESDAY)
    signed_in_officer(db, client)
    reference = make_case(db)
    bad = act(client, reference, "plan", action="Visit the neighbour", owner="Alex", target_date="next week")
    assert bad.status_code == 400 and "as a date" in bad.get_data(as_text=True)
    assert "Visit the neighbour" in bad.get_data(as_text=True)  # the officer's words survive the error
    act(client, reference, "plan", action="Visit the neighbour", owner="Alex", target_date="2026-12-15")
    act(client, reference, "frequency", every_days="7")
    with db.transaction() as session:
        item = session.scalars(select(ActionItem)).one()
        work = session.scalars(select(CaseWork)).one()
    assert (item.action, item.owner, item.target_date.isoformat()) == ("Visit the neighbour", "Alex", "2026-12-15")
    assert (work.contact_every_days, work.next_contact_due.isoformat()) == (7, "2026-12-15")
    html = client.get(f"/officers/cases/{reference}").get_data(as_text=True)
    assert "Visit the neighbour" in html and "Every 7 days" in html


def test_a_message_to_the_resident_goes_through_the_outbox_on_their_channel_and_counts_as_contact(app, db, client):
    at(app, TUESDAY)
    signed_in_officer(db, client)
    reference = make_case(db, channel="sms", address="+447700900555", language="pl")
    assert act(client, reference, "messages", text="I will call you tomorrow at 10am.").status_code == 302
    with db.transaction() as session:
        message = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "update")).one()
        work = session.scalars(select(CaseWork)).one()
    assert (message.channel, message.recipient, message.language) == ("sms", "+447700900555", "pl")
    # The officer's words as written, inside the translated template, in the resident's language.
    opening = translations("pl").gettext("Here is an update on your anti-social behaviour case {reference}.")
    assert opening != "Here is an update on your anti-social behaviour case {reference}."
    assert message.body.startswith(opening.format(reference=reference))
    assert "I will call you tomorrow at 10am." in message.body and message.case_id is not None
    assert work.first_response_at == TUESDAY
    assert "I will call you tomorrow" in client.get(f"/officers/cases/{reference}").get_data(as_text=True)


def test_an_officers_message_honours_the_residents_large_print_format(app, db, client):
    at(app, TUESDAY)
    signed_in_officer(db, client)
    reference = make_case(db, channel="sms", address="+447700900556", format="large_print")
    assert act(client, reference, "messages", text="We have spoken to your neighbour.").status_code == 302
    with db.transaction() as session:
        kinds = session.scalars(select(OutboxMessage.kind).order_by(OutboxMessage.id)).all()
        link = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "format_link")).one()
        document = session.scalars(select(Document)).one()
    assert kinds == ["update", "format_link"]
    assert "/documents/" in link.body and document.format == "large_print"
    assert "We have spoken to your neighbour." in document.body


def test_anonymous_residents_are_never_messaged(app, db, client):
    at(app, TUESDAY)
    signed_in_officer(db, client)
    reference = make_case(db, anonymous=True)
    response = act(client, reference, "messages", text="Hello")
    assert response.status_code == 400 and "anonymous" in response.get_data(as_text=True)
    with db.transaction() as session:
        assert session.scalars(select(OutboxMessage)).all() == []


def test_notes_and_status_changes_are_appended_to_the_history(app, db, client):
    at(app, TUESDAY)
    signed_in_officer(db, client)
    reference = make_case(db)
    refused = act(client, reference, "status", status="in_progress")
    assert refused.status_code == 400 and "named officer" in refused.get_data(as_text=True)
    act(client, reference, "assign")
    act(client, reference, "status", status="in_progress")
    act(client, reference, "notes", text="Spoke to the caretaker.")
    assert [e.kind for e in events(db, reference)][-2:] == ["status_changed", "note"]
    assert "Spoke to the caretaker." in client.get(f"/officers/cases/{reference}").get_data(as_text=True)


def test_evidence_is_served_to_signed_in_officers_only_and_each_download_is_audited(app, db, client, settings, tmp_path):
    from dataclasses import replace

    app.extensions["intake"].settings = replace(settings, evidence_dir=tmp_path)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG fake")
    reference = make_case(db)
    with db.transaction() as session:
        case_id = session.scalar(select(Case.id).where(Case.reference == reference))
        item = Evidence(case_id=case_id, channel="web", content_type="image/png", stored_path="photo.png", size=9,
                        sha256="0" * 64)
        session.add(item)
        session.flush()
        evidence_id = item.id
    anonymous_visitor = app.test_client()
    assert anonymous_visitor.get(f"/officers/evidence/{evidence_id}").status_code == 302
    signed_in_officer(db, client)
    assert f"/officers/evidence/{evidence_id}" in client.get(f"/officers/cases/{reference}").get_data(as_text=True)
    response = client.get(f"/officers/evidence/{evidence_id}")
    assert response.status_code == 200 and response.data == b"\x89PNG fake"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()
    with db.transaction() as session:
        assert "view_evidence" in session.scalars(select(AuditEntry.action)).all()


def test_a_manager_reads_the_audit_log_of_who_viewed_which_case(app, db, client):
    at(app, TUESDAY)
    signed_in_officer(db, client, name="Viewing Officer")
    reference = make_case(db)
    client.get(f"/officers/cases/{reference}")
    manager = app.test_client()
    signed_in_officer(db, manager, role="manager")
    html = manager.get("/officers/audit").get_data(as_text=True)
    assert "Viewing Officer" in html and reference in html and "view case" in html


def test_an_unknown_case_is_a_plain_not_found_page(db, client):
    signed_in_officer(db, client)
    response = client.get("/officers/cases/ASB-1999-000001")
    assert response.status_code == 404 and "no case with that reference" in response.get_data(as_text=True)


def test_the_case_page_shows_the_residents_language_format_and_contact_needs_first(app, db, client):
    at(app, TUESDAY)
    signed_in_officer(db, client)
    reference = make_case(db, language="ur", format="large_print", safe_times="after 6pm")
    page = client.get(f"/officers/cases/{reference}").get_data(as_text=True)
    needs = page.index("How to communicate with this resident")
    assert needs < page.index("<dt>Status</dt>")
    box = page[needs:page.index("</section>", needs)]
    assert "Urdu" in box and "Large print" in box and "after 6pm" in box
