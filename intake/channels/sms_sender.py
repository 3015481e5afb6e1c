"""The worker's sender for SMS and WhatsApp: `client.messages.create` through the twilio SDK.

Each call has an explicit timeout. Twilio's errors are split into permanent (the message can never
be delivered: opted out, invalid number) and retryable (5xx, timeouts, throttling); the outbox
reschedules the second kind. A reply longer than one Twilio message is sent in parts, each recorded
as it is accepted, so a retry resumes after the parts already sent instead of repeating them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any

import requests
from twilio.base.exceptions import TwilioException
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from intake.channels import sms_store
from intake.channels.segments import count_segments
from intake.channels.sms_text import render_messages
from intake.channels.twilio_config import TWILIO_API, TwilioSettings
from intake.db import Database
from intake.enums import Channel
from intake.errors import PermanentSendError, RetryableSendError, SendError
from intake.outbox import Outgoing

log = logging.getLogger(__name__)

# Twilio error codes that no retry can fix. https://www.twilio.com/docs/api/errors
PERMANENT_CODES = frozenset({
    21211,  # invalid 'To' number
    21408,  # permission to send to this region not enabled
    21610,  # recipient replied STOP
    21612,  # 'To' not reachable from this sender
    21614,  # 'To' is not a mobile number
    21617,  # body too long
    21621,  # 'From' not enabled for WhatsApp
    63016,  # WhatsApp: outside the 24-hour window and not a template
    63024,  # WhatsApp: invalid recipient
})
# Codes that mean "later": throttling and Twilio's own trouble.
RETRYABLE_CODES = frozenset({20429, 63018, 20500, 20503, 30001})
OPTED_OUT_CODE = 21610


class ApiBaseHttpClient(TwilioHttpClient):
    """The SDK's own HTTP client, pointed at `api_base_url` (a regional proxy, or a local fake in tests).

    It also keeps the last response's headers for this thread, so a 429's Retry-After is honoured.
    """

    def __init__(self, api_base_url: str, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.api_base_url = api_base_url
        self._last = threading.local()

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:  # type: ignore[override]
        if self.api_base_url != TWILIO_API and url.startswith(TWILIO_API):
            url = self.api_base_url + url[len(TWILIO_API):]
        self._last.headers = {}
        response = super().request(method, url, *args, **kwargs)
        self._last.headers = dict(response.headers or {})
        return response

    def last_retry_after(self) -> float | None:
        raw = getattr(self._last, "headers", {}).get("Retry-After")
        try:
            return max(float(raw), 1.0) if raw else None
        except ValueError:
            return None


def classify_twilio_error(status: int | None, code: int | None, retry_after: float | None = None) -> SendError:
    """One exception type per boundary: permanent or retryable, with Twilio's own wait when it gave one."""
    described = f"Twilio error {code} (HTTP {status})"
    if code in PERMANENT_CODES:
        return PermanentSendError(described)
    if code in RETRYABLE_CODES or status is None or status >= 500 or status in (401, 403, 429):
        # 401/403: credentials being rotated or misconfigured; retrying until fixed loses nothing.
        error = RetryableSendError(described)
        error.retry_after = retry_after  # type: ignore[attr-defined]
        return error
    return PermanentSendError(described)


def whatsapp_address(number: str) -> str:
    return number if number.startswith("whatsapp:") else f"whatsapp:{number}"


class TwilioSender:
    """Delivers outbox rows of the SMS and WhatsApp channels."""

    def __init__(self, config: TwilioSettings, db: Database, client: Client | None = None) -> None:
        self.config, self.db = config, db
        self.http = ApiBaseHttpClient(config.api_base_url, config.timeout_seconds)
        self.client = client or Client(config.account_sid, config.auth_token, http_client=self.http)

    def send(self, message: Outgoing) -> str:
        if sms_store.opted_out(self.db, message.channel, message.recipient):
            raise PermanentSendError("the resident texted STOP; nothing is sent until they text START")
        texts = render_messages(message.body, message.choices)
        done = sms_store.sent_parts(self.db, message.id)
        sids, segments = [], 0
        for index, text in enumerate(texts):
            count = count_segments(text)
            segments += count.segments
            sid = done.get(index)
            if sid is None:
                sid = self._create(message, text)
                sms_store.record_part(self.db, message.id, index, sid, message.channel, count)
            sids.append(sid)
        sms_store.record_segments(self.db, message.id, segments)
        log.info("twilio accepted message", extra={"outbox_id": message.id, "parts": len(sids), "segments": segments})
        return sids[0] if sids else ""

    def _create(self, message: Outgoing, text: str) -> str:
        try:
            created = self.client.messages.create(body=text, **self._addresses(message),
                                                  status_callback=f"{self.config.status_callback_url}?outbox={message.id}")
        except TwilioException as exc:
            error = classify_twilio_error(getattr(exc, "status", None), getattr(exc, "code", None),
                                          self.http.last_retry_after())
            if getattr(exc, "code", None) == OPTED_OUT_CODE:
                sms_store.record_opt_out(self.db, message.channel, message.recipient, opted_out=True,
                                         message_sid=f"api-{OPTED_OUT_CODE}-{message.id}")
            raise error from exc
        except requests.RequestException as exc:  # timeouts, refused connections, resets
            raise RetryableSendError(f"Twilio unreachable: {type(exc).__name__}") from exc
        return str(created.sid)

    def _addresses(self, message: Outgoing) -> Mapping[str, str]:
        config = self.config
        if message.channel == Channel.WHATSAPP:
            if not config.whatsapp_from:
                raise PermanentSendError("TWILIO_WHATSAPP_FROM is not set")
            return {"to": whatsapp_address(message.recipient), "from_": whatsapp_address(config.whatsapp_from)}
        if config.messaging_service_sid:
            return {"to": message.recipient, "messaging_service_sid": config.messaging_service_sid}
        if not config.from_number:
            raise PermanentSendError("TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID is not set")
        return {"to": message.recipient, "from_": config.from_number}


def build_twilio_senders(config: TwilioSettings | None, db: Database | None) -> dict[str, TwilioSender]:
    """The sender for SMS, and for WhatsApp when a WhatsApp sender is configured."""
    if config is None or db is None:
        return {}
    sender = TwilioSender(config, db)
    senders = {Channel.SMS.value: sender} if (config.from_number or config.messaging_service_sid) else {}
    if config.whatsapp_from:
        senders[Channel.WHATSAPP.value] = sender
    return senders
