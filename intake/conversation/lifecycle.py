"""Starting a conversation, and ending one early without losing what the resident told us."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.conversation.states import State, Status
from intake.messages import Inbound
from intake.models import Conversation, Report, Resident
from intake.policy import Policy
from intake.triage.cases import public_answers


def start_conversation(
    session: Session, inbound: Inbound, resident: Resident, policy: Policy, now: datetime
) -> Conversation:
    hint = (inbound.language_hint or "").split("-")[0].lower()
    language = hint if hint in policy.languages else resident.language or policy.default_language
    conversation = Conversation(
        channel=inbound.channel, address=inbound.sender, resident_id=resident.id, status=Status.ACTIVE,
        state=State.SAFETY, answers={"_can_follow_up": inbound.can_follow_up, "_new": True}, history=[],
        language=language, created_at=now, updated_at=now,
    )
    session.add(conversation)
    session.flush()
    return conversation


def keep_as_incomplete(session: Session, conversation: Conversation, status: Status) -> None:
    """An unfinished conversation becomes an incomplete report officers can see: nothing told is lost."""
    conversation.status = status
    answers = public_answers(conversation.answers)
    if answers:
        session.add(Report(conversation_id=conversation.id, resident_id=conversation.resident_id,
                           status="incomplete", description=answers.get("description"), answers=answers))


def chosen_language(session: Session, channel: str, address: str) -> str | None:
    """The language of the resident's latest conversation on this channel, None if they have not written
    before. Notices sent beside the conversation's own replies (a file we could not keep) use it."""
    return session.scalar(
        select(Conversation.language)
        .where(Conversation.channel == channel, Conversation.address == address)
        .order_by(Conversation.id.desc()).limit(1))
