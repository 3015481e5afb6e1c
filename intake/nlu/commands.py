"""Command-line entry points: `intake classify` and `intake nlu train|evaluate`.

The main `intake` CLI registers `classify` and the `nlu` group. Commands take `--policy PATH`
(default: the bundled policy) rather than reading the environment, so they run without Flask.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

import click

from intake.errors import BadInputError, PolicyError
from intake.nlu.corpus import CORPUS_DIR, LabelledReport, load_corpus, read_reports, split_corpus
from intake.policy import Policy, load_policy

policy_option = click.option("--policy", "policy_path", type=click.Path(dir_okay=False, path_type=Path),
                             default=None, help="Policy TOML file (default: the bundled policy).")
model_option = click.option("--model-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
                            default=None,
                            help="Trained model directory (default: the bundled model).")


def _policy(path: Path | None) -> Policy:
    try:
        return load_policy(path)
    except PolicyError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("classify")
@click.option("--input", "source", type=click.File("r", encoding="utf-8"), default="-",
              help="Read reports from this file instead of stdin.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes that classify long inputs (default: one per available core).")
@policy_option
@model_option
def classify(source: TextIO, workers: int | None, policy_path: Path | None, model_dir: Path | None) -> None:
    """Classify reports from stdin, one per line (text or JSON with "text" and optional "id")."""
    from concurrent.futures.process import BrokenProcessPool

    from intake.nlu.batch import classify_lines, count_usable_cores

    policy = _policy(policy_path)
    try:
        for block in classify_lines(source, policy, model_dir, workers or count_usable_cores()):
            click.echo(block)
    except BrokenProcessPool as exc:
        raise click.ClickException(f"a worker process stopped ({exc}); the lines written so far are "
                                   "complete, in order; run again, or with --workers 1") from exc


@click.group("nlu")
def nlu() -> None:
    """Train and evaluate the report classifier."""


@nlu.command("train")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path), default=CORPUS_DIR)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the model (default: the bundled model directory).")
@click.option("--seed", type=int, default=None)
@click.option("--epochs", type=int, default=None)
@policy_option
def train(corpus_dir: Path, out_dir: Path | None, seed: int | None, epochs: int | None,
          policy_path: Path | None) -> None:
    """Train the classifiers deterministically and write the model and its thresholds."""
    from dataclasses import replace

    from intake.nlu.model import MODEL_DIR
    from intake.nlu.training import FOLDS, TrainingSettings, save_model, train_model

    defaults = TrainingSettings()
    settings = replace(defaults, seed=defaults.seed if seed is None else seed,
                       epochs=epochs or defaults.epochs)
    reports = load_corpus(corpus_dir)
    click.echo(f"{len(reports)} reports; seed {settings.seed}; {settings.epochs} epochs of the "
               f"linear classifiers, then {settings.words_epochs} of the bag of words; then "
               f"{FOLDS} cross-fitted folds for the thresholds, and the model itself on train "
               f"and dev")
    with click.progressbar(length=settings.epochs + settings.words_epochs,
                           label="training") as bar:
        def progress(stage: str, epoch: int, loss: float, dev_f1: float) -> None:
            bar.label = f"{stage} epoch {epoch} loss {loss:.2f} dev macro-F1 {dev_f1:.3f}"
            bar.update(1)
        trained = train_model(reports, _policy(policy_path), settings, progress)
    out = out_dir or MODEL_DIR
    save_model(trained, out)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    click.echo(f"kept epoch {trained.best_epoch} of the linear classifiers and "
               f"{trained.words_epoch} of the bag of words (dev macro-F1 {trained.dev_macro_f1:.3f}); "
               f"wrote {out} ({size / 1e6:.1f} MB)")


@nlu.command("retune")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path), default=CORPUS_DIR,
              help="The corpus the model was trained on.")
@policy_option
@model_option
def retune(corpus_dir: Path, policy_path: Path | None, model_dir: Path | None) -> None:
    """Tune the thresholds again after a rule or word-list fix, without retraining.

    Uses the held-out scores `intake nlu train` saved with the model; refuses if the corpus or
    the model's concept lists have changed since (then train again)."""
    from intake.nlu.model import MODEL_DIR
    from intake.nlu.thresholds import Thresholds
    from intake.nlu.training import retune_thresholds

    directory = model_dir or MODEL_DIR
    before = Thresholds.load(directory)
    try:
        after = retune_thresholds(directory, load_corpus(corpus_dir), _policy(policy_path))
    except BadInputError as exc:
        raise click.ClickException(str(exc)) from exc
    after.save(directory)
    for group, old, new in (("types", before.types, after.types), ("flags", before.flags, after.flags)):
        for name in sorted(new):
            if old.get(name) != new[name]:
                click.echo(f"{group} {name}: {old.get(name)} -> {new[name]}")
    click.echo(f"held out: {before.notes.get('held_out')} -> {after.notes['held_out']}")
    click.echo(f"wrote {directory / 'thresholds.json'}")


