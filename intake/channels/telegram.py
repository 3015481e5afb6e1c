"""Telegram: the Bot API's webhook (and long polling) in, a thin adapter to the conversation.

An update becomes an `Inbound` and goes to `conversations.receive()`; the replies it causes are in the
outbox when that returns, and the worker sends them (`telegram_bot.TelegramSender`). The update's
`update_id` is the dedupe key, so Telegram's retries are handled once.

Pressed buttons are answered (answerCallbackQuery, which stops the button's spinner) IN THE WEBHOOK'S
HTTP RESPONSE, as the Bot API allows, not through the outbox: the answer is only useful in the first
seconds, says nothing to the resident and must not wait for the worker's next poll or survive a
restart; answering in the response costs no extra request and cannot be lost between our commit and a
worker. Telegram does not report whether that answer succeeded, which is fine: an unanswered button
just stops spinning on its own. Long polling has no HTTP response to answer in, so `intake telegram
poll` makes the same call through the Bot API itself.

Files (photos, voice notes, videos, documents) are fetched BEFORE the conversation's transaction, with
explicit timeouts, so no database transaction waits on Telegram.
"""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify, request
from sqlalchemy import select
from telegram import Message as TelegramMessage
from telegram import Update

from intake import outbox
from intake.channels.telegram_bot import (
    TelegramClient, TelegramConfig, TelegramFetchError, TelegramSender, telegram_config, text_of_callback,
)
from intake.config import Settings
from intake.conversation.lifecycle import chosen_language
from intake.enums import Channel
from intake.evidence import MAX_EVIDENCE_BYTES, EvidenceRejectedError, allowed, store_evidence
from intake.i18n import N_, translations
from intake.messages import Attachment, Inbound, Reply
from intake.models import Message
from intake.outbox import Sender
from intake.services import Services
from intake.web_errors import error_response

