"""Which sender delivers each channel's outbox rows; a channel without credentials has none (and says so)."""

from __future__ import annotations

from intake.channels.telegram_bot import telegram_sender
from intake.config import Settings
from intake.enums import Channel
from intake.outbox import Outgoing, Sender


class InboxSender:
    """Web chat and console: the outbox row itself is the resident's inbox, read when they look."""

    def send(self, message: Outgoing) -> str:
        return f"inbox-{message.id}"


def build_senders(settings: Settings) -> dict[str, Sender]:
    senders: dict[str, Sender] = {Channel.WEB: InboxSender(), Channel.CONSOLE: InboxSender()}
    if (telegram := telegram_sender(settings)) is not None:
        senders[Channel.TELEGRAM] = telegram
    return senders
