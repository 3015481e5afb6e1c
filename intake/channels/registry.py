"""Which sender delivers each channel's outbox rows; a channel without credentials has none (and says so)."""

from __future__ import annotations

from intake.channels.email import SmtpSender, SmtpSettings
from intake.channels.sms_sender import build_twilio_senders
from intake.channels.twilio_config import twilio_settings
from intake.channels.telegram_bot import telegram_sender
from intake.config import Settings
from intake.db import Database
from intake.enums import Channel
from intake.outbox import Outgoing, Sender


class InboxSender:
    """Web chat and console: the outbox row itself is the resident's inbox, read when they look."""

    def send(self, message: Outgoing) -> str:
        return f"inbox-{message.id}"


def build_senders(settings: Settings, db: Database | None = None) -> dict[str, Sender]:
    senders: dict[str, Sender] = {Channel.WEB: InboxSender(), Channel.CONSOLE: InboxSender()}
    senders.update(build_twilio_senders(twilio_settings(settings), db))
    if (telegram := telegram_sender(settings)) is not None:
        senders[Channel.TELEGRAM] = telegram
    if (smtp := SmtpSettings.from_extra(settings.extra)) is not None:
        senders[Channel.EMAIL] = SmtpSender(smtp)
    return senders