log = logging.getLogger(__name__)
blueprint = Blueprint("telegram", __name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's menu commands, as the words the conversation already knows (commands.py).
COMMANDS = {"start": "help", "help": "help", "cancel": "stop", "restart": "restart"}


@dataclass(frozen=True)
class MediaRef:
    """A file the resident sent, not fetched yet."""

    file_id: str
    content_type: str
    size: int | None


@dataclass(frozen=True)
class ParsedUpdate:
    """What this service uses of one update; `callback_query_id` is set when a button was pressed."""

    update_id: int
    chat_id: str
    text: str
    language: str | None = None
    location: tuple[float, float] | None = None
    media: tuple[MediaRef, ...] = ()
    callback_query_id: str | None = None


def parse_update(update: Update) -> ParsedUpdate | None:
    """The parts of an update we act on; None for anything else (groups, edited messages, channel posts)."""
    query = update.callback_query
    if query is not None:
        chat = query.message.chat if query.message is not None else None
        chat_id = str(chat.id if chat is not None else query.from_user.id)
        private = chat is None or chat.type == "private"
        text = text_of_callback(query.data) if private else None  # answered either way, acted on if ours
        return ParsedUpdate(update.update_id, chat_id, text or "", query.from_user.language_code,
                            callback_query_id=query.id)
    message = update.message
    if message is None or message.chat.type != "private":
        return None
    location = (message.location.latitude, message.location.longitude) if message.location else None
    return ParsedUpdate(
        update.update_id, str(message.chat.id), command_text(message.text or message.caption or ""),
        message.from_user.language_code if message.from_user else None, location, media_of(message),
    )


def command_text(text: str) -> str:
    """/start, /help, /cancel, /restart (with or without @BotName) as the conversation's own words."""
    if not text.startswith("/"):
        return text
    name = text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if len(text) > 1 else ""
    return COMMANDS.get(name, text)


def media_of(message: TelegramMessage) -> tuple[MediaRef, ...]:
    """The message's file, if any. Of a photo's sizes, the largest within our cap (Telegram's are JPEG)."""
    if message.photo:
        fitting = [p for p in message.photo if (p.file_size or 0) <= MAX_EVIDENCE_BYTES] or [message.photo[0]]
        best = max(fitting, key=lambda p: p.width * p.height)
        return (MediaRef(best.file_id, "image/jpeg", best.file_size),)
    for item, default_type in ((message.voice, "audio/ogg"), (message.audio, "audio/mpeg"),
                               (message.video, "video/mp4"), (message.video_note, "video/mp4"),
                               (message.document, "application/octet-stream")):
        if item is not None:
            content_type = getattr(item, "mime_type", None) or default_type
            return (MediaRef(item.file_id, content_type, item.file_size),)
    return ()


def answer_callback_method(callback_query_id: str) -> dict[str, Any]:
    """answerCallbackQuery as a webhook response body."""
    return {"method": "answerCallbackQuery", "callback_query_id": callback_query_id}


class TelegramChannel:
    """Handles parsed updates for one app; the webhook and `intake telegram poll` share it."""

    def __init__(self, services: Services, config: TelegramConfig, client: TelegramClient) -> None:
        self.services, self.config, self.client = services, config, client

    def accepts(self, secret: str | None) -> bool:
        """The secret token header, compared in constant time; nothing is accepted without one configured."""
        expected = self.config.webhook_secret
        if not expected or not secret:
            return False
        return hmac.compare_digest(secret.encode(), expected.encode())

    def handle(self, update: Update) -> dict[str, Any] | None:
        """Handle one update exactly once; returns the callback answer to send back, if a button was pressed."""
        parsed = parse_update(update)
        if parsed is None:
            return None
        answer = answer_callback_method(parsed.callback_query_id) if parsed.callback_query_id else None
        if parsed.callback_query_id and not parsed.text:
            return answer  # a button this service did not make: stop its spinner, nothing else
        if parsed.media and self._seen(parsed.update_id):
            return answer  # a retried delivery: do not fetch its file again
        attachments, problems = self._fetch(parsed)
        if problems:
            self._tell_about_files(parsed, problems)
        if not problems or parsed.text or attachments or parsed.location:
            self.services.conversations.receive(Inbound(
                channel=Channel.TELEGRAM, sender=parsed.chat_id, text=parsed.text,
                dedupe_key=str(parsed.update_id), language_hint=parsed.language, can_follow_up=True,
                attachments=tuple(attachments), location=parsed.location,
            ))
        return answer

    def _seen(self, update_id: int) -> bool:
        with self.services.db.transaction() as session:
            return session.scalar(select(Message.id).where(
                Message.channel == Channel.TELEGRAM, Message.dedupe_key == str(update_id))) is not None

    def _fetch(self, parsed: ParsedUpdate) -> tuple[list[Attachment], list[str]]:
        """Fetch, check and store each file; reasons, in plain words, for any we could not keep."""
        attachments: list[Attachment] = []
        problems: list[str] = []
        for media in parsed.media:
            try:
                if not allowed(media.content_type):
                    raise EvidenceRejectedError(N_("we can accept photos, audio, video and PDF files only"))
                if media.size is not None and media.size > MAX_EVIDENCE_BYTES:
                    raise EvidenceRejectedError(N_("that file is too large (the limit is 5 MB)"))
                data = self.client.fetch_file(media.file_id, MAX_EVIDENCE_BYTES)
                attachments.append(store_evidence(data, media.content_type, self.services.settings.evidence_dir))
            except (EvidenceRejectedError, TelegramFetchError) as error:
                log.info("telegram file not kept", extra={"update_id": parsed.update_id,
                                                          "error_type": type(error).__name__})
                problems.append(str(error))
        return attachments, problems

    def _tell_about_files(self, parsed: ParsedUpdate, problems: list[str]) -> None:
        """Said before the conversation's own reply, in the language the resident chose there (the Telegram
        app's language only for someone who has not written to us yet)."""
        with self.services.db.transaction() as session:
            chosen = chosen_language(session, Channel.TELEGRAM, parsed.chat_id)
            tr = translations(chosen or (parsed.language or "en").split("-")[0])
            text = tr.gettext("Sorry, we could not keep your file: {reason}. You can try sending it again.")
            for reason in problems:
                outbox.enqueue(session, channel=Channel.TELEGRAM, recipient=parsed.chat_id,
                               reply=Reply(text.format(reason=tr.gettext(reason))), now=self.services.clock())


@blueprint.post("/channels/telegram/webhook")
def webhook() -> Any:
    """Authenticate, parse, hand over, answer 200 straight away; replies leave through the outbox."""
    channel: TelegramChannel | None = current_app.extensions.get("telegram")
    if channel is None or channel.config.webhook_secret is None:
        return error_response(503, "The Telegram channel is not configured.")
    if not channel.accepts(request.headers.get(SECRET_HEADER)):
        log.warning("telegram webhook refused: wrong secret token")
        return error_response(403)
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict) or not isinstance(payload.get("update_id"), int):
        return error_response(400, "Expected a Telegram update.")
    try:
        update = Update.de_json(payload, None)
    except (KeyError, TypeError, ValueError):
        return error_response(400, "Expected a Telegram update.")
    return jsonify(channel.handle(update) or {})


def register(app: Flask, settings: Settings, senders: dict[str, Sender]) -> None:
    """Add the webhook; the channel is on only with a bot token, and says which at start-up."""
    app.register_blueprint(blueprint)
    config = telegram_config(settings)
    if config is None:
        log.warning("telegram channel off: TELEGRAM_BOT_TOKEN is not set (its webhook answers 503)")
        return
    sender = senders.get(Channel.TELEGRAM)
    client = sender.client if isinstance(sender, TelegramSender) else TelegramClient(config)
    app.extensions["telegram"] = TelegramChannel(app.extensions["intake"], config, client)
    if config.webhook_secret is None:
        log.warning("telegram channel on for sending and polling only: TELEGRAM_WEBHOOK_SECRET is not set, "
                    "so the webhook answers 503")
    else:
        log.info("telegram channel on", extra={"api_root": config.api_root})
