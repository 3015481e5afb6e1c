"""A local fake of Twilio's REST API: a real HTTP server on 127.0.0.1 the real `twilio` Client talks to.

It records every message created, serves media files, and can be told to fail (HTTP errors with
Twilio error codes, a slow answer, or being down altogether). Also: a phone that posts inbound
webhooks signed with the SDK's own RequestValidator.
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from flask import Flask
from flask.testing import FlaskClient
from twilio.request_validator import RequestValidator

from intake import create_app, outbox
from intake.config import Settings
from tests.factories import fixed_classifier

ACCOUNT_SID = "AC" + "1" * 32
AUTH_TOKEN = "fake-auth-token-0123456789abcdef"
FROM_NUMBER = "+441332000111"
WHATSAPP_FROM = "whatsapp:+14155238886"
PUBLIC_BASE_URL = "https://intake.example.org"


@dataclass
class Failure:
    status: int
    code: int
    headers: dict[str, str] = field(default_factory=dict)


class FakeTwilio:
    def __init__(self) -> None:
        self.messages: list[dict[str, str]] = []
        self.media: dict[str, tuple[bytes, str]] = {}
        # Scripted outcomes for the next requests: a Failure, or None to let that one through.
        self.failures: list[Failure | None] = []
        self.media_failures = 0
        self.delay_seconds = 0.0
        self.requests = 0
        self.lock = threading.Lock()
        self.port = 0
        self.server: ThreadingHTTPServer | None = None

    # --- control ---------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        fake = self

        class Handler(_Handler):
            twilio = fake

        self.server = _Server(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def stop(self) -> None:
        """Down: connections are refused until `start()` again (on the same port)."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def fail_next(self, *failures: Failure | None) -> None:
        with self.lock:
            self.failures.extend(failures)

    def add_media(self, data: bytes, content_type: str) -> str:
        name = f"ME{uuid.uuid4().hex}"
        self.media[name] = (data, content_type)
        return f"{self.base_url}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/MM{uuid.uuid4().hex}/Media/{name}"

    def sent_to(self, to: str) -> list[dict[str, str]]:
        with self.lock:
            return [m for m in self.messages if m["To"] == to]


class _Server(ThreadingHTTPServer):
    allow_reuse_address = True  # "down, then back" restarts on the same port
    daemon_threads = True


