"""Classifying a stream of report lines for `intake classify`, on every core the process may use.

With the bag of words blended in, one process on this project's slower two-core machines took
3.3 to 5.7 s for 5,000 lines over seven runs (880 to 1,520 reports a second, spaCy's import and
the model's load included; 984 in `bench/nlu_bench.py`), too close to the service's bar of 1,000.
The work splits cleanly by line, so when the input is longer than one task, forked workers (which
inherit the loaded model instead of loading their own) classify tasks of `TASK_LINES` lines while
this process reads and writes: 2.5 to 3.4 s with two. Output order is input order, and the output
is the same whatever the number of workers. Short inputs never start a worker: forking costs more
than they take.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from pathlib import Path

from intake.nlu.classification import Classification
from intake.nlu.corpus import NOT_ASB
from intake.policy import Policy

TASK_LINES = 250  # about one `nlp.pipe` batch; small enough that two workers finish together

_Task = tuple[int, list[str]]  # the number of the line before the first, and the lines


def count_usable_cores() -> int:
    """The cores this process may run on (fewer than the machine's under `taskset` or a quota)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def classification_json(result: Classification, report_id: object = None) -> dict:
    """The JSON shape `intake classify` writes for one report (mirrors the corpus's label format)."""
    data: dict = {} if report_id is None else {"id": report_id}
    data.update(
        type=result.primary or NOT_ASB,
        types=list(result.types) or [NOT_ASB],
        category=result.category.value if result.category else None,
        group=result.group.value if result.group else None,
        danger_now=result.danger_now,
        safeguarding=result.safeguarding,
        hate=result.hate,
        confidence=result.confidence,
        scores=result.scores,
    )
    return data


def parse_line(line: str, number: int) -> tuple[object, str] | dict:
    """(id, text) for a plain or JSON line, or an error object for a JSON line that is unusable."""
    stripped = line.strip()
    if not stripped.startswith("{"):
        return None, stripped
    try:
        raw = json.loads(stripped)
    except json.JSONDecodeError as exc:
        return {"line": number, "error": f"invalid JSON: {exc.msg}"}
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        return {"line": number, "id": raw.get("id") if isinstance(raw, dict) else None,
                "error": "a JSON line needs a string 'text'"}
    return raw.get("id"), raw["text"]


def classify_lines(lines: Iterable[str], policy: Policy, model_dir: Path | None = None,
                   workers: int = 1) -> Iterator[str]:
    """One JSON object per input line, yielded as blocks of newline-joined objects in input order.

    `workers` above 1 forks that many processes once the input proves longer than one task.
    """
    from intake.nlu.model import load_model

    load_model(model_dir)  # before forking, so that workers share the loaded model
    tasks = _tasks(lines)
    first = list(islice(tasks, 2))
    if workers <= 1 or len(first) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (_classify_task(task, policy, model_dir) for task in chain(first, tasks))
        return
    context = multiprocessing.get_context("fork")
    gc.freeze()  # workers' collections then skip the model's objects instead of copying their pages
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_remember,
                                 initargs=(policy, model_dir)) as pool:
            yield from _in_order(pool, chain(first, tasks), ahead=2 * workers)
    finally:
        gc.unfreeze()


def _in_order(pool: ProcessPoolExecutor, tasks: Iterable[_Task], ahead: int) -> Iterator[str]:
    """Results in task order, with at most `ahead` tasks read and waiting, so a long input is
    streamed rather than held in memory. A worker that dies raises `BrokenProcessPool` here
    (`multiprocessing.Pool` would wait for its lost task for ever)."""
    pending: deque[Future[str]] = deque()
    for task in tasks:
        pending.append(pool.submit(_classify_in_worker, task))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _tasks(lines: Iterable[str]) -> Iterator[_Task]:
    lines = iter(lines)
    done = 0
    while chunk := list(islice(lines, TASK_LINES)):
        yield done, chunk
        done += len(chunk)


def _classify_task(task: _Task, policy: Policy, model_dir: Path | None) -> str:
    from intake.nlu import classify_many

    before, lines = task
    parsed = [parse_line(line, before + i + 1) for i, line in enumerate(lines)]
    texts = [item[1] for item in parsed if isinstance(item, tuple)]
    results = iter(classify_many(texts, policy, model_dir))
    out = [item if isinstance(item, dict) else classification_json(next(results), item[0])
           for item in parsed]
    return "\n".join(json.dumps(o, ensure_ascii=False) for o in out)


_worker_settings: tuple[Policy, Path | None] | None = None


def _remember(policy: Policy, model_dir: Path | None) -> None:
    """Runs in each forked worker: what every task there is classified with."""
    global _worker_settings
    _worker_settings = (policy, model_dir)


def _classify_in_worker(task: _Task) -> str:
    assert _worker_settings is not None, "the pool's initializer sets the worker's settings"
    return _classify_task(task, *_worker_settings)
