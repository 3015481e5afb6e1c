import json

import pytest

from intake.errors import BadInputError
from intake.nlu.corpus import parse_report, split_corpus, split_of, LabelledReport


def test_a_text_always_lands_in_the_same_split_whatever_its_case_or_spacing():
    assert split_of("Dogs barking all night") == split_of("dogs  barking all NIGHT")


def test_the_split_is_roughly_seventy_fifteen_fifteen():
    reports = [LabelledReport(str(i), f"report number {i}", ("noise",)) for i in range(3000)]
    sizes = {name: len(items) for name, items in split_corpus(reports).items()}
    assert 1950 < sizes["train"] < 2250 and 300 < sizes["dev"] < 600 and 300 < sizes["test"] < 600


def test_a_not_asb_label_becomes_no_types_and_a_single_type_is_accepted():
    assert parse_report(json.dumps({"text": "hi", "types": ["not_asb"]}), "x").types == ()
    assert parse_report(json.dumps({"text": "loud", "type": "noise"}), "x").types == ("noise",)


def test_a_line_without_text_is_a_bad_input_error():
    with pytest.raises(BadInputError):
        parse_report(json.dumps({"types": ["noise"]}), "gold.jsonl:3")


@pytest.mark.parametrize(("name", "at_least"), [("challenge.jsonl", 200), ("blind.jsonl", 140), ("blind2.jsonl", 580)])
def test_the_challenge_sets_are_never_part_of_the_training_corpus(name, at_least):
    from pathlib import Path

    from intake.nlu.corpus import load_corpus, read_reports

    challenge = Path(__file__).resolve().parents[2] / "intake/nlu/challenge" / name
    held_out = {" ".join(r.text.lower().split()) for r in read_reports(challenge)}
    corpus = {" ".join(r.text.lower().split()) for r in load_corpus()}
    assert len(held_out) >= at_least and not held_out & corpus
