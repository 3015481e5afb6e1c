"""One inbound message, one step, one transaction: load state, answer, save state and replies together.

No resident's state is kept in memory, so any web process can take the next message and a crash or
restart loses nothing already answered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake import outbox
from intake.conversation import steps as step_defs
from intake.conversation.dialogue import Dialogue
from intake.conversation.states import Status
from intake.conversation.turn import Classifier, Turn
from intake.db import Database
from intake.formats.render import LinkSettings
from intake.i18n import translations
from intake.messages import MAX_MESSAGE_CHARS, Inbound, Reply
from intake.models import Conversation, Message, Resident
from intake.policy import Policy
from intake.conversation.lifecycle import keep_as_incomplete, start_conversation


@dataclass(frozen=True)
class Outcome:
    """What happened to one inbound message. `duplicate` means it had been handled before."""

    replies: tuple[Reply, ...]
    conversation_id: int | None = None
    case_reference: str | None = None
    duplicate: bool = False


class Conversations:
    """The conversation service every channel calls; built once per app."""

    def __init__(self, db: Database, policy: Policy, classify: Classifier, clock: Callable[[], datetime],
                 links: LinkSettings = LinkSettings()) -> None:
        self.db, self.policy, self.classify, self.clock = db, policy, classify, clock
        self.links = links
        self.steps = step_defs.build_steps(policy)

    def receive(self, inbound: Inbound) -> Outcome:
        """Handle one message exactly once; its replies are in the outbox when this returns."""
        now = self.clock()
        text = inbound.text.strip()[: MAX_MESSAGE_CHARS * 2]
        with self.db.transaction() as session:
            message = _record_inbound(session, inbound, text)
            if message is None:
                return Outcome((), duplicate=True)
            resident = _resident(session, inbound, self.policy)
            conversation, notes = self._current(session, inbound, resident, now)
            message.conversation_id = conversation.id
            turn = Turn(self.policy, translations(conversation.language), lru_cache(maxsize=4)(self.classify),
                        inbound, dict(conversation.answers))
            dialogue = Dialogue(session, self.policy, self.steps, conversation, resident, turn, now, self.links)
            replies = [*notes, *dialogue.step(text)]
            for reply in replies:
                outbox.enqueue(session, channel=dialogue.conversation.channel, recipient=dialogue.conversation.address,
                               reply=reply, language=dialogue.conversation.language,
                               conversation_id=dialogue.conversation.id, case_id=dialogue.case_id, now=now)
            return Outcome(tuple(replies), dialogue.conversation.id, dialogue.conversation.answers.get("case_reference"))

    def _current(
        self, session: Session, inbound: Inbound, resident: Resident, now: datetime
    ) -> tuple[Conversation, list[Reply]]:
        """The resident's live conversation, or a new one (expiring an idle one first, keeping its answers)."""
        conversation = session.scalars(
            select(Conversation)
            .where(Conversation.channel == inbound.channel, Conversation.address == inbound.sender,
                   Conversation.status.in_([Status.ACTIVE, Status.COMPLETED]))
            .order_by(Conversation.id.desc())
            .limit(1)
            .with_for_update()
        ).first()
        idle_limit = timedelta(hours=self.policy.expire_after_hours)
        if conversation and conversation.status == Status.ACTIVE and now - conversation.updated_at > idle_limit:
            keep_as_incomplete(session, conversation, Status.EXPIRED)
            new = start_conversation(session, inbound, resident, self.policy, now)
            return new, [Reply(translations(new.language).gettext(
                "Welcome back. Your last report was not finished, so we have kept what you told us for our "
                "officers. Let's start a new one."))]
        if conversation is None:
            return start_conversation(session, inbound, resident, self.policy, now), []
        return conversation, []


def _record_inbound(session: Session, inbound: Inbound, text: str) -> Message | None:
    """Store the message; None if this delivery was handled before (the same dedupe key)."""
    if inbound.dedupe_key is not None:
        seen = session.scalar(select(Message.id).where(
            Message.channel == inbound.channel, Message.dedupe_key == inbound.dedupe_key))
        if seen is not None:
            return None
    message = Message(channel=inbound.channel, body=text, dedupe_key=inbound.dedupe_key,
                      created_at=inbound.received_at)
    try:
        with session.begin_nested():
            session.add(message)
    except IntegrityError:
        return None  # a concurrent delivery of the same message won the race
    return message


def _resident(session: Session, inbound: Inbound, policy: Policy) -> Resident:
    resident = session.scalars(select(Resident).where(
        Resident.channel == inbound.channel, Resident.address == inbound.sender)).first()
    if resident is None:
        resident = Resident(channel=inbound.channel, address=inbound.sender, language=policy.default_language)
        session.add(resident)
        session.flush()
    return resident
