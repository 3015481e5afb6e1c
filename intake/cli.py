"""The `intake` command: Flask's CLI (routes, shell) plus the service's own commands."""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext


def services():  # type: ignore[no-untyped-def]
    """The app's services, imported late: `intake classify` must not pay for the web app's imports."""
    from intake.services import services as current_services

    return current_services()


def nlu_with_corrections() -> click.Group:
    """The `nlu` group plus `export-corrections`, which needs the app and so lives apart."""
    from intake.nlu.commands import nlu
    from intake.nlu.corrections import export_corrections

    nlu.add_command(export_corrections)
    return nlu


def _imported(path: str) -> Callable[[], click.Command]:
    module, attribute = path.split(":")
    return lambda: getattr(importlib.import_module(module), attribute)  # type: ignore[no-any-return]


# Each area's commands are imported only when used, so `intake classify` does not pay for Flask apps,
# Telegram's client or the officers' password hashing at start-up.
LAZY_COMMANDS: dict[str, Callable[[], click.Command]] = {
    "telegram": _imported("intake.channels.telegram_commands:telegram"),
    "nlu": nlu_with_corrections,
    "classify": _imported("intake.nlu.commands:classify"),
    "officers": _imported("intake.officers.commands:officers_cli"),
    "tokens": _imported("intake.officers.commands:tokens_cli"),
}


class IntakeGroup(FlaskGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            return LAZY_COMMANDS[name]()
        return super().get_command(ctx, name)


def _create_app():  # type: ignore[no-untyped-def]
    from intake import create_app

    return create_app()


@click.group(cls=IntakeGroup, create_app=_create_app, add_default_commands=True, load_dotenv=False)
def main() -> None:
    """Report anti-social behaviour: web chat, SMS, WhatsApp and Telegram, triaged for officers."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")




@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Apply every migration (the Procfile's release step)."""
    from intake.migrations import upgrade

    upgrade(services().db.url)
    click.echo("database is up to date")


@main.command()
@with_appcontext
def worker() -> None:
    """Deliver the outbox until interrupted."""
    from intake.worker import run_worker

    stop = threading.Event()
    try:
        run_worker(services(), stop)
    except KeyboardInterrupt:
        stop.set()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@with_appcontext
def serve(host: str, port: int) -> None:
    """Serve the web app with the outbox worker in the same process (one machine, `make run`)."""
    from werkzeug.serving import run_simple

    from intake.nlu.default import warm_up
    from intake.worker import run_worker

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    stop = threading.Event()
    thread = threading.Thread(target=run_worker, args=(services(), stop), name="outbox-worker", daemon=True)
    thread.start()
    warm_up(services().conversations.classify)
    # No per-request access log: paths can carry private document tokens and resume attempts.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    click.echo(f"intake is serving on http://{host}:{port}/")
    try:
        run_simple(host, port, app, threaded=True, use_reloader=False)
    finally:
        stop.set()


@main.command()
@click.option("--as", "sender", default=None, help="Continue the conversation of this console address.")
@with_appcontext
def chat(sender: str | None) -> None:
    """Report through the same conversation in this terminal."""
    from intake.channels.console import run_console

    run_console(services(), lambda: input("> "), click.echo, sender)
