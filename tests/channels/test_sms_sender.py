"""The worker's Twilio sender against the fake REST API: outages, Twilio's error codes, long replies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from flask import Flask
from sqlalchemy import select

from intake import outbox
from intake.channels.sms_sender import classify_twilio_error
from intake.channels.sms_store import opted_out
from intake.errors import PermanentSendError, RetryableSendError
from intake.messages import Reply
from intake.models import OutboxMessage, SmsPart
from tests.fake_twilio import Failure, FakeTwilio, Phone, deliver_all, make_sms_app

RESIDENT = "+447700900555"
START = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(sms_app: Flask) -> Clock:
    clock = Clock()
    sms_app.extensions["intake"].clock = clock
    sms_app.extensions["intake"].conversations.clock = clock
    return clock


def rows(app: Flask) -> list[OutboxMessage]:
    with app.extensions["intake"].db.transaction() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def outbox_ids_sent(fake: FakeTwilio) -> list[int]:
    return [int(parse_qs(urlparse(m["StatusCallback"]).query)["outbox"][0]) for m in fake.messages]


def enqueue(app: Flask, text: str, now: datetime, recipient: str = RESIDENT) -> int:
    with app.extensions["intake"].db.transaction() as session:
        row = outbox.enqueue(session, channel="sms", recipient=recipient, reply=Reply(text), now=now)
        session.flush()
        return row.id


@pytest.mark.parametrize(("status", "code", "retryable"), [
    (400, 21610, False), (400, 21211, False), (400, 21614, False), (400, 63016, False), (400, 21999, False),
    (429, 20429, True), (429, 63018, True), (500, 20500, True), (503, 503, True), (401, 20003, True),
])
def test_twilio_errors_are_split_into_permanent_and_retryable(status: int, code: int, retryable: bool):
    error = classify_twilio_error(status, code, retry_after=12.0)
    assert isinstance(error, RetryableSendError if retryable else PermanentSendError)
    assert error.retryable is retryable
    if retryable:
        assert error.retry_after == 12.0


def test_messages_queued_while_twilio_is_down_are_all_delivered_once_it_is_back(
    sms_app: Flask, fake_twilio: FakeTwilio, clock: Clock
):
    fake_twilio.stop()
    Phone(sms_app, fake_twilio, RESIDENT).text("hello")  # the webhook still works: replies wait in the outbox
    Phone(sms_app, fake_twilio, "+447700900666").text("hello")
    assert [r.status for r in rows(sms_app)] == ["pending"] * 4
    for _ in range(3):  # down for a while: every attempt fails and is rescheduled
        clock.advance(600)
        assert deliver_all(sms_app) == 4
    assert all(r.attempts == 4 and "unreachable" in r.last_error for r in rows(sms_app))
    fake_twilio.start()
    assert deliver_all(sms_app) == 0  # nothing is due until the backoff has passed
    clock.advance(3600)
    deliver_all(sms_app)
    assert [r.status for r in rows(sms_app)] == ["sent"] * 4
    assert sorted(outbox_ids_sent(fake_twilio)) == [r.id for r in rows(sms_app)]  # each exactly once
    clock.advance(3600)
    assert deliver_all(sms_app) == 0 and len(fake_twilio.messages) == 4


def test_a_slow_twilio_is_given_up_on_at_the_timeout_and_retried(
    settings, db, fake_twilio: FakeTwilio, tmp_path: Path
):
    app = make_sms_app(settings, fake_twilio, tmp_path, TWILIO_TIMEOUT_SECONDS="0.3")
    message_id = enqueue(app, "Hello", datetime.now(UTC))
    fake_twilio.delay_seconds = 1.0
    started = datetime.now(UTC)
    deliver_all(app)
    assert datetime.now(UTC) - started < timedelta(seconds=1)
    row = rows(app)[0]
    assert row.id == message_id and row.status == "pending" and "Timeout" in row.last_error
    app.extensions["intake"].db.dispose()


def test_throttling_is_retried_after_twilios_own_wait(sms_app: Flask, fake_twilio: FakeTwilio, clock: Clock):
    enqueue(sms_app, "Hello", clock.now)
    fake_twilio.fail_next(Failure(429, 20429, {"Retry-After": "45"}))
    deliver_all(sms_app)
    row = rows(sms_app)[0]
    assert row.status == "pending" and row.next_attempt_at == START + timedelta(seconds=45)
    clock.advance(45)
    deliver_all(sms_app)
    assert rows(sms_app)[0].status == "sent" and len(fake_twilio.messages) == 1


def test_a_recipient_who_opted_out_at_twilio_fails_permanently_and_is_not_tried_again(
    sms_app: Flask, fake_twilio: FakeTwilio, clock: Clock
):
    enqueue(sms_app, "First", clock.now)
    fake_twilio.fail_next(Failure(400, 21610))
    deliver_all(sms_app)
    assert rows(sms_app)[0].status == "failed" and "21610" in rows(sms_app)[0].last_error
    assert opted_out(sms_app.extensions["intake"].db, "sms", RESIDENT)
    enqueue(sms_app, "Second", clock.now)
    requests_before = fake_twilio.requests
    deliver_all(sms_app)
    assert rows(sms_app)[1].status == "failed" and fake_twilio.requests == requests_before


def test_an_invalid_number_fails_permanently_without_retries(sms_app: Flask, fake_twilio: FakeTwilio, clock: Clock):
    enqueue(sms_app, "Hello", clock.now, recipient="+4412")
    fake_twilio.fail_next(Failure(400, 21211))
    deliver_all(sms_app)
    clock.advance(7200)
    deliver_all(sms_app)
    row = rows(sms_app)[0]
    assert (row.status, row.attempts) == ("failed", 1)


def test_a_reply_longer_than_one_message_is_sent_in_parts_and_a_retry_sends_only_the_missing_parts(
    sms_app: Flask, fake_twilio: FakeTwilio, clock: Clock
):
    paragraphs = [f"Part {n}: " + "Your report matters to us. " * 30 for n in range(4)]  # ~830 characters each
    message_id = enqueue(sms_app, "\n\n".join(paragraphs), clock.now)
    fake_twilio.fail_next(None, Failure(503, 20503))  # part one goes through, part two meets an outage
    sent_before = len(fake_twilio.messages)
    deliver_all(sms_app)
    assert rows(sms_app)[0].status == "pending" and len(fake_twilio.messages) == sent_before + 1
    clock.advance(60)
    deliver_all(sms_app)
    bodies = [m["Body"] for m in fake_twilio.messages]
    assert rows(sms_app)[0].status == "sent"
    assert [b.split(":")[0] for b in bodies] == ["Part 0", "Part 1", "Part 2", "Part 3"]  # none twice, none lost
    assert all(len(b) <= 1600 for b in bodies)
    with sms_app.extensions["intake"].db.transaction() as session:
        parts = session.scalars(select(SmsPart).where(SmsPart.outbox_id == message_id)).all()
        assert len(parts) == 4 and session.get(OutboxMessage, message_id).segments == sum(p.segments for p in parts)
        assert all(p.segments == 6 for p in parts)  # ~830 GSM-7 characters: 6 parts of 153


def test_a_messaging_service_is_used_when_configured(settings, db, fake_twilio: FakeTwilio, tmp_path: Path):
    app = make_sms_app(settings, fake_twilio, tmp_path, TWILIO_MESSAGING_SERVICE_SID="MG" + "2" * 32)
    enqueue(app, "Hello", datetime.now(UTC))
    deliver_all(app)
    sent = fake_twilio.messages[0]
    assert sent["MessagingServiceSid"] == "MG" + "2" * 32 and "From" not in sent
    app.extensions["intake"].db.dispose()
