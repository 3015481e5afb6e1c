"""The Telegram Bot API through python-telegram-bot's `telegram.Bot`, called from synchronous code.

python-telegram-bot is asyncio; Flask views, the outbox worker and the CLI are not. Each process keeps
ONE event loop in a daemon thread and submits coroutines to it, so one httpx connection pool serves
every message and no loop is created per message. The loop starts lazily and is started again in a
forked child (gunicorn's workers fork after `create_app`), because a loop thread does not survive a fork.

Every call has explicit timeouts: httpx's per phase (connect, read, write, pool) and an overall bound
on the whole call, so a stuck Bot API can never hold a web request or the worker for long.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import threading
import warnings
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TypeVar

from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError, TimedOut
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

from intake.config import Settings
from intake.errors import IntakeError, PermanentSendError, RetryableSendError, SendError
from intake.i18n import N_
from intake.outbox import Outgoing

log = logging.getLogger(__name__)
T = TypeVar("T")

# Bot API limits: a message's text, and an inline button's callback data.
MAX_TEXT_LENGTH = 4096
MAX_CALLBACK_BYTES = 64
# The only updates the service asks for; everything else (groups' edits, polls, payments) never arrives.
ALLOWED_UPDATES = ("message", "callback_query")
MENU = (
    ("start", "Start a report"),
    ("help", "How this works and how to reach us"),
    ("restart", "Start the report again"),
    ("cancel", "Stop here (what you told us is kept)"),
)


@dataclass(frozen=True)
class TelegramConfig:
    """The channel's settings. The token and secret are kept out of `repr` so they never reach a log."""

    token: str = field(repr=False)
    webhook_secret: str | None = field(default=None, repr=False)
    api_root: str = "https://api.telegram.org"
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    write_timeout: float = 10.0
    pool_timeout: float = 5.0
    download_timeout: float = 30.0

    @property
    def base_url(self) -> str:
        return f"{self.api_root}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.api_root}/file/bot"

    @property
    def call_timeout(self) -> float:
        """An upper bound on one API call, beyond httpx's own phase timeouts."""
        return self.connect_timeout + self.write_timeout + self.read_timeout + self.pool_timeout


def telegram_config(settings: Settings) -> TelegramConfig | None:
    """The channel's settings from `settings.extra`; None (the channel is off) without a bot token."""
    token = settings.extra.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        return None
    secret = settings.extra.get("TELEGRAM_WEBHOOK_SECRET", "").strip() or None
    root = settings.extra.get("TELEGRAM_API_BASE_URL", "").strip().rstrip("/") or "https://api.telegram.org"
    return TelegramConfig(token=token, webhook_secret=secret, api_root=root)


class TelegramFetchError(IntakeError):
    """A resident's file could not be fetched from Telegram (too large for the Bot API, or the API failed)."""


