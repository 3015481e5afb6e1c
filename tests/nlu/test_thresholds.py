"""Choosing one label's threshold on held-out scores."""

from intake.nlu.thresholds import Band, tune_threshold

BAND = Band(beta=1.0, low=0.1, high=0.9, default=0.5)
# Two positives score high; two more score low but a rule would label them anyway; the negatives
# sit between.
SCORES = [0.9, 0.8, 0.2, 0.15, 0.3, 0.35, 0.05]
GOLD = [True, True, True, True, False, False, False]


def test_the_threshold_falls_to_catch_low_scoring_positives_when_no_rule_helps():
    assert tune_threshold(SCORES, GOLD, BAND) <= 0.15


def test_the_threshold_stays_above_the_negatives_when_a_rule_already_catches_the_low_positives():
    ruled = [False, False, True, True, False, False, False]
    threshold = tune_threshold(SCORES, GOLD, BAND, ruled)
    assert 0.35 < threshold <= 0.8


def test_a_flag_with_a_recall_floor_gives_up_precision_to_reach_it():
    from intake.nlu.tuning import tune_flag

    scores = [0.9, 0.8, 0.3, 0.04, 0.2, 0.1]
    gold = [True, True, True, True, False, False]
    quiet = [False] * len(scores)
    best_f1_alone, _ = tune_flag(scores, quiet, quiet, gold, beta=1.0)
    floored_alone, _ = tune_flag(scores, quiet, quiet, gold, beta=1.0, min_recall=0.99)
    assert best_f1_alone > 0.2 and floored_alone <= 0.04


def test_cat1_types_give_up_more_precision_for_recall_than_nuisance_types():
    from intake.nlu.tuning import BALANCED, CAT1_TYPE

    # Four positives score high, one scores low among two negatives: catching it costs precision.
    scores = [0.9, 0.85, 0.8, 0.75, 0.3, 0.35, 0.32, 0.05, 0.04, 0.03]
    gold = [True, True, True, True, True, False, False, False, False, False]
    assert tune_threshold(scores, gold, CAT1_TYPE) <= 0.3 < 0.35 < tune_threshold(scores, gold, BALANCED)
