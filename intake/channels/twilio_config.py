"""Twilio settings, typed, from the TWILIO_* keys `intake.config` collects into `Settings.extra`.

The channel is on only with an account, its Auth Token and at least one sender id; without them
`twilio_settings` returns None and the endpoints answer 503.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from intake.config import Settings
from intake.errors import ConfigError

TWILIO_API = "https://api.twilio.com"


@dataclass(frozen=True)
class TwilioSettings:
    account_sid: str
    auth_token: str
    from_number: str | None
    messaging_service_sid: str | None
    whatsapp_from: str | None
    # The public address Twilio calls; signatures are computed over it, never over what the proxy passed on.
    public_base_url: str
    # "request": trust request.url (only behind werkzeug's ProxyFix configured for the real proxy chain).
    signature_url: str
    shared_key_sid: str | None
    shared_key_secret: str | None
    api_base_url: str
    timeout_seconds: float
    media_timeout_seconds: float
    evidence_dir: Path

    @property
    def status_callback_url(self) -> str:
        return f"{self.public_base_url}/channels/sms/status"


def _number(settings: Settings, key: str, default: float) -> float:
    raw = settings.extra.get(key, "")
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise ConfigError(f"{key} must be a number of seconds, not {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{key} must be more than zero")
    return value


def twilio_settings(settings: Settings) -> TwilioSettings | None:
    """The Twilio configuration, or None when the channel is off."""
    extra = settings.extra
    sid, token = extra.get("TWILIO_ACCOUNT_SID", ""), extra.get("TWILIO_AUTH_TOKEN", "")
    senders = [extra.get(k) for k in ("TWILIO_FROM_NUMBER", "TWILIO_MESSAGING_SERVICE_SID", "TWILIO_WHATSAPP_FROM")]
    if not sid or not token or not any(senders):
        return None
    signature_url = extra.get("TWILIO_SIGNATURE_URL", "public").lower()
    if signature_url not in {"public", "request"}:
        raise ConfigError("TWILIO_SIGNATURE_URL must be 'public' (PUBLIC_BASE_URL) or 'request' (behind ProxyFix)")
    return TwilioSettings(
        account_sid=sid, auth_token=token,
        from_number=extra.get("TWILIO_FROM_NUMBER") or None,
        messaging_service_sid=extra.get("TWILIO_MESSAGING_SERVICE_SID") or None,
        whatsapp_from=extra.get("TWILIO_WHATSAPP_FROM") or None,
        public_base_url=settings.public_base_url.rstrip("/"),
        signature_url=signature_url,
        shared_key_sid=extra.get("TWILIO_WEBHOOK_KEY_SID") or None,
        shared_key_secret=extra.get("TWILIO_WEBHOOK_KEY_SECRET") or None,
        api_base_url=(extra.get("TWILIO_API_BASE_URL") or TWILIO_API).rstrip("/"),
        timeout_seconds=_number(settings, "TWILIO_TIMEOUT_SECONDS", 10.0),
        media_timeout_seconds=_number(settings, "TWILIO_MEDIA_TIMEOUT_SECONDS", 5.0),
        evidence_dir=settings.evidence_dir,
    )
