"""Plain-text tables for `intake nlu evaluate`: the model and the keyword baseline side by side."""

from __future__ import annotations

from intake.nlu.corpus import NOT_ASB
from intake.nlu.evaluation import Latency, Metrics


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def format_comparison(model: Metrics, baseline: Metrics) -> str:
    lines = [
        f"{'label':20} {'support':>7} | {'model P':>7} {'R':>5} {'F1':>5} | {'keyword P':>9} {'R':>5} {'F1':>5}",
        "-" * 78,
    ]
    for label, score in model.labels.items():
        if not score.support and not score.precision:
            continue
        base = baseline.labels[label]
        lines.append(
            f"{label:20} {score.support:7d} | {score.precision:7.3f} {score.recall:5.3f} "
            f"{score.f1:5.3f} | {base.precision:9.3f} {base.recall:5.3f} {base.f1:5.3f}"
        )
    lines.append("-" * 78)
    for name, attr in [("macro-F1 (labels in gold)", "macro_f1"),
                       ("category accuracy", "category_accuracy"),
                       ("CAT1 recall", "cat1_recall"),
                       ("danger_now recall", "danger_now_recall")]:
        lines.append(f"{name:28} model {_fmt(getattr(model, attr))}   keyword {_fmt(getattr(baseline, attr))}")
    return "\n".join(lines)


def format_confusion(metrics: Metrics, labels: list[str]) -> str:
    """Primary type, gold rows against predicted columns; column heads are the first 4 letters."""
    labels = [*labels, NOT_ASB]
    head = " " * 20 + "".join(f"{label[:4]:>5}" for label in labels)
    rows = [head]
    for gold in labels:
        row = metrics.confusion.get(gold, {})
        if row:
            rows.append(f"{gold:20}" + "".join(f"{row.get(p, 0) or '.':>5}" for p in labels))
    return "\n".join(rows)


def format_latency(latency: Latency) -> str:
    return (
        f"classify latency per call: median {latency.median_ms:.3f} ms, p99 {latency.p99_ms:.3f} ms "
        f"(CPU time: median {latency.median_cpu_ms:.3f} ms, p99 {latency.p99_cpu_ms:.3f} ms)\n"
        f"classify_many throughput: {latency.batch_reports_per_second:,.0f} reports/s "
        f"({latency.batch_reports_per_cpu_second:,.0f} per CPU second)"
    )
