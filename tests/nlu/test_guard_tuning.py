"""Choosing the CAT1 guard: the threshold for recall, and a not-ASB ceiling only when it pays."""

from intake.nlu.corpus import LabelledReport
from intake.nlu.tuning import tune_cat1_guard

from tests.nlu.test_decision import THRESHOLDS, make_doc


def report(*types: str) -> LabelledReport:
    return LabelledReport(id="r", text="some report", types=types)


# 200 CAT1 reports the types missed, caught only by their any_cat1 score (0.400 to 0.599), and
# 100 CAT2 noise reports scoring 0.35 on any_cat1, below every CAT1 report.
CAT1_MISSED = [(make_doc({"noise": 0.9}, {"any_cat1": 0.4 + i / 1000}), report("harassment", "noise"))
               for i in range(200)]
NOISE = [(make_doc({"noise": 0.9}, {"any_cat1": 0.35}), report("noise")) for _ in range(100)]


def tune(pairs, policy):
    docs, reports = zip(*pairs)
    return tune_cat1_guard(list(docs), list(reports), THRESHOLDS, policy)


def test_the_guard_is_the_highest_threshold_that_still_reaches_the_recall_target(policy):
    # 0.41 would miss the ten reports scoring 0.400-0.409, more than the 1% the target allows.
    assert tune(CAT1_MISSED + NOISE, policy) == {"cat1_any": 0.4}


def test_a_ceiling_is_kept_when_confident_not_asb_messages_would_otherwise_be_escalated(policy):
    questions = [(make_doc({"not_asb": 0.97}, {"any_cat1": 0.6}), report()) for _ in range(50)]
    flags = tune(CAT1_MISSED + NOISE + questions, policy)
    assert flags["cat1_any"] == 0.4
    assert 0.5 <= flags["cat1_any_not_asb_ceiling"] <= 0.95


def test_no_ceiling_when_it_would_cost_the_recall_target_however_many_enquiries_it_spares(policy):
    # Three CAT1 reports worded like enquiries: a ceiling would miss them (200 of 203 < 99%).
    enquiring_cat1 = [(make_doc({"not_asb": 0.97}, {"any_cat1": 0.6}), report("violence"))
                      for _ in range(3)]
    questions = [(make_doc({"not_asb": 0.97}, {"any_cat1": 0.6}), report()) for _ in range(100)]
    assert tune(CAT1_MISSED + enquiring_cat1 + questions, policy) == {"cat1_any": 0.4}

