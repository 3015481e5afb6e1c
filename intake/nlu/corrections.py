"""Corrections of the NLU's proposal, by residents and officers, exported as corpus lines for retraining."""

from __future__ import annotations

import json
from collections.abc import Iterator

import click
from flask.cli import with_appcontext
from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import TypeCorrection
from intake.services import services


def correction_lines(session: Session) -> Iterator[dict[str, object]]:
    """One corpus object per correction, newest wins for the same text; labels as the corpus writes them."""
    latest: dict[str, TypeCorrection] = {}
    for correction in session.scalars(select(TypeCorrection).order_by(TypeCorrection.id)):
        latest[correction.text.strip()] = correction
    for text, correction in latest.items():
        yield {
            "id": f"correction-{correction.id}",
            "text": text,
            "types": list(correction.corrected) or ["not_asb"],
            "danger_now": False,
            "safeguarding": False,
            "hate": "hate" in correction.corrected,
            "source": correction.source,
        }


@click.command("export-corrections")
@click.option("--out", type=click.File("w", encoding="utf-8"), default="-",
              help="Where to write the JSONL (default: standard output).")
@with_appcontext
def export_corrections(out) -> None:  # type: ignore[no-untyped-def]
    """Write corrections as corpus JSONL: review them, then add the file to intake/nlu/corpus/ and retrain."""
    count = 0
    with services().db.transaction() as session:
        for line in correction_lines(session):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    click.echo(f"{count} corrections exported", err=True)
