"""Starting a conversation, and ending one early without losing what the resident told us."""

from __future__ import annotations

from datetime import datetime

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
