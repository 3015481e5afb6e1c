"""`intake telegram set-webhook` and `intake telegram poll`.

`poll` is for a laptop without a public address: it long-polls getUpdates and feeds every update to
the same `TelegramChannel.handle` the webhook uses, so a dialogue behaves the same either way.
"""

from __future__ import annotations

import logging
import threading

import click
from flask import current_app
from flask.cli import with_appcontext
from telegram.error import Conflict, TelegramError

from intake.channels.telegram import TelegramChannel
from intake.services import services

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/channels/telegram/webhook"
# After a failed getUpdates, wait this long before asking again.
POLL_PAUSE_SECONDS = 5.0


def _channel() -> TelegramChannel:
    channel: TelegramChannel | None = current_app.extensions.get("telegram")
    if channel is None:
        raise click.ClickException("The Telegram channel is off: set TELEGRAM_BOT_TOKEN.")
    return channel


@click.group()
def telegram() -> None:
    """The Telegram bot: point its webhook here, or long-poll for local development."""


@telegram.command("set-webhook")
@click.option("--url", default=None, help="The public webhook address [PUBLIC_BASE_URL + " + WEBHOOK_PATH + "].")
@with_appcontext
def set_webhook(url: str | None) -> None:
    """Set the webhook URL, its secret token, the updates we accept, and the bot's command menu."""
    channel = _channel()
    secret = channel.config.webhook_secret
    if secret is None:
        raise click.ClickException("Set TELEGRAM_WEBHOOK_SECRET first (letters, digits, _ and -; up to 256).")
    url = url or services().settings.public_base_url + WEBHOOK_PATH
    if not url.startswith("https://"):
        raise click.ClickException(f"Telegram only calls HTTPS webhooks; {url} is not one.")
    channel.client.set_webhook(url, secret)
    click.echo(f"Telegram will deliver updates to {url}")


@telegram.command()
@click.option("--timeout", default=30, show_default=True, help="Seconds each long poll waits for updates.")
@with_appcontext
def poll(timeout: int) -> None:
    """Long-poll Telegram and handle updates here (removes any webhook first); Ctrl-C stops."""
    channel = _channel()
    channel.client.delete_webhook()
    click.echo("Polling Telegram for updates; press Ctrl-C to stop.")
    stop = threading.Event()
    try:
        poll_updates(channel, stop, timeout)
    except KeyboardInterrupt:
        stop.set()


def poll_updates(channel: TelegramChannel, stop: threading.Event, timeout: int = 30,
                 offset: int | None = None) -> int | None:
    """Until `stop` is set: fetch updates, handle each, then acknowledge by moving the offset past it.

    An update is acknowledged only after it was handled, so a crash re-delivers it; the update_id dedupe
    makes that harmless. Returns the next offset.
    """
    while not stop.is_set():
        try:
            updates = channel.client.get_updates(offset, timeout)
        except Conflict:
            raise click.ClickException("A webhook or another poller is active for this bot.") from None
        except TelegramError as error:
            log.warning("telegram getUpdates failed; retrying", extra={"error_type": type(error).__name__})
            stop.wait(POLL_PAUSE_SECONDS)
            continue
        for update in updates:
            answer = channel.handle(update)
            if answer is not None:
                _answer(channel, answer["callback_query_id"], update.update_id)
            offset = update.update_id + 1
    return offset


def _answer(channel: TelegramChannel, callback_query_id: str, update_id: int) -> None:
    """Stop the button's spinner; a query too old to answer is not worth more than a log line."""
    try:
        channel.client.answer_callback(callback_query_id)
    except TelegramError as error:
        log.info("telegram callback not answered", extra={"update_id": update_id, "error_type": type(error).__name__})
