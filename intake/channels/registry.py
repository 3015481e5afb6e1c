"""Which sender delivers each channel's outbox rows; a channel without credentials has none (and says so)."""

from __future__ import annotations

from intake.config import Settings
from intake.enums import Channel
from intake.outbox import Outgoing, Sender


class InboxSender:
    """Web chat and console: the outbox row itself is the resident's inbox, read when they look."""

    def send(self, message: Outgoing) -> str:
        return f"inbox-{message.id}"


def build_senders(settings: Settings) -> dict[str, Sender]:
    from intake.channels.email import SmtpSender, SmtpSettings

    senders: dict[str, Sender] = {Channel.WEB: InboxSender(), Channel.CONSOLE: InboxSender()}
    smtp = SmtpSettings.from_extra(settings.extra)
    if smtp is not None:
        senders[Channel.EMAIL] = SmtpSender(smtp)
    return senders
