"""A session-wide live server with a local stand-in for the quick-exit site (the browser is tests/conftest.py's)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.serving import make_server

from intake import create_app
from intake.config import Settings
from intake.migrations import upgrade
from tests.factories import RecordingSender, fixed_classifier

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


@pytest.fixture(scope="session")
def browser_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'intake.db'}"
    upgrade(url)
    app = create_app(Settings(database_url=url, secret_key="browser-test-key", quick_exit_url=NEUTRAL_SITE),
                     classifier=fixed_classifier(), senders={"web": RecordingSender()})
    yield app
    app.extensions["intake"].db.dispose()


@pytest.fixture(scope="session")
def live_server(browser_app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, browser_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    """A fresh browser context per test (its own cookies and storage); the neutral site is served locally."""
    context = browser.new_context(base_url=live_server)
    context.route(NEUTRAL_SITE + "**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>Weather</title><h1>Weather</h1>"))
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
