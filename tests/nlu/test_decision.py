"""The decision step, table-tested on docs whose scores and rule flags are set by hand."""

import pytest
import spacy

from intake.enums import ActGroup, Category
from intake.nlu.decision import RULE_CONFIDENCE, decide
from intake.nlu.rules import register_extensions
from intake.nlu.thresholds import Thresholds

TYPES = ["violence", "domestic_abuse", "hate", "harassment", "drugs", "other_criminal", "vandalism",
         "verbal_abuse", "sexual_activity", "alcohol", "noise", "shared_areas", "vehicles", "animals",
         "litter_fly_tipping", "garden", "not_asb"]
THRESHOLDS = Thresholds(
    types={label: 0.5 for label in TYPES},
    flags={"danger_now": 0.6, "danger_now_with_rule": 0.2, "safeguarding": 0.6,
           "safeguarding_with_rule": 0.2, "cat1_any": 0.3},
)


def make_doc(scores: dict[str, float], flags: dict[str, float] | None = None, **rules: bool):
    register_extensions()
    doc = spacy.blank("en").make_doc("some report")
    doc.cats = {label: scores.get(label, 0.0) for label in TYPES}
    doc.cats.update({"danger_now": 0.0, "safeguarding": 0.0, **(flags or {})})
    for name, value in rules.items():
        setattr(doc._, f"rule_{name}", value)
    return doc


def test_a_mixed_report_lists_every_type_most_serious_first_and_takes_cat1(policy):
    result = decide(make_doc({"noise": 0.9, "harassment": 0.7, "drugs": 0.8}), THRESHOLDS, policy)
    assert result.types == ("harassment", "drugs", "noise")
    assert result.category == Category.CAT1
    assert result.group == ActGroup.PERSONAL
    assert result.confidence == pytest.approx(0.7)


def test_a_nuisance_only_report_is_cat2_with_its_group(policy):
    result = decide(make_doc({"litter_fly_tipping": 0.8, "garden": 0.6}), THRESHOLDS, policy)
    assert result.types == ("litter_fly_tipping", "garden")
    assert result.category == Category.CAT2
    assert result.group == ActGroup.ENVIRONMENTAL


def test_nothing_above_threshold_and_a_confident_not_asb_is_not_asb(policy):
    result = decide(make_doc({"not_asb": 0.9, "noise": 0.2}), THRESHOLDS, policy)
    assert result.types == () and result.category is None and result.primary is None
    assert result.confidence == pytest.approx(0.8)


def test_nothing_above_threshold_and_an_unsure_not_asb_takes_the_best_type(policy):
    assert decide(make_doc({"not_asb": 0.2, "noise": 0.3, "animals": 0.1}), THRESHOLDS, policy).types == ("noise",)


def test_the_hate_rule_adds_the_hate_type_and_flag(policy):
    result = decide(make_doc({"verbal_abuse": 0.9}, hate=True), THRESHOLDS, policy)
    assert result.types == ("hate", "verbal_abuse")
    assert result.hate and result.category == Category.CAT1
    assert result.confidence == RULE_CONFIDENCE


def test_danger_now_confirmed_by_its_rule_adds_the_likeliest_cat1_type_to_a_nuisance_report(policy):
    doc = make_doc({"noise": 0.9, "harassment": 0.1, "violence": 0.25}, {"danger_now": 0.3}, danger_now=True)
    result = decide(doc, THRESHOLDS, policy)
    assert result.danger_now
    assert result.types == ("violence", "noise")
    assert result.category == Category.CAT1


def test_the_danger_classifier_alone_flags_danger_but_leaves_a_nuisance_report_cat2(policy):
    doc = make_doc({"noise": 0.9, "harassment": 0.1, "violence": 0.25}, {"danger_now": 0.7})
    result = decide(doc, THRESHOLDS, policy)
    assert result.danger_now
    assert result.types == ("noise",)
    assert result.category == Category.CAT2


def test_a_danger_rule_alone_without_any_model_support_does_not_raise_the_flag(policy):
    doc = make_doc({"noise": 0.9}, {"danger_now": 0.05}, danger_now=True)
    assert not decide(doc, THRESHOLDS, policy).danger_now


def test_a_likely_cat1_report_with_no_cat1_type_over_threshold_still_gets_one(policy):
    result = decide(make_doc({"noise": 0.9, "harassment": 0.35}, {"any_cat1": 0.4}), THRESHOLDS, policy)
    assert result.category == Category.CAT1 and result.primary == "harassment"


def test_a_cat1_type_named_in_plain_words_is_added_when_the_model_found_none(policy):
    result = decide(make_doc({"noise": 0.9}, cat1=("violence",)), THRESHOLDS, policy)
    assert result.types == ("violence", "noise") and result.category == Category.CAT1


def test_a_cat1_cue_adds_nothing_when_the_model_already_found_a_cat1_type(policy):
    result = decide(make_doc({"domestic_abuse": 0.8}, cat1=("harassment",)), THRESHOLDS, policy)
    assert result.types == ("domestic_abuse",)


def test_without_the_cat1_guard_the_same_scores_stay_cat2(policy):
    assert decide(make_doc({"noise": 0.9, "harassment": 0.35}), THRESHOLDS, policy).category == Category.CAT2


def test_a_confident_not_asb_keeps_only_types_that_score_even_higher(policy):
    result = decide(make_doc({"not_asb": 0.8, "vandalism": 0.6, "noise": 0.85}), THRESHOLDS, policy)
    assert result.types == ("noise",)


def test_the_danger_classifier_alone_is_vetoed_when_the_report_is_about_the_past(policy):
    doc = make_doc({"violence": 0.9}, {"danger_now": 0.9}, past_only=True)
    assert not decide(doc, THRESHOLDS, policy).danger_now
    doc = make_doc({"violence": 0.9}, {"danger_now": 0.9}, past_only=True, danger_now=True)
    assert decide(doc, THRESHOLDS, policy).danger_now


def test_safeguarding_is_raised_by_the_rule_with_some_model_support(policy):
    assert decide(make_doc({"drugs": 0.9}, {"safeguarding": 0.3}, safeguarding=True), THRESHOLDS, policy).safeguarding
    assert not decide(make_doc({"drugs": 0.9}, {"safeguarding": 0.3}), THRESHOLDS, policy).safeguarding