class _Handler(BaseHTTPRequestHandler):
    twilio: FakeTwilio

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _authorised(self) -> bool:
        expected = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
        return self.headers.get("Authorization") == expected

    def _json(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802
        fake = self.twilio
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if urlparse(self.path).path != f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json":
            return self._json(404, {"code": 20404, "message": "not found", "status": 404})
        if not self._authorised():
            return self._json(401, {"code": 20003, "message": "Authenticate", "status": 401})
        with fake.lock:
            fake.requests += 1
            failure = fake.failures.pop(0) if fake.failures else None
        if fake.delay_seconds:
            time.sleep(fake.delay_seconds)
        if failure is not None:
            return self._json(failure.status, {"code": failure.code, "message": "fake failure",
                                               "status": failure.status}, failure.headers)
        sid = f"SM{uuid.uuid4().hex}"
        with fake.lock:
            fake.messages.append({**form, "sid": sid})
        self._json(201, {"sid": sid, "account_sid": ACCOUNT_SID, "status": "queued", "body": form.get("Body"),
                         "to": form.get("To"), "from": form.get("From"), "num_segments": "1",
                         "date_created": "Mon, 30 Nov 2026 10:00:00 +0000", "direction": "outbound-api"})

    def do_GET(self) -> None:  # noqa: N802
        fake = self.twilio
        name = urlparse(self.path).path.rsplit("/", 1)[-1]
        if not self._authorised():
            return self._json(401, {"code": 20003, "message": "Authenticate", "status": 401})
        if fake.media_failures:
            fake.media_failures -= 1
            return self._json(500, {"code": 20500, "message": "fake failure", "status": 500})
        if name not in fake.media:
            return self._json(404, {"code": 20404, "message": "not found", "status": 404})
        data, content_type = fake.media[name]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


_sids = itertools.count(1)


def signed_post(client: FlaskClient, path: str, form: dict[str, str], *, token: str = AUTH_TOKEN,
                signature: str | None = None, headers: dict[str, str] | None = None) -> Any:
    """POST like Twilio: the form signed over the public URL (query string included) with the SDK."""
    if signature is None:
        algorithm = "HMAC_SHA256" if "HMAC_SHA256" in (headers or {}).get("X-Twilio-Webhooks-Signature-Settings", "") \
            else None
        signature = RequestValidator(token).compute_signature(f"{PUBLIC_BASE_URL}{path}", form, algorithm)
    return client.post(path, data=form, headers={"X-Twilio-Signature": signature, **(headers or {})})


def inbound_form(sender: str, body: str, *, sid: str | None = None, media: list[tuple[str, str]] = (),
                 to: str = FROM_NUMBER) -> dict[str, str]:
    """The fields Twilio posts for an inbound SMS/MMS/WhatsApp message."""
    sid = sid or f"SM{next(_sids):032x}"
    form = {
        "ToCountry": "GB", "ToState": "", "SmsMessageSid": sid, "NumMedia": str(len(media)), "ToCity": "",
        "FromZip": "", "SmsSid": sid, "FromState": "", "SmsStatus": "received", "FromCity": "", "Body": body,
        "FromCountry": "GB", "To": to, "ToZip": "", "NumSegments": "1", "MessageSid": sid,
        "AccountSid": ACCOUNT_SID, "From": sender, "ApiVersion": "2010-04-01",
    }
    for n, (url, content_type) in enumerate(media):
        form[f"MediaUrl{n}"], form[f"MediaContentType{n}"] = url, content_type
    return form


class Phone:
    """A resident's phone: texts the service and reads what the service sent back through the fake."""

    def __init__(self, app: Flask, fake: FakeTwilio, number: str, *, sender: str | None = None,
                 to: str = FROM_NUMBER) -> None:
        self.app, self.fake, self.number = app, fake, number
        self.sender, self.to = sender or number, to
        self.client = app.test_client()
        self.seen = 0

    def text(self, body: str, **kwargs: Any) -> list[str]:
        """Send a message, let the worker deliver, return the bodies that arrived since the last text."""
        response = signed_post(self.client, "/channels/sms/inbound", inbound_form(self.sender, body, to=self.to, **kwargs))
        assert response.status_code == 200, response.data
        assert b"<Response" in response.data
        deliver_all(self.app)
        return self.received()

    def received(self) -> list[str]:
        mine = self.fake.sent_to(self.number) + self.fake.sent_to(f"whatsapp:{self.number}")
        new, self.seen = mine[self.seen:], len(mine)
        return [m["Body"] for m in new]


def deliver_all(app: Flask) -> int:
    """Run the worker's delivery pass until nothing is due now."""
    s = app.extensions["intake"]
    total = 0
    while (tried := outbox.deliver_due(s.db, s.senders, s.retry, s.clock)):
        total += tried
    return total


@pytest.fixture
def fake_twilio() -> Iterator[FakeTwilio]:
    fake = FakeTwilio()
    fake.start()
    yield fake
    fake.stop()


def twilio_extra(fake: FakeTwilio, **overrides: str) -> dict[str, str]:
    extra = {"TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_FROM_NUMBER": FROM_NUMBER,
             "TWILIO_WHATSAPP_FROM": WHATSAPP_FROM, "TWILIO_API_BASE_URL": fake.base_url,
             "TWILIO_TIMEOUT_SECONDS": "2", "TWILIO_MEDIA_TIMEOUT_SECONDS": "2"}
    return {**extra, **overrides}


def make_sms_app(settings: Settings, fake: FakeTwilio, evidence_dir: Path, **overrides: str) -> Flask:
    twilio_settings = replace(settings, public_base_url=PUBLIC_BASE_URL, evidence_dir=evidence_dir,
                              extra=twilio_extra(fake, **overrides))
    app = create_app(twilio_settings, classifier=fixed_classifier())
    app.config["TESTING"] = True
    return app


@pytest.fixture
def sms_app(settings: Settings, db: Any, fake_twilio: FakeTwilio, tmp_path: Path) -> Iterator[Flask]:
    app = make_sms_app(settings, fake_twilio, tmp_path / "evidence")
    yield app
    app.extensions["intake"].db.dispose()
