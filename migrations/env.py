"""Alembic environment: the URL comes from `intake.migrations.upgrade`, never from a file."""

from alembic import context
from sqlalchemy import create_engine

from intake.db import normalise_database_url
from intake.models import Base

config = context.config
url = normalise_database_url(config.get_main_option("sqlalchemy.url"))


def run_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
