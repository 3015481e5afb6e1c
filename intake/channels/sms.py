"""SMS and WhatsApp through Twilio: signed webhooks in, the same conversation, replies via the outbox.

A thin adapter: authenticate (X-Twilio-Signature), parse the form into an `Inbound`, handle the
opt-out words that belong to the phone network rather than the conversation, fetch any photos or
audio outside the conversation's transaction, and hand over to `Conversations.receive`. The webhook
answers with empty TwiML straight away; every reply is written to the outbox and sent by the worker.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from flask import Blueprint, Flask, Response, current_app, request
from twilio.request_validator import SIGNATURE_HEADER, SIGNATURE_SETTINGS_HEADER, RequestValidator, get_signature_algorithm
from twilio.twiml.messaging_response import MessagingResponse

from intake import outbox
from intake.channels import sms_store
from intake.channels.sms_keywords import Keyword, keyword_in
from intake.channels.sms_media import FetchedMedia, MediaItem, fetch_media
from intake.channels.twilio_config import TwilioSettings, twilio_settings
from intake.config import Settings
from intake.conversation.answers import InvalidAnswerError, parse_uk_phone
from intake.conversation.lifecycle import chosen_language
from intake.enums import Channel
from intake.errors import BadInputError, IntakeError
from intake.i18n import translations
from intake.messages import Inbound, Reply
from intake.services import services
from intake.web_errors import error_response

log = logging.getLogger(__name__)
blueprint = Blueprint("sms", __name__)
EXTENSION = "intake_twilio"
WHATSAPP_PREFIX = "whatsapp:"


class ChannelOffError(IntakeError):
    """Twilio is not configured, so the SMS and WhatsApp endpoints are closed."""


class ForgedRequestError(IntakeError):
    """The request's X-Twilio-Signature is missing or does not match: it did not come from Twilio."""


@blueprint.errorhandler(ChannelOffError)
def channel_off(_: ChannelOffError):  # type: ignore[no-untyped-def]
    return error_response(503, "SMS and WhatsApp are not configured on this service.")


@blueprint.errorhandler(ForgedRequestError)
def forged(_: ForgedRequestError):  # type: ignore[no-untyped-def]
    log.warning("twilio signature rejected", extra={"path": request.path})
    return error_response(403)


def init_app(app: Flask, settings: Settings) -> None:
    """Register the endpoints (503 while off) and say once, at start-up, whether the channel is on."""
    config = twilio_settings(settings)
    app.extensions[EXTENSION] = config
    app.register_blueprint(blueprint)
    if config is None:
        log.info("SMS/WhatsApp channel is off: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER "
                 "(or TWILIO_MESSAGING_SERVICE_SID, TWILIO_WHATSAPP_FROM) to turn it on")


# --- parsing ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TwilioMessage:
    """An inbound SMS/MMS/WhatsApp message as Twilio described it, addresses already normalised."""

    message_sid: str
    channel: Channel
    sender: str
    text: str
    media: tuple[MediaItem, ...] = ()
    location: tuple[float, float] | None = None


def normalise_address(raw: str) -> tuple[Channel, str]:
    """The channel and E.164 number behind Twilio's `From` ("whatsapp:+44...", "+44...", "07700 900123")."""
    raw = raw.strip()
    channel = Channel.SMS
    if raw.lower().startswith(WHATSAPP_PREFIX):
        channel, raw = Channel.WHATSAPP, raw[len(WHATSAPP_PREFIX):].strip()
    try:
        return channel, parse_uk_phone(raw)
    except InvalidAnswerError:
        return channel, raw  # a short code or alphanumeric sender: kept as it is


def parse_twilio_form(form: Mapping[str, str]) -> TwilioMessage:
    sid = form.get("MessageSid") or form.get("SmsMessageSid")
    sender = form.get("From")
    if not sid or not sender:
        raise BadInputError("MessageSid and From are required")
    channel, address = normalise_address(sender)
    try:
        count = min(int(form.get("NumMedia") or 0), 10)
    except ValueError:
        count = 0
    media = tuple(MediaItem(form[f"MediaUrl{n}"], form.get(f"MediaContentType{n}", ""))
                  for n in range(count) if form.get(f"MediaUrl{n}"))
    return TwilioMessage(sid, channel, address, form.get("Body") or "", media, _location(form))


def _location(form: Mapping[str, str]) -> tuple[float, float] | None:
    """A WhatsApp shared location arrives as Latitude/Longitude."""
    try:
        return (float(form["Latitude"]), float(form["Longitude"])) if form.get("Latitude") else None
    except (KeyError, ValueError):
        return None


# --- authentication ------------------------------------------------------------------------------


