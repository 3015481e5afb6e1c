"""The outbox: retries with backoff, a terminal `failed` after the cap, and safe claiming by several workers."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from intake import outbox
from intake.errors import PermanentSendError, RetryableSendError
from intake.messages import Reply
from intake.models import OutboxMessage
from tests.factories import RecordingSender

T0 = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
RETRY = outbox.RetryPolicy(max_attempts=3, backoff_seconds=10, lease_seconds=60)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def enqueue_one(db, text: str = "hello") -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        row = outbox.enqueue(session, channel="web", recipient="r1", reply=Reply(text), now=T0)
        session.flush()
        return row.id


def row(db, message_id: int) -> OutboxMessage:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return session.get(OutboxMessage, message_id)


def test_a_failing_sender_is_retried_with_backoff_until_it_succeeds(db) -> None:
    sender, clock = RecordingSender(), Clock()
    sender.fail_with(RetryableSendError("timeout"))
    message_id = enqueue_one(db)

    assert outbox.deliver_due(db, {"web": sender}, RETRY, clock) == 1
    first = row(db, message_id)
    assert (first.status, first.attempts) == ("pending", 1)
    assert first.next_attempt_at == T0 + timedelta(seconds=10)

    assert outbox.deliver_due(db, {"web": sender}, RETRY, clock) == 0  # not due yet
    clock.now = T0 + timedelta(seconds=10)
    assert outbox.deliver_due(db, {"web": sender}, RETRY, clock) == 1
    assert row(db, message_id).status == "sent"
    assert [m.id for m in sender.sent] == [message_id]


def test_a_message_is_marked_failed_after_the_attempt_cap(db) -> None:
    sender, clock = RecordingSender(), Clock()
    sender.fail_with(*[RetryableSendError("down")] * 3)
    message_id = enqueue_one(db)
    for _ in range(3):
        outbox.deliver_due(db, {"web": sender}, RETRY, clock)
        clock.now += timedelta(hours=1)
    failed = row(db, message_id)
    assert (failed.status, failed.attempts) == ("failed", 3)
    assert "down" in failed.last_error
    assert sender.sent == []


def test_a_permanent_error_fails_at_once(db) -> None:
    sender, clock = RecordingSender(), Clock()
    sender.fail_with(PermanentSendError("recipient opted out"))
    message_id = enqueue_one(db)
    outbox.deliver_due(db, {"web": sender}, RETRY, clock)
    assert (row(db, message_id).status, row(db, message_id).attempts) == ("failed", 1)


def test_a_providers_retry_after_is_honoured(db) -> None:
    sender, clock = RecordingSender(), Clock()
    throttled = RetryableSendError("slow down")
    throttled.retry_after = 120  # type: ignore[attr-defined]
    sender.fail_with(throttled)
    message_id = enqueue_one(db)
    outbox.deliver_due(db, {"web": sender}, RETRY, clock)
    assert row(db, message_id).next_attempt_at == T0 + timedelta(seconds=120)


def test_a_message_claimed_by_a_worker_that_died_is_sent_after_its_lease(db) -> None:
    clock = Clock()
    message_id = enqueue_one(db)
    assert [m.id for m in outbox.claim_due(db, clock(), 10, RETRY)] == [message_id]  # then the worker dies
    sender = RecordingSender()
    assert outbox.deliver_due(db, {"web": sender}, RETRY, clock) == 0
    clock.now += timedelta(seconds=61)
    assert outbox.deliver_due(db, {"web": sender}, RETRY, clock) == 1
    assert [m.id for m in sender.sent] == [message_id]


def test_concurrent_workers_never_send_the_same_message_twice(db) -> None:
    ids = [enqueue_one(db, f"m{n}") for n in range(40)]
    sender, clock = RecordingSender(), Clock()
    lock = threading.Lock()

    class Locked(RecordingSender):
        def send(self, message):  # type: ignore[no-untyped-def]
            with lock:
                return sender.send(message)

    def work() -> None:
        while outbox.deliver_due(db, {"web": Locked()}, RETRY, clock, limit=3):
            pass

    workers = [threading.Thread(target=work) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(m.id for m in sender.sent) == ids
    with db.transaction() as session:
        assert set(session.scalars(select(OutboxMessage.status))) == {"sent"}
