"""The SMS channel's records: opt-outs, the Twilio messages each outbox row became, delivery reports.

Each function is one short transaction (or works in the caller's session), never held across a call
to Twilio.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake import outbox
from intake.channels.segments import SegmentCount
from intake.db import Database, utcnow
from intake.enums import OutboxStatus
from intake.models import CaseEvent, Message, OutboxMessage, SmsOptOutEvent, SmsPart, SmsStatusEvent

# Twilio's MessageStatus values in the order a message moves through them. A late "sent" must not
# overwrite "delivered"; "undelivered" and "failed" are ends that only a later "delivered" beats.
STATUS_RANK = {
    "accepted": 1, "scheduled": 1, "queued": 1, "sending": 2, "sent": 3,
    "undelivered": 4, "failed": 4, "delivered": 5, "read": 6,
}
NOT_DELIVERED = frozenset({"undelivered", "failed"})


def sender_state(db: Database, channel: str, address: str, message_sid: str) -> tuple[bool, bool]:
    """(already received, opted out) in one short read: the webhook's two questions before any work."""
    with db.sessions() as session:
        seen = session.scalar(select(Message.id).where(Message.channel == channel, Message.dedupe_key == message_sid))
        return seen is not None, is_opted_out(session, channel, address)


def is_opted_out(session: Session, channel: str, address: str) -> bool:
    latest = session.scalar(select(SmsOptOutEvent.opted_out).where(
        SmsOptOutEvent.channel == channel, SmsOptOutEvent.address == address).order_by(SmsOptOutEvent.id.desc()).limit(1))
    return bool(latest)


def opted_out(db: Database, channel: str, address: str) -> bool:
    with db.sessions() as session:
        return is_opted_out(session, channel, address)


def record_opt_out(db: Database, channel: str, address: str, *, opted_out: bool, message_sid: str) -> bool:
    """Record STOP (opted_out) or START; False when this MessageSid was recorded before."""
    try:
        with db.transaction() as session:
            session.add(SmsOptOutEvent(channel=channel, address=address, opted_out=opted_out, message_sid=message_sid))
    except IntegrityError:
        return False
    return True


def sent_parts(db: Database, outbox_id: int) -> dict[int, str]:
    """Parts of this outbox row Twilio already accepted, so a retry sends only the rest."""
    with db.sessions() as session:
        rows = session.execute(select(SmsPart.part, SmsPart.message_sid).where(SmsPart.outbox_id == outbox_id))
        return {part: sid for part, sid in rows}


def record_part(db: Database, outbox_id: int, part: int, message_sid: str, channel: str, count: SegmentCount) -> None:
    """Twilio accepted one part. A delivery report may have overtaken us: its status is applied here."""
    with db.transaction() as session:
        early = session.scalars(select(SmsStatusEvent).where(SmsStatusEvent.message_sid == message_sid)).all()
        best = max(early, key=lambda e: STATUS_RANK.get(e.status, 0), default=None)
        session.add(SmsPart(outbox_id=outbox_id, part=part, message_sid=message_sid, channel=channel,
                            encoding=count.encoding, segments=count.segments,
                            status=best.status if best else "queued", error_code=best.error_code if best else None))


def record_segments(db: Database, outbox_id: int, segments: int) -> None:
    """The segments billed for the whole row; its delivery status starts at queued unless a report came first."""
    with db.transaction() as session:
        row = session.get(OutboxMessage, outbox_id)
        first_status = "queued" if row is not None and row.delivery_status is None else None
        outbox.note_delivery(session, outbox_id, segments=segments, delivery_status=first_status)


@dataclass(frozen=True)
class StatusReport:
    message_sid: str
    status: str
    error_code: str | None
    outbox_id: int | None


def record_status(db: Database, report: StatusReport, now: datetime | None = None) -> bool:
    """Store one delivery report; False if this (MessageSid, MessageStatus) was stored before.

    The outbox row's `delivery_status` becomes the least advanced of its parts (any undelivered part
    makes it undelivered); moving into undelivered/failed adds a `message_undelivered` case event.
    """
    now = now or utcnow()
    try:
        with db.transaction() as session:
            with session.begin_nested():
                session.add(SmsStatusEvent(message_sid=report.message_sid, status=report.status,
                                           error_code=report.error_code, outbox_id=report.outbox_id))
            part = session.scalar(select(SmsPart).where(SmsPart.message_sid == report.message_sid).with_for_update())
            outbox_id = part.outbox_id if part is not None else report.outbox_id
            if part is not None and STATUS_RANK.get(report.status, 0) >= STATUS_RANK.get(part.status, 0):
                part.status, part.error_code, part.updated_at = report.status, report.error_code, now
            if outbox_id is not None:
                _update_outbox(session, outbox_id, report, part)
    except IntegrityError:
        return False
    return True


def _update_outbox(session: Session, outbox_id: int, report: StatusReport, part: SmsPart | None) -> None:
    parts = session.scalars(select(SmsPart.status).where(SmsPart.outbox_id == outbox_id)).all()
    statuses = list(parts) if part is not None else [report.status]
    bad = [s for s in statuses if s in NOT_DELIVERED]
    overall = bad[0] if bad else min(statuses, key=lambda s: STATUS_RANK.get(s, 0))
    row = session.get(OutboxMessage, outbox_id, with_for_update=True)
    if row is None:
        return
    before = row.delivery_status
    outbox.note_delivery(session, outbox_id, delivery_status=overall)
    if overall in NOT_DELIVERED and before not in NOT_DELIVERED and row.case_id is not None:
        session.add(CaseEvent(case_id=row.case_id, kind="message_undelivered", actor="twilio", detail={
            "outbox_id": row.id, "message_kind": row.kind, "channel": row.channel, "status": overall,
            "error_code": report.error_code}))


@dataclass(frozen=True)
class UndeliveredMessage:
    """A message to a resident about their case that did not reach them: officers should follow it up."""

    outbox_id: int
    kind: str
    channel: str
    status: str  # the provider's delivery status, or the outbox's `failed` when it was never accepted
    error: str | None
    created_at: datetime


def undelivered_for_case(session: Session, case_id: int) -> list[UndeliveredMessage]:
    """Every message for this case that failed to send or that the provider reported undelivered."""
    rows = session.scalars(select(OutboxMessage).where(
        OutboxMessage.case_id == case_id,
        or_(OutboxMessage.status == OutboxStatus.FAILED, OutboxMessage.delivery_status.in_(NOT_DELIVERED)),
    ).order_by(OutboxMessage.id)).all()
    return [UndeliveredMessage(row.id, row.kind, row.channel,
                               row.delivery_status if row.delivery_status in NOT_DELIVERED else row.status,
                               _error_of(session, row), row.created_at) for row in rows]


def _error_of(session: Session, row: OutboxMessage) -> str | None:
    code = session.scalar(select(SmsPart.error_code).where(
        SmsPart.outbox_id == row.id, SmsPart.error_code.is_not(None)).limit(1))
    return code or row.last_error
