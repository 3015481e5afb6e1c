"""Benchmark of the NLU: quality on the test split beside the keyword baseline, and speed.

Run from the repository root: `python bench/nlu_bench.py` (PYTHONPATH=. if intake is not installed).
Latency is measured pinned to one CPU core; `intake classify` is timed end to end in a fresh
process (start-up and model load included) over 5,000 lines, once with one process and once with
its default, a worker per core the machine gives it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.nlu import classify, classify_many  # noqa: E402
from intake.nlu.baseline import classify_many_with_keywords  # noqa: E402
from intake.nlu.corpus import load_corpus, split_corpus  # noqa: E402
from intake.nlu.evaluation import measure, measure_latency  # noqa: E402
from intake.nlu.held_out import HELD_OUT_FILE  # noqa: E402
from intake.nlu.model import MODEL_DIR  # noqa: E402
from intake.policy import load_policy  # noqa: E402

CLI_LINES = 5000
_LOAD = ("import time, spacy, intake.nlu.model as m; t = time.perf_counter(); c = time.process_time(); "
         "m.load_model(); print(time.perf_counter() - t, time.process_time() - c)")
_CLI = "import sys; from intake.nlu.commands import classify; classify(sys.argv[1:])"
ALL_CORES = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None


def pin_to_one_core() -> None:
    if ALL_CORES is not None:
        os.sched_setaffinity(0, {sorted(ALL_CORES)[0]})


def in_fresh_process(code: str, stdin: str = "", args: tuple[str, ...] = (),
                     all_cores: bool = False) -> tuple[str, float, float]:
    """Output, wall seconds and CPU seconds of a fresh Python process running `code` (on every
    core this benchmark started with, if `all_cores`, rather than the one it is pinned to)."""
    def unpin() -> None:
        if all_cores and ALL_CORES is not None:
            os.sched_setaffinity(0, ALL_CORES)

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, check=True, preexec_fn=unpin)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return done.stdout, time.perf_counter() - start, cpu


def main() -> None:
    pin_to_one_core()
    policy = load_policy()
    test = split_corpus(load_corpus())["test"]
    texts = [r.text for r in test]
    # The held-out scores beside the model are for `intake nlu retune`; nothing loads them.
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*")
               if f.is_file() and f.name != HELD_OUT_FILE)
    load_seconds, load_cpu = map(float, in_fresh_process(_LOAD)[0].split())
    model = measure(test, classify_many(texts, policy), policy)
    keyword = measure(test, classify_many_with_keywords(texts, policy), policy)
    latency = measure_latency(texts, classify, classify_many)
    lines = "\n".join(texts[i % len(texts)].replace("\n", " ") for i in range(CLI_LINES)) + "\n"
    cli_runs = {}
    for name, args in [("one process", ("--workers", "1")), ("default workers", ())]:
        output, cli_seconds, cli_cpu = in_fresh_process(_CLI, lines, args, all_cores=True)
        assert output.count("\n") == CLI_LINES
        cli_runs[name] = cli_seconds, cli_cpu
    print(f"model on disk: {size / 1e6:.1f} MB ({MODEL_DIR}, without {HELD_OUT_FILE})")
    print(f"model load (fresh process, after imports): {load_seconds * 1000:.0f} ms "
          f"({load_cpu * 1000:.0f} ms CPU)")
    print(f"test split: {len(test)} reports")
    for name, attr in [("macro-F1", "macro_f1"), ("category accuracy", "category_accuracy"),
                       ("CAT1 recall", "cat1_recall"), ("danger_now recall", "danger_now_recall")]:
        print(f"{name:20} model {getattr(model, attr):.3f}   keyword baseline {getattr(keyword, attr):.3f}")
    print(f"classify latency (one core): median {latency.median_ms:.3f} ms, p99 {latency.p99_ms:.3f} ms; "
          f"CPU time median {latency.median_cpu_ms:.3f} ms, p99 {latency.p99_cpu_ms:.3f} ms")
    print(f"classify_many throughput: {latency.batch_reports_per_second:,.0f} reports/s "
          f"({latency.batch_reports_per_cpu_second:,.0f} per CPU second)")
    cores = len(ALL_CORES) if ALL_CORES is not None else os.cpu_count()
    for name, (cli_seconds, cli_cpu) in cli_runs.items():
        print(f"intake classify, {CLI_LINES} lines, fresh process, {name} ({cores} cores): "
              f"{cli_seconds:.2f} s = {CLI_LINES / cli_seconds:,.0f} reports/s; {cli_cpu:.2f} CPU s = "
              f"{CLI_LINES / cli_cpu:,.0f} reports per CPU second (start-up and load included)")


if __name__ == "__main__":
    main()
