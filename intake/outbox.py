"""Every outbound message goes through here: written in the caller's transaction, delivered by the worker.

Delivery is at-least-once: a row is claimed (status `sending`, with a lease), sent outside any
transaction, then marked `sent`, rescheduled with exponential backoff, or `failed` after the cap.
A worker that dies mid-send leaves its lease to expire and another worker takes the row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from intake.db import Database
from intake.enums import OutboxStatus
from intake.errors import RetryableSendError, SendError
from intake.messages import Reply
from intake.models import OutboxMessage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outgoing:
    """What a sender needs: no ORM object crosses into provider code."""

    id: int
    channel: str
    recipient: str
    body: str
    choices: tuple[tuple[str, str], ...]
    language: str
    kind: str


class Sender(Protocol):
    def send(self, message: Outgoing) -> str:
        """Deliver one message; return the provider's id. Raise RetryableSendError or PermanentSendError."""


def enqueue(
    session: Session, *, channel: str, recipient: str, reply: Reply, language: str = "en",
    conversation_id: int | None = None, case_id: int | None = None, now: datetime | None = None,
) -> OutboxMessage:
    row = OutboxMessage(
        channel=channel, recipient=recipient, body=reply.text, choices=reply.choices_as_json(),
        kind=reply.kind, language=language, conversation_id=conversation_id, case_id=case_id,
        status=OutboxStatus.PENDING,
    )
    if now is not None:
        row.next_attempt_at = now
    session.add(row)
    return row


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6
    backoff_seconds: float = 30.0
    lease_seconds: float = 120.0

    def delay_after(self, attempts: int) -> timedelta:
        """30 s, 1 min, 2 min, 4 min... doubling, capped at six hours."""
        return timedelta(seconds=min(self.backoff_seconds * 2 ** (attempts - 1), 6 * 3600))


def claim_due(db: Database, now: datetime, limit: int, retry: RetryPolicy) -> list[Outgoing]:
    """Take up to `limit` due rows for this worker. SKIP LOCKED lets several workers share the queue."""
    with db.transaction() as session:
        due = or_(
            (OutboxMessage.status == OutboxStatus.PENDING) & (OutboxMessage.next_attempt_at <= now),
            (OutboxMessage.status == OutboxStatus.SENDING) & (OutboxMessage.next_attempt_at <= now),
        )
        query = select(OutboxMessage).where(due).order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)
        if db.is_postgres:
            query = query.with_for_update(skip_locked=True)
        rows = session.scalars(query).all()
        for row in rows:
            row.status = OutboxStatus.SENDING
            row.attempts += 1
            row.next_attempt_at = now + timedelta(seconds=retry.lease_seconds)
        return [_outgoing(row) for row in rows]


def _outgoing(row: OutboxMessage) -> Outgoing:
    choices = tuple((c["value"], c["label"]) for c in row.choices or [])
    return Outgoing(row.id, row.channel, row.recipient, row.body, choices, row.language, row.kind)


def record_sent(db: Database, message_id: int, provider_id: str, now: datetime) -> None:
    with db.transaction() as session:
        row = session.get(OutboxMessage, message_id)
        row.status, row.provider_id, row.sent_at, row.last_error = OutboxStatus.SENT, provider_id, now, None


def record_failure(db: Database, message_id: int, error: SendError, now: datetime, retry: RetryPolicy) -> str:
    """Reschedule a retryable failure, or end the row as `failed` when permanent or out of attempts."""
    with db.transaction() as session:
        row = session.get(OutboxMessage, message_id)
        row.last_error = f"{type(error).__name__}: {error}"[:500]
        if error.retryable and row.attempts < retry.max_attempts:
            row.status = OutboxStatus.PENDING
            wait = getattr(error, "retry_after", None)  # a provider's own "try again in N seconds"
            row.next_attempt_at = now + (timedelta(seconds=wait) if wait else retry.delay_after(row.attempts))
        else:
            row.status = OutboxStatus.FAILED
        return row.status


def deliver_due(
    db: Database, senders: Mapping[str, Sender], retry: RetryPolicy,
    clock: Callable[[], datetime], limit: int = 20,
) -> int:
    """One pass of the worker: claim, send each outside any transaction, record. Returns how many were tried."""
    batch = claim_due(db, clock(), limit, retry)
    for message in batch:
        sender = senders.get(message.channel)
        try:
            if sender is None:
                raise RetryableSendError(f"no sender configured for channel {message.channel}")
            provider_id = sender.send(message)
        except SendError as error:
            status = record_failure(db, message.id, error, clock(), retry)
            log.warning("outbox send failed", extra={"outbox_id": message.id, "channel": message.channel,
                                                     "status": status, "error_type": type(error).__name__})
            continue
        record_sent(db, message.id, provider_id, clock())
        log.info("outbox sent", extra={"outbox_id": message.id, "channel": message.channel})
    return len(batch)



def note_delivery(
    session: Session, message_id: int, *, delivery_status: str | None = None, segments: int | None = None,
) -> OutboxMessage | None:
    """A channel's news about a row it sent: the provider's delivery status, the segments it was billed as."""
    row = session.get(OutboxMessage, message_id)
    if row is None:
        return None
    if delivery_status is not None:
        row.delivery_status = delivery_status
    if segments is not None:
        row.segments = segments
    return row
