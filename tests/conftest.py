"""Infrastructure fixtures only: databases (SQLite and PostgreSQL), the app, its client, a recording sender."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import text

from intake import create_app
from intake.config import Settings
from intake.db import Database
from intake.migrations import upgrade
from intake.models import Base
from tests.factories import RecordingSender, fixed_classifier

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_available() -> str | None:
    try:
        with psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3):
            return None
    except psycopg.OperationalError as exc:
        return str(exc).strip().splitlines()[0]


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated, empty database per backend and test session; every database test runs on both."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'intake.db'}"
        upgrade(url)
        yield url
        return
    problem = _postgres_available()
    if problem:
        pytest.skip(f"PostgreSQL unreachable at {POSTGRES_ADMIN_URL} ({problem}): database tests ran on SQLite only")
    name = f"intake_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        upgrade(url)
        yield url
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    _empty(database)
    database.dispose()


def _empty(database: Database) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with database.engine.begin() as connection:
        if database.is_postgres:
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, secret_key="test-secret-key", outbox_backoff_seconds=1.0)


@pytest.fixture
def sender() -> RecordingSender:
    return RecordingSender()


@pytest.fixture
def app(settings: Settings, db: Database, sender: RecordingSender):  # type: ignore[no-untyped-def]
    application = create_app(settings, classifier=fixed_classifier(), senders={"web": sender, "console": sender})
    application.config["TESTING"] = True
    yield application
    application.extensions["intake"].db.dispose()


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


# The local fake Twilio REST API and an app wired to it (tests/fake_twilio.py).
from tests.fake_twilio import fake_twilio, sms_app  # noqa: E402,F401
