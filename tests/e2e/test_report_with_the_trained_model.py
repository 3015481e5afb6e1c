"""The conversation with the real trained classifier: it proposes, the resident confirms or corrects,
danger words interrupt at any step, and corrections are exported for the next training run."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from intake import create_app
from intake.models import Case, TypeCorrection
from intake.nlu.corrections import export_corrections
from tests.e2e.test_web_report import run_dialogue, say
from tests.factories import NOISE_AND_DRUGS_REPORT


@pytest.fixture
def real_app(settings, db, sender):  # type: ignore[no-untyped-def]
    app = create_app(settings, senders={"web": sender})  # no classifier given: the trained model
    yield app
    app.extensions["intake"].db.dispose()


def test_the_model_proposes_the_types_from_the_residents_words_and_they_are_confirmed(real_app) -> None:
    client = real_app.test_client()
    say(client, "hello")
    say(client, "no")
    proposal = say(client, "loud music every night and people dealing drugs on the landing")[-1]["text"]
    assert proposal.startswith("It sounds like") and "drug" in proposal and "noise" in proposal
    run_dialogue(client, [("yes", "When did it happen"), *NOISE_AND_DRUGS_REPORT[4:]])
    with real_app.extensions["intake"].db.transaction() as session:
        case = session.scalars(select(Case)).one()
    assert {"drugs", "noise"} <= set(case.types) and case.category == "CAT2"


def test_a_threat_late_in_a_noise_complaint_makes_the_case_cat1(real_app) -> None:
    client = real_app.test_client()
    say(client, "hello")
    say(client, "no")
    say(client, "the music is so loud every night and last night he said he would burn the flat down with us in it")
    run_dialogue(client, [("yes", "When did it happen"), *NOISE_AND_DRUGS_REPORT[4:]])
    with real_app.extensions["intake"].db.transaction() as session:
        case = session.scalars(select(Case)).one()
    assert case.category == "CAT1" and case.primary_type in {"harassment", "violence"}


def test_danger_now_interrupts_whatever_the_question(real_app) -> None:
    client = real_app.test_client()
    run_dialogue(client, NOISE_AND_DRUGS_REPORT[:6])  # now at "Where is it happening?"
    replies = say(client, "he is outside my door right now with a knife screaming he will kill me")
    assert replies[0]["kind"] == "danger" and "call 999 now" in replies[0]["text"]


def test_a_residents_correction_is_stored_and_exported_as_corpus_jsonl(real_app) -> None:
    client = real_app.test_client()
    say(client, "hello")
    say(client, "no")
    say(client, "loud music every night and people dealing drugs on the landing")
    run_dialogue(client, [("no", "Which of these best describe it?"), ("noise", "When did it happen"),
                          *NOISE_AND_DRUGS_REPORT[4:]])
    with real_app.extensions["intake"].db.transaction() as session:
        correction = session.scalars(select(TypeCorrection)).one()
    assert correction.corrected == ["noise"] and "drugs" in correction.proposed
    result = real_app.test_cli_runner().invoke(export_corrections)
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout.strip().splitlines()[0])
    assert line["text"] == "loud music every night and people dealing drugs on the landing"
    assert line["types"] == ["noise"] and line["source"] == "resident"