def signed_url(config: TwilioSettings) -> str:
    """The URL Twilio requested, query string included: what its signature covers."""
    if config.signature_url == "request":
        return request.url
    query = request.query_string.decode("utf-8", "replace")
    return f"{config.public_base_url}{request.path}" + (f"?{query}" if query else "")


def require_signature(config: TwilioSettings) -> None:
    signature = request.headers.get(SIGNATURE_HEADER)
    if not signature:
        raise ForgedRequestError
    settings_header = request.headers.get(SIGNATURE_SETTINGS_HEADER)
    token = config.auth_token
    if settings_header and "key=" in settings_header:  # signed with a webhook SharedKey, not the Auth Token
        key = dict(p.strip().partition("=")[::2] for p in settings_header.split(",")).get("key")
        if not config.shared_key_secret or key != config.shared_key_sid:
            raise ForgedRequestError
        token = config.shared_key_secret
    algorithm = get_signature_algorithm(settings_header)
    if not RequestValidator(token).validate(signed_url(config), request.form, signature, algorithm):
        raise ForgedRequestError


def require_config() -> TwilioSettings:
    config = current_app.extensions.get(EXTENSION)
    if config is None:
        raise ChannelOffError
    return config


def empty_twiml() -> Response:
    return Response(str(MessagingResponse()), mimetype="text/xml")


# --- endpoints -----------------------------------------------------------------------------------


@blueprint.post("/channels/sms/inbound")
def receive_inbound() -> Response:
    config = require_config()
    require_signature(config)
    message = parse_twilio_form(request.form)
    seen, was_out = sms_store.sender_state(services().db, message.channel, message.sender, message.message_sid)
    if seen:
        return empty_twiml()  # Twilio retried a message we have handled
    text = apply_keywords(message, was_out)
    if text is None:
        return empty_twiml()
    media = fetch_media(config, message.media) if message.media else FetchedMedia((), ())
    outcome = services().conversations.receive(Inbound(
        channel=message.channel, sender=message.sender, text=text, dedupe_key=message.message_sid,
        attachments=media.attachments, location=message.location, can_follow_up=True))
    if media.problems and not outcome.duplicate:
        tell_about_media(message, media.problems, outcome.conversation_id)
    log.info("sms received", extra={"message_sid": message.message_sid, "channel": message.channel,
                                    "conversation_id": outcome.conversation_id, "media": len(media.attachments)})
    return empty_twiml()


def apply_keywords(message: TwilioMessage, was_out: bool) -> str | None:
    """STOP ends all messages (None: nothing for the conversation); START resumes where they were."""
    db = services().db
    keyword = keyword_in(message.text, opted_out=was_out)
    if keyword is Keyword.OPT_OUT:
        sms_store.record_opt_out(db, message.channel, message.sender, opted_out=True, message_sid=message.message_sid)
        log.info("sms opt-out", extra={"message_sid": message.message_sid, "channel": message.channel})
        return None
    if keyword is Keyword.OPT_IN and was_out:
        sms_store.record_opt_out(db, message.channel, message.sender, opted_out=False, message_sid=message.message_sid)
        return "menu"  # the conversation repeats the question they were on
    return message.text


def tell_about_media(message: TwilioMessage, problems: tuple[str, ...], conversation_id: int | None) -> None:
    """A file we could not keep is said so, in the language the resident chose; the words of the message
    were kept regardless."""
    s = services()
    with s.db.transaction() as session:
        language = chosen_language(session, message.channel, message.sender) or s.policy.default_language
        _ = translations(language).gettext
        text = _("Sorry, we could not keep a file you sent: {reason}. You can try sending it again, or describe "
                 "it in words.").format(reason=_(problems[0]))
        outbox.enqueue(session, channel=message.channel, recipient=message.sender, reply=Reply(text, kind="notice"),
                       language=language, conversation_id=conversation_id, now=s.clock())


@blueprint.post("/channels/sms/status")
def receive_status() -> Response:
    """Twilio's delivery reports for what we sent: queued, sent, delivered, undelivered, failed, read."""
    config = require_config()
    require_signature(config)
    sid, status = request.form.get("MessageSid"), request.form.get("MessageStatus") or request.form.get("SmsStatus")
    if not sid or not status:
        raise BadInputError("MessageSid and MessageStatus are required")
    outbox_id = request.args.get("outbox", type=int)
    report = sms_store.StatusReport(sid, status.lower(), request.form.get("ErrorCode") or None, outbox_id)
    recorded = sms_store.record_status(services().db, report, services().clock())
    log.info("sms status", extra={"message_sid": sid, "status": report.status, "outbox_id": outbox_id,
                                  "duplicate": not recorded})
    return empty_twiml()