class TelegramClient:
    """A `telegram.Bot` on this process's event loop, used synchronously; `close()` releases it."""

    def __init__(self, config: TelegramConfig) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._requests: tuple[HTTPXRequest, HTTPXRequest] | None = None
        self._bot: Bot | None = None

    def _start(self) -> tuple[asyncio.AbstractEventLoop, Bot]:
        # httpx logs every request's URL at INFO, and a Bot API URL contains the bot's token.
        logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger("httpx").level))
        with self._lock:
            if self._loop is None or self._bot is None or self._pid != os.getpid():
                c = self.config
                self._requests = tuple(  # type: ignore[assignment]
                    HTTPXRequest(connection_pool_size=size, connect_timeout=c.connect_timeout,
                                 read_timeout=c.read_timeout, write_timeout=c.write_timeout,
                                 pool_timeout=c.pool_timeout)
                    for size in (1, 8))
                assert self._requests is not None
                self._bot = Bot(c.token, base_url=c.base_url, base_file_url=c.base_file_url,
                                get_updates_request=self._requests[0], request=self._requests[1])
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(target=self._loop.run_forever, name="telegram-bot", daemon=True)
                self._thread.start()
                self._pid = os.getpid()
            return self._loop, self._bot

    def run(self, call: Callable[[Bot], Awaitable[T]], timeout: float | None = None) -> T:
        """Run `call(bot)` on the loop and wait for it; TimedOut if it outlasts `timeout` seconds."""
        loop, bot = self._start()

        async def wrapped() -> T:
            return await call(bot)

        future = asyncio.run_coroutine_threadsafe(wrapped(), loop)
        try:
            return future.result(timeout or self.config.call_timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise TimedOut("the Bot API call did not finish in time") from None

    def close(self) -> None:
        """Close the connection pools and stop the loop (tests, and a clean shutdown)."""
        with self._lock:
            loop, thread, requests = self._loop, self._thread, self._requests
            self._loop = self._thread = self._requests = self._bot = None
        if loop is None or thread is None or requests is None or self._pid != os.getpid():
            return

        async def shutdown() -> None:
            await asyncio.gather(*(r.shutdown() for r in requests))

        asyncio.run_coroutine_threadsafe(shutdown(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()

    # --- the calls the service makes ---------------------------------------------------------------

    def send_text(self, chat_id: str, parts: Sequence[str], markup: InlineKeyboardMarkup | None) -> int:
        """Send the parts in order, the keyboard under the last; returns the last message's id."""

        async def send(bot: Bot) -> int:
            message_id = 0
            for n, part in enumerate(parts, start=1):
                message = await bot.send_message(chat_id, part, reply_markup=markup if n == len(parts) else None)
                message_id = message.message_id
            return message_id

        return self.run(send, self.config.call_timeout * max(1, len(parts)))

    def fetch_file(self, file_id: str, max_bytes: int) -> bytes:
        """The file's bytes via getFile and a download; refuses before downloading when it is too large."""

        async def fetch(bot: Bot) -> bytes:
            file = await bot.get_file(file_id)
            if file.file_size is not None and file.file_size > max_bytes:
                raise TelegramFetchError(N_("that file is too large (the limit is 5 MB)"))
            data = await file.download_as_bytearray(read_timeout=self.config.download_timeout)
            return bytes(data)

        try:
            return self.run(fetch, self.config.call_timeout + self.config.download_timeout)
        except TelegramError as exc:
            raise TelegramFetchError(N_("we could not fetch it from Telegram just now")) from exc

    def answer_callback(self, callback_query_id: str) -> None:
        self.run(lambda bot: bot.answer_callback_query(callback_query_id))

    def get_updates(self, offset: int | None, timeout: int) -> tuple[Update, ...]:
        return self.run(
            lambda bot: bot.get_updates(offset=offset, timeout=timeout, allowed_updates=list(ALLOWED_UPDATES)),
            self.config.call_timeout + timeout,
        )

    def delete_webhook(self) -> None:
        self.run(lambda bot: bot.delete_webhook())

    def set_webhook(self, url: str, secret: str) -> None:
        """Point Telegram at our webhook with its secret, and publish the command menu."""

        async def configure(bot: Bot) -> None:
            await bot.set_webhook(url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES))
            await bot.set_my_commands([BotCommand(name, description) for name, description in MENU])

        self.run(configure, self.config.call_timeout * 2)


# --- rendering ---------------------------------------------------------------------------------------


def callback_data(value: str, number: int) -> str:
    """A choice's button data: "c:<value>", or "n:<number>" (its place in the list) when over 64 bytes.

    Both map back to words the conversation already understands (the value, or the option's number),
    so no server-side table of buttons is needed.
    """
    data = f"c:{value}"
    return data if len(data.encode()) <= MAX_CALLBACK_BYTES else f"n:{number}"


def text_of_callback(data: str | None) -> str | None:
    """What a pressed button says, as if typed; None for data this service never sent."""
    if data and data.startswith(("c:", "n:")) and len(data) > 2:
        return data[2:]
    return None


def keyboard(choices: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup | None:
    """One button a row, or two a row when every label is short (Yes / No)."""
    if not choices:
        return None
    buttons = [InlineKeyboardButton(label, callback_data=callback_data(value, n))
               for n, (value, label) in enumerate(choices, start=1)]
    width = 2 if all(len(label) <= 16 for _, label in choices) else 1
    return InlineKeyboardMarkup([buttons[i:i + width] for i in range(0, len(buttons), width)])


def _fits(text: str, limit: int) -> int:
    """How many leading characters fit in `limit` UTF-16 code units, as Telegram counts (an emoji is two)."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def split_text(text: str, limit: int = MAX_TEXT_LENGTH) -> list[str]:
    """Parts within `limit`, cut at a paragraph, then a line, then a space when one is in the second half."""
    parts: list[str] = []
    rest = text.strip()
    while (end := _fits(rest, limit)) < len(rest):
        cut = end
        for separator in ("\n\n", "\n", " "):
            at = rest.rfind(separator, 0, end)
            if at > end // 2:
                cut = at
                break
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not parts:
        parts.append(rest)
    return parts


# --- the outbox's sender -------------------------------------------------------------------------------


def retry_after_seconds(error: RetryAfter) -> float:
    """Telegram's "retry after" in seconds, whichever type this python-telegram-bot version gives."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


def send_error(error: TelegramError) -> SendError:
    """One exception type per boundary: what the outbox must do with a Bot API failure."""
    if isinstance(error, Forbidden):  # blocked by the user, or the user deleted their account
        return PermanentSendError(f"Telegram refused: {error.message}")
    if isinstance(error, RetryAfter):
        retryable = RetryableSendError(f"Telegram flood control: {error.message}")
        retryable.retry_after = retry_after_seconds(error)  # type: ignore[attr-defined]
        return retryable
    if isinstance(error, (BadRequest, ChatMigrated)):  # chat not found, text rejected: will not change
        return PermanentSendError(f"Telegram rejected the message: {error.message}")
    return RetryableSendError(f"Telegram unavailable: {type(error).__name__}")  # network, timeout, 5xx, token


class TelegramSender:
    """The worker's sender for the `telegram` channel; `recipient` is the private chat's id.

    A reply over 4,096 characters goes as several messages, the buttons under the last. If a later part
    fails, the retry sends the whole reply again (the outbox is at-least-once); such replies are rare.
    """

    def __init__(self, client: TelegramClient) -> None:
        self.client = client

    def send(self, message: Outgoing) -> str:
        parts = split_text(message.body)
        try:
            message_id = self.client.send_text(message.recipient, parts, keyboard(message.choices))
        except TelegramError as error:
            raise send_error(error) from error
        return f"{message.recipient}:{message_id}"


def telegram_sender(settings: Settings) -> TelegramSender | None:
    config = telegram_config(settings)
    return TelegramSender(TelegramClient(config)) if config else None
