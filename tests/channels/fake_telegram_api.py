"""A fake Telegram Bot API: a real HTTP server on 127.0.0.1 that the real `telegram.Bot` talks to.

It records every call, serves files for getFile and downloads, queues updates for getUpdates, and can
fail on demand (a given status for the next N calls of a method) or go down altogether and come back
on the same port. Also here: updates shaped exactly as Telegram sends them, and the fixtures that
build an app wired to this server (imported by the Telegram test modules).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote

import pytest

from intake import create_app
from intake.channels.telegram_bot import telegram_sender
from intake.config import Settings

TOKEN = "123456:TEST-token"
SECRET = "webhook-secret-for-tests"
JSON_FIELDS = {"reply_markup", "allowed_updates", "commands"}


@dataclass(frozen=True)
class ApiCall:
    method: str
    params: dict[str, Any]


class FakeTelegramApi:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[ApiCall] = []
        self.files: dict[str, bytes] = {}
        self.updates: list[dict[str, Any]] = []
        self._failures: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        self._changed = threading.Condition()
        self._message_ids = itertools.count(1000)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # --- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), _handler(self))
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Go down: the port refuses connections until `start()` is called again."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- set-up and inspection ---------------------------------------------------------------------

    def fail_next(self, method: str, status: int, description: str, times: int = 1,
                  parameters: dict[str, Any] | None = None) -> None:
        body = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        self._failures[method].extend([(status, body)] * times)

    def add_file(self, file_id: str, data: bytes) -> None:
        self.files[file_id] = data

    def queue_update(self, update: dict[str, Any]) -> None:
        with self._changed:
            self.updates.append(update)
            self._changed.notify_all()

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        return [c.params for c in self.calls if c.method == method]

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        return [p["text"] for p in self.calls_to("sendMessage") if chat_id is None or p["chat_id"] == str(chat_id)]

    # --- the API -----------------------------------------------------------------------------------

    def respond(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        self.calls.append(ApiCall(method, params))
        if self._failures[method]:
            return self._failures[method].pop(0)
        result = getattr(self, f"_{method}", lambda p: True)(params)
        if isinstance(result, tuple):
            return result
        return 200, {"ok": True, "result": result}

    def _sendMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"message_id": next(self._message_ids), "date": int(time.time()), "text": p["text"],
                "chat": {"id": int(p["chat_id"]), "type": "private"}}

    def _getMe(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"id": int(self.token.split(":")[0]), "is_bot": True, "first_name": "Report ASB", "username": "asb_bot"}

    def _getFile(self, p: dict[str, Any]) -> Any:
        data = self.files.get(p["file_id"])
        if data is None:
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"}
        return {"file_id": p["file_id"], "file_unique_id": f"u-{p['file_id']}", "file_size": len(data),
                "file_path": f"files/{p['file_id']}"}

    def _getUpdates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        offset, timeout = int(p.get("offset") or 0), float(p.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        with self._changed:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]  # earlier ones confirmed
            while not self.updates and time.monotonic() < deadline:
                self._changed.wait(deadline - time.monotonic())
            return list(self.updates)


def _handler(api: FakeTelegramApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            prefix = f"/bot{api.token}/"
            if not self.path.startswith(prefix):
                self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            if self.headers.get("Content-Type", "").startswith("application/json"):
                params = json.loads(body or "{}")
            else:
                params = {k: v[0] for k, v in parse_qs(body).items()}
                params = {k: json.loads(v) if k in JSON_FIELDS else v for k, v in params.items()}
            self._reply(*api.respond(self.path[len(prefix):], params))

        def do_GET(self) -> None:  # noqa: N802
            prefix, path = f"/file/bot{api.token}/files/", unquote(self.path)  # PTB quotes the token's colon
            data = api.files.get(path[len(prefix):]) if path.startswith(prefix) else None
            if data is None:
                self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            raw = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


# --- updates as Telegram sends them --------------------------------------------------------------------

_update_ids = itertools.count(500_000)


def _user(chat_id: int, language: str) -> dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Resident", "language_code": language}


def message_update(chat_id: int, text: str | None = None, language: str = "en", **fields: Any) -> dict[str, Any]:
    message = {"message_id": next(_update_ids), "date": int(time.time()), "from": _user(chat_id, language),
               "chat": {"id": chat_id, "type": "private", "first_name": "Resident"}, **fields}
    if text is not None:
        message["text"] = text
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": next(_update_ids), "message": message}


def callback_update(chat_id: int, data: str, language: str = "en") -> dict[str, Any]:
    message = {"message_id": next(_update_ids), "date": int(time.time()), "text": "a question",
               "from": {"id": 123456, "is_bot": True, "first_name": "Report ASB"},
               "chat": {"id": chat_id, "type": "private", "first_name": "Resident"}}
    query = {"id": f"cbq-{next(_update_ids)}", "from": _user(chat_id, language), "chat_instance": "ci-1",
             "message": message, "data": data}
    return {"update_id": next(_update_ids), "callback_query": query}


def photo_update(chat_id: int, file_id: str, size: int, caption: str | None = None) -> dict[str, Any]:
    sizes = [{"file_id": f"{file_id}-thumb", "file_unique_id": "t", "width": 90, "height": 60, "file_size": 900},
             {"file_id": file_id, "file_unique_id": "p", "width": 1280, "height": 960, "file_size": size}]
    return message_update(chat_id, None, photo=sizes, **({"caption": caption} if caption else {}))


def location_update(chat_id: int, latitude: float, longitude: float) -> dict[str, Any]:
    return message_update(chat_id, None, location={"latitude": latitude, "longitude": longitude})


# --- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture
def telegram_api() -> Iterator[FakeTelegramApi]:
    api = FakeTelegramApi()
    api.start()
    yield api
    api.stop()


@pytest.fixture
def telegram_settings(settings: Settings, telegram_api: FakeTelegramApi, tmp_path: Any) -> Settings:
    extra = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": SECRET,
             "TELEGRAM_API_BASE_URL": telegram_api.root}
    return replace(settings, extra=extra, evidence_dir=tmp_path / "evidence")


@pytest.fixture
def telegram_app(telegram_settings: Settings, db: Any) -> Iterator[Any]:
    """The app with its Telegram channel on, sending through the fake API; built as production builds it."""
    from tests.factories import fixed_classifier

    sender = telegram_sender(telegram_settings)
    assert sender is not None
    app = create_app(telegram_settings, classifier=fixed_classifier(), senders={"telegram": sender})
    app.config["TESTING"] = True
    yield app
    sender.client.close()
    app.extensions["intake"].db.dispose()
