"""A resident reports through the web chat's HTTP API, end to end, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

from flask.testing import FlaskClient
from sqlalchemy import func, select

from intake import create_app
from intake.models import Case, CaseEvent, Conversation, OutboxMessage
from tests.factories import NOISE_AND_DRUGS_REPORT, fixed_classifier


def say(client: FlaskClient, text: str, **extra: object) -> list[dict]:
    response = client.post("/api/chat/messages", json={"text": text, **extra})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["messages"]


def run_dialogue(client: FlaskClient, dialogue: list[tuple[str, str]]) -> list[dict]:
    last: list[dict] = []
    for resident_says, expected in dialogue:
        last = say(client, resident_says)
        joined = "\n".join(m["text"] for m in last)
        assert expected in joined, f"after {resident_says!r} expected {expected!r} in:\n{joined}"
    return last


def test_full_web_report_opens_one_cat2_case_with_a_five_working_day_due_date_and_an_acknowledgement(app, client):
    app.extensions["intake"].clock = lambda: datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    app.extensions["intake"].conversations.clock = app.extensions["intake"].clock
    last = run_dialogue(client, NOISE_AND_DRUGS_REPORT)

    db = app.extensions["intake"].db
    with db.transaction() as session:
        case = session.scalars(select(Case)).one()
        assert case.category == "CAT2"
        assert case.types == ["drugs", "noise"]
        assert case.primary_type == "drugs"
        assert case.act_group == "nuisance"
        assert case.status == "new"
        assert case.due_date == date(2026, 12, 9)  # Wednesday + 5 working days
        assert case.risk_level == "low"
        assert case.reference.startswith("ASB-2026-")
        ack = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "acknowledgement")).one()
        assert ack.case_id == case.id
        assert case.reference in ack.body
        assert "Wednesday, 9 December 2026" in ack.body
        for link in ("derbyhomes.org", "saferderbyshire.gov.uk", "derby.gov.uk"):
            assert link in ack.body
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == 1
    assert last[0]["kind"] == "acknowledgement"


def test_a_report_mixing_noise_and_a_threat_is_cat1_due_in_one_working_day(app, client):
    services = app.extensions["intake"]
    services.conversations.classify = fixed_classifier({"noise": ["music"], "harassment": ["burn the flat"]})
    services.conversations.clock = lambda: datetime(2026, 12, 24, 11, 0, tzinfo=UTC)  # Thursday 24 December
    dialogue = list(NOISE_AND_DRUGS_REPORT)
    dialogue[2] = ("the music never stops and last night he said he would burn the flat down", "It sounds like")
    run_dialogue(client, dialogue)
    with services.db.transaction() as session:
        case = session.scalars(select(Case)).one()
        assert (case.category, case.primary_type) == ("CAT1", "harassment")
        assert case.types == ["harassment", "noise"]
        # Fri 25 Christmas, weekend, Mon 28 Boxing Day substitute: the next working day is Tuesday 29th.
        assert case.due_date == date(2026, 12, 29)


def test_the_same_dialogue_twice_in_parallel_opens_two_cases_with_distinct_references(app):
    errors: list[BaseException] = []

    def report() -> None:
        try:
            run_dialogue(app.test_client(), NOISE_AND_DRUGS_REPORT)
        except BaseException as exc:  # collected and re-raised in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=report) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    with app.extensions["intake"].db.transaction() as session:
        references = session.scalars(select(Case.reference)).all()
    assert len(references) == 2 and len(set(references)) == 2


def test_restarting_the_app_mid_conversation_loses_no_answer(settings, db, sender, client):
    half = len(NOISE_AND_DRUGS_REPORT) // 2
    run_dialogue(client, NOISE_AND_DRUGS_REPORT[:half])
    cookie = client.get_cookie("intake_chat")

    restarted = create_app(settings, classifier=fixed_classifier(), senders={"web": sender})
    new_client = restarted.test_client()
    new_client.set_cookie("intake_chat", cookie.value)
    run_dialogue(new_client, NOISE_AND_DRUGS_REPORT[half:])
    with restarted.extensions["intake"].db.transaction() as session:
        case = session.scalars(select(Case)).one()
        conversation = session.scalars(select(Conversation)).one()
        assert conversation.answers["location"] == "Flat 4, 12 Example Road, DE1 2AB"
        assert case.types == ["drugs", "noise"]
    restarted.extensions["intake"].db.dispose()


def test_a_retried_post_with_the_same_client_id_is_handled_once(app, client):
    first = say(client, "hello", client_id="m-1")
    again = client.post("/api/chat/messages", json={"text": "hello", "client_id": "m-1"}).get_json()
    assert "Is anyone in danger" in first[-1]["text"]
    assert again["duplicate"] is True and again["messages"] == []
    with app.extensions["intake"].db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == len(first)


def test_the_transcript_resumes_after_a_reload(client):
    say(client, "hello")
    say(client, "no")
    transcript = client.get("/api/chat/messages").get_json()["messages"]
    assert [m["from"] for m in transcript] == ["resident", "service", "service", "resident", "service"]
    assert transcript[-1]["text"].startswith("Please tell us what is happening")
