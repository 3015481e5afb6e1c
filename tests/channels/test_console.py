"""`intake chat`: the same conversation in a terminal, choices as numbered options."""

from __future__ import annotations

from sqlalchemy import select

from intake.channels.console import render_reply, run_console
from intake.messages import Choice, Reply
from intake.models import Case
from tests.factories import NOISE_AND_DRUGS_REPORT


def test_choices_are_rendered_as_numbered_options() -> None:
    rendered = render_reply(Reply("Is that right?", (Choice("yes", "Yes"), Choice("no", "No"))))
    assert rendered == "Is that right?\n  1. Yes\n  2. No"


def test_a_whole_report_can_be_made_in_the_terminal(app) -> None:
    lines = iter(said for said, _ in NOISE_AND_DRUGS_REPORT)
    output: list[str] = []

    def read() -> str:
        try:
            return next(lines)
        except StopIteration:
            raise EOFError from None

    run_console(app.extensions["intake"], read, output.append, sender="console-test")
    assert "Your reference is ASB-" in output[-1]
    with app.extensions["intake"].db.transaction() as session:
        assert session.scalars(select(Case.channel)).one() == "console"
