"""Measuring a classifier against gold reports: the figures `intake nlu evaluate` prints.

Any classifier with the shape `texts -> list[Classification]` can be measured, so the trained model
and the keyword baseline are judged by exactly the same code.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from intake.enums import Category
from intake.nlu.classification import Classification
from intake.nlu.corpus import NOT_ASB, LabelledReport
from intake.policy import Policy

Classifier = Callable[[list[str]], list[Classification]]


@dataclass(frozen=True)
class LabelScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Metrics:
    reports: int
    labels: dict[str, LabelScore]
    macro_f1: float
    category_accuracy: float
    cat1_recall: float | None
    danger_now_recall: float | None
    confusion: dict[str, dict[str, int]]

    def to_dict(self) -> dict:
        return asdict(self)


def gold_category(report: LabelledReport, policy: Policy) -> str | None:
    if report.category is not None:
        return report.category or None
    category = policy.category_for(report.types)
    return category.value if category else None


def measure(gold: Sequence[LabelledReport], predicted: Sequence[Classification], policy: Policy) -> Metrics:
    """Per-label P/R/F1 (types and not_asb), macro-F1 over labels present in gold, and the rest."""
    gold_sets = [set(r.types) or {NOT_ASB} for r in gold]
    predicted_sets = [set(c.types) or {NOT_ASB} for c in predicted]
    labels = {label: _label_score(label, gold_sets, predicted_sets)
              for label in [*policy.seriousness, NOT_ASB]}
    supported = [s.f1 for s in labels.values() if s.support]
    categories = [(gold_category(r, policy), c.category.value if c.category else None)
                  for r, c in zip(gold, predicted)]
    cat1 = [p == Category.CAT1.value for g, p in categories if g == Category.CAT1.value]
    danger = [c.danger_now for r, c in zip(gold, predicted) if r.danger_now]
    return Metrics(
        reports=len(gold),
        labels=labels,
        macro_f1=_mean(supported) or 0.0,
        category_accuracy=_mean([g == p for g, p in categories]) or 0.0,
        cat1_recall=_mean(cat1),
        danger_now_recall=_mean(danger),
        confusion=_confusion(gold, predicted, policy),
    )


def _label_score(label: str, gold: list[set[str]], predicted: list[set[str]]) -> LabelScore:
    tp = sum(label in g and label in p for g, p in zip(gold, predicted))
    fp = sum(label not in g and label in p for g, p in zip(gold, predicted))
    fn = sum(label in g and label not in p for g, p in zip(gold, predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LabelScore(round(precision, 4), round(recall, 4), round(f1, 4), tp + fn)


def _confusion(gold: Sequence[LabelledReport], predicted: Sequence[Classification],
               policy: Policy) -> dict[str, dict[str, int]]:
    """Primary type, gold (rows) against predicted (columns)."""
    pairs = Counter((policy.most_serious(r.types) or NOT_ASB, c.primary or NOT_ASB)
                    for r, c in zip(gold, predicted))
    rows: dict[str, dict[str, int]] = {}
    for (g, p), count in sorted(pairs.items()):
        rows.setdefault(g, {})[p] = count
    return rows


def _mean(values: Sequence[bool] | Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


@dataclass(frozen=True)
class Latency:
    """Wall-clock and CPU-time figures; on a busy shared machine the CPU time is the fairer one."""

    median_ms: float
    p99_ms: float
    median_cpu_ms: float
    p99_cpu_ms: float
    batch_reports_per_second: float
    batch_reports_per_cpu_second: float


def measure_latency(texts: Sequence[str], classify_one: Callable[[str], object],
                    classify_batch: Classifier, batch_size: int = 5000) -> Latency:
    """Per-call latency over `texts` (after one warm-up call) and batch throughput."""
    classify_one(texts[0])
    wall, cpu = [], []
    for text in texts:
        start, start_cpu = time.perf_counter(), time.process_time()
        classify_one(text)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    batch = [texts[i % len(texts)] for i in range(batch_size)]
    start, start_cpu = time.perf_counter(), time.process_time()
    classify_batch(batch)
    elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    return Latency(
        median_ms=round(statistics.median(wall), 3),
        p99_ms=_p99(wall),
        median_cpu_ms=round(statistics.median(cpu), 3),
        p99_cpu_ms=_p99(cpu),
        batch_reports_per_second=round(batch_size / elapsed, 1),
        batch_reports_per_cpu_second=round(batch_size / max(elapsed_cpu, 1e-9), 1),
    )


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 3)
