"""The only types that cross the channel boundary: what a resident sent, and what we say back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from intake.db import utcnow
from intake.enums import Channel

MAX_MESSAGE_CHARS = 2000


@dataclass(frozen=True)
class Attachment:
    """Evidence a channel has already fetched, checked and stored; the conversation only links it."""

    content_type: str
    stored_path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Inbound:
    """One message from a resident, already authenticated and parsed by its channel.

    `dedupe_key` is the provider's id for this delivery (Twilio MessageSid, Telegram update_id, a web
    client's message id): the same key twice means the same message, and it is handled once.
    `can_follow_up` says whether the channel can reach the resident later without them coming back
    (SMS can; a web page cannot).
    """

    channel: Channel
    sender: str
    text: str
    dedupe_key: str | None = None
    received_at: datetime = field(default_factory=utcnow)
    language_hint: str | None = None
    can_follow_up: bool = True
    attachments: tuple[Attachment, ...] = ()
    location: tuple[float, float] | None = None


@dataclass(frozen=True)
class Choice:
    """An answer the resident can pick; channels render it (numbered option, button, keyboard)."""

    value: str
    label: str


@dataclass(frozen=True)
class Reply:
    text: str
    choices: tuple[Choice, ...] = ()
    kind: str = "reply"

    def choices_as_json(self) -> list[dict[str, str]]:
        return [{"value": c.value, "label": c.label} for c in self.choices]
