"""Case references such as ASB-2026-000123, numbered by the database so that concurrent processes never collide."""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from intake.models import ReferenceCounter


def allocate_reference(session: Session, prefix: str, year: int) -> str:
    """The next reference for the year. The UPDATE takes the counter row's lock until commit."""
    _ensure_counter(session, year)
    number = session.execute(
        update(ReferenceCounter)
        .where(ReferenceCounter.year == year)
        .values(last=ReferenceCounter.last + 1)
        .returning(ReferenceCounter.last)
    ).scalar_one()
    return f"{prefix}-{year}-{number:06d}"


def _ensure_counter(session: Session, year: int) -> None:
    if session.execute(select(ReferenceCounter.year).where(ReferenceCounter.year == year)).first():
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(pg_insert(ReferenceCounter).values(year=year, last=0).on_conflict_do_nothing())
    elif dialect == "sqlite":
        session.execute(sqlite_insert(ReferenceCounter).values(year=year, last=0).on_conflict_do_nothing())
    else:
        session.execute(insert(ReferenceCounter).values(year=year, last=0))
