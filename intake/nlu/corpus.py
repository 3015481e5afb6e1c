"""The labelled report corpus: loading it and splitting it into train, dev and test.

The split is decided per report by a salted hash of its normalised text, not by shuffling: it is
the same on every machine and run, a report keeps its split when the corpus grows, and two copies of
the same text can never land on both sides of the train/test line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from intake.errors import BadInputError

CORPUS_DIR = Path(__file__).parent / "corpus"
NOT_ASB = "not_asb"
SPLIT_SALT = "intake-nlu-split-v1"
DEV_SHARE, TEST_SHARE = 15, 15  # per cent; the rest is train


@dataclass(frozen=True)
class LabelledReport:
    """One gold report. `types` is empty for not ASB; flags are None when the source omits them."""

    id: str
    text: str
    types: tuple[str, ...]
    danger_now: bool | None = None
    safeguarding: bool | None = None
    hate: bool | None = None
    category: str | None = None


def load_corpus(directory: Path = CORPUS_DIR) -> list[LabelledReport]:
    """Every report in every `*.jsonl` file of the directory, in file then line order."""
    reports: list[LabelledReport] = []
    for path in sorted(directory.glob("*.jsonl")):
        reports.extend(read_reports(path))
    return reports


def read_reports(path: Path) -> Iterator[LabelledReport]:
    """Reports from a gold file; `types`, or a single `type`, and optional `category` and flags."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield parse_report(line, f"{path.name}:{number}")


def parse_report(line: str, where: str) -> LabelledReport:
    try:
        raw = json.loads(line)
        types = raw["types"] if "types" in raw else [raw["type"]]
        text = raw["text"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise BadInputError(f"{where}: not a labelled report ({exc})") from exc
    types = tuple(t for t in types if t and t != NOT_ASB)
    return LabelledReport(
        id=str(raw.get("id", where)),
        text=text,
        types=types,
        danger_now=raw.get("danger_now"),
        safeguarding=raw.get("safeguarding"),
        hate=raw.get("hate"),
        category=raw.get("category"),
    )


def split_of(text: str) -> str:
    """'train', 'dev' or 'test' for a text, fixed by a salted hash of its normalised form."""
    normalised = " ".join(text.lower().split())
    digest = hashlib.sha256(f"{SPLIT_SALT}|{normalised}".encode()).digest()
    bucket = int.from_bytes(digest[:4], "big") % 100
    if bucket < TEST_SHARE:
        return "test"
    if bucket < TEST_SHARE + DEV_SHARE:
        return "dev"
    return "train"


def split_corpus(reports: Iterable[LabelledReport]) -> dict[str, list[LabelledReport]]:
    splits: dict[str, list[LabelledReport]] = {"train": [], "dev": [], "test": []}
    for report in reports:
        splits[split_of(report.text)].append(report)
    return splits


def labels_of(report: LabelledReport) -> tuple[str, ...]:
    """The classifier's gold labels: the types, or `not_asb` alone."""
    return report.types or (NOT_ASB,)
