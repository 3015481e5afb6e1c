"""Per-label decision thresholds, tuned on the dev split only and saved beside the model.

Missing a CAT1 report is the worst error, so CAT1 types and `danger_now` are tuned for F-beta with a
large beta (recall weighs several times precision) within a low band; other labels for F1. When a
range of thresholds ties, the middle of the range is taken: the dev split is small and the middle is
the choice least likely to be an accident of it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

THRESHOLDS_FILE = "thresholds.json"
MIN_POSITIVES = 3


@dataclass(frozen=True)
class Band:
    """How one label is tuned: F-beta's beta and the allowed threshold range."""

    beta: float
    low: float
    high: float
    default: float


RECALL_FIRST = Band(beta=3.0, low=0.05, high=0.5, default=0.3)
BALANCED = Band(beta=1.0, low=0.15, high=0.7, default=0.5)
CAUTIOUS = Band(beta=2.0, low=0.1, high=0.6, default=0.4)


@dataclass(frozen=True)
class Thresholds:
    types: dict[str, float]
    flags: dict[str, float]
    notes: dict[str, object] = field(default_factory=dict)

    def save(self, directory: Path) -> None:
        data = {"types": self.types, "flags": self.flags, "notes": self.notes}
        (directory / THRESHOLDS_FILE).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")

    @classmethod
    def load(cls, directory: Path) -> Thresholds:
        data = json.loads((directory / THRESHOLDS_FILE).read_text())
        return cls(types=data["types"], flags=data["flags"], notes=data.get("notes", {}))


def f_beta(true_pos: int, false_pos: int, false_neg: int, beta: float) -> float:
    b2 = beta * beta
    denominator = (1 + b2) * true_pos + b2 * false_neg + false_pos
    return (1 + b2) * true_pos / denominator if denominator else 0.0


def tune_threshold(scores: Sequence[float], gold: Sequence[bool], band: Band) -> float:
    """The threshold in the band with the best F-beta on these dev scores (middle of any tie)."""
    if sum(gold) < MIN_POSITIVES:
        return band.default
    steps = int(round((band.high - band.low) * 100))
    grid = [round(band.low + i / 100, 2) for i in range(steps + 1)]
    results = [(_score_at(scores, gold, t, band.beta), t) for t in grid]
    best = max(value for value, _ in results)
    tied = [t for value, t in results if value >= best - 1e-9]
    return tied[len(tied) // 2]


def _score_at(scores: Sequence[float], gold: Sequence[bool], threshold: float, beta: float) -> float:
    tp = fp = fn = 0
    for score, positive in zip(scores, gold):
        predicted = score >= threshold
        tp += predicted and positive
        fp += predicted and not positive
        fn += positive and not predicted
    return f_beta(tp, fp, fn, beta)


def tune_all(
    scores: dict[str, list[float]], gold: dict[str, list[bool]], bands: dict[str, Band]
) -> dict[str, float]:
    return {label: tune_threshold(scores[label], gold[label], bands[label]) for label in scores}
