"""`intake classify` over inputs long enough to be shared between worker processes."""

import json
import os

import pytest
from click.testing import CliRunner

from intake.nlu import batch
from intake.nlu.commands import classify

LINES = [
    "dogs barking all night AGAIN",
    '{"id": "a", "text": "hes outside my door with a knife now"}',
    "",
    '{"text": broken',
    "someone keeps dumping mattresses by the garages",
    '{"id": 7}',
    "my boiler is broken can someone come",
    "lads on the landing smoking skunk told my son theyd do him in",
    '{"id": "b", "text": "loud music til 4am every weekend"}',
    "they called me a p*** and said go back home",
]


@pytest.fixture
def small_tasks(monkeypatch):
    """Three lines a task, so ten lines make four tasks and the workers' path is taken."""
    monkeypatch.setattr(batch, "TASK_LINES", 3)


def run(*args: str) -> list[dict]:
    result = CliRunner().invoke(classify, list(args), input="\n".join(LINES) + "\n")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_two_workers_write_exactly_what_one_process_writes_in_input_order(model, small_tasks, monkeypatch):
    alone = run("--workers", "1")
    started = []
    get_context = batch.multiprocessing.get_context
    monkeypatch.setattr(batch.multiprocessing, "get_context",
                        lambda method: started.append(method) or get_context(method))
    shared = run("--workers", "2")
    assert started == ["fork"]
    assert shared == alone
    assert len(shared) == len(LINES)
    assert shared[1]["id"] == "a" and shared[1]["category"] == "CAT1"
    assert shared[3]["line"] == 4 and "invalid JSON" in shared[3]["error"]
    assert shared[5] == {"line": 6, "id": 7, "error": "a JSON line needs a string 'text'"}
    assert shared[8]["id"] == "b" and "noise" in shared[8]["types"]


def test_an_input_of_one_task_is_classified_without_starting_workers(model, monkeypatch):
    def no_workers(*args, **kwargs):
        raise AssertionError("a worker pool was started for a short input")

    monkeypatch.setattr(batch.multiprocessing, "get_context", no_workers)
    out = run("--workers", "2")
    assert len(out) == len(LINES) and "animals" in out[0]["types"]


def test_workers_must_be_at_least_one(model):
    result = CliRunner().invoke(classify, ["--workers", "0"], input="noise\n")
    assert result.exit_code == 2 and "--workers" in result.output


def test_a_worker_that_dies_stops_the_command_with_a_clear_error_instead_of_hanging(model, small_tasks,
                                                                                    monkeypatch):
    def die(task, policy, model_dir):
        os._exit(1)  # as if killed: only the forked workers call this

    monkeypatch.setattr(batch, "_classify_task", die)
    result = CliRunner().invoke(classify, ["--workers", "2"], input="\n".join(LINES) + "\n")
    assert result.exit_code == 1
    assert "a worker process stopped" in result.output and "--workers 1" in result.output