@nlu.command("evaluate")
@click.option("--file", "gold_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Gold JSONL with text and type/types (and optional category); default: test split.")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path), default=CORPUS_DIR,
              help="Corpus whose test split is measured when no --file is given.")
@click.option("--split", type=click.Choice(["test", "dev"]), default="test",
              help="Which split of the corpus to measure: test for reporting; dev, where the epochs "
                   "are chosen, is in the saved model's training too, so its figures are optimistic.")
@click.option("--min-cat1-recall", type=float, default=None, help="Exit 1 when CAT1 recall is below this.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--latency/--no-latency", default=True, help="Also measure classify latency.")
@policy_option
@model_option
def evaluate(gold_file: Path | None, corpus_dir: Path, split: str, min_cat1_recall: float | None,
             as_json: bool, latency: bool, policy_path: Path | None, model_dir: Path | None) -> None:
    """Measure the model against gold reports, beside the keyword baseline."""
    from intake.nlu import classify, classify_many
    from intake.nlu.baseline import classify_many_with_keywords
    from intake.nlu.evaluation import measure, measure_latency
    from intake.nlu.reporting import format_comparison, format_confusion, format_latency

    policy = _policy(policy_path)
    gold = _gold_reports(gold_file, corpus_dir, split)
    texts = [r.text for r in gold]
    model = measure(gold, classify_many(texts, policy, model_dir), policy)
    baseline = measure(gold, classify_many_with_keywords(texts, policy), policy)
    timing = measure_latency(texts, lambda t: classify(t, policy, model_dir),
                             lambda ts: classify_many(ts, policy, model_dir)) if latency else None
    if as_json:
        click.echo(json.dumps({"source": str(gold_file or f"{split} split"), "model": model.to_dict(),
                               "keyword_baseline": baseline.to_dict(),
                               "latency": asdict(timing) if timing else None}, indent=2))
    else:
        click.echo(f"{len(gold)} reports from {gold_file or f'the {split} split'}\n")
        click.echo(format_comparison(model, baseline) + "\n")
        click.echo("confusion (primary type; rows gold, columns predicted)")
        click.echo(format_confusion(model, list(policy.seriousness)))
        if timing:
            click.echo("\n" + format_latency(timing))
    _check_gate(model.cat1_recall, min_cat1_recall)


def _gold_reports(gold_file: Path | None, corpus_dir: Path = CORPUS_DIR,
                  split: str = "test") -> Sequence[LabelledReport]:
    try:
        gold = list(read_reports(gold_file)) if gold_file else split_corpus(load_corpus(corpus_dir))[split]
    except (BadInputError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    if not gold:
        raise click.ClickException("no gold reports to evaluate")
    return gold


def _check_gate(cat1_recall: float | None, minimum: float | None) -> None:
    if minimum is None:
        return
    if cat1_recall is None or cat1_recall < minimum:
        click.echo(f"FAIL: CAT1 recall {cat1_recall} is below the bar {minimum}", err=True)
        sys.exit(1)
    click.echo(f"PASS: CAT1 recall {cat1_recall} meets the bar {minimum}")

