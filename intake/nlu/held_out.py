"""The held-out scores the thresholds were tuned on, saved beside the model.

Thresholds depend on the rules as well as the scores (the danger and safeguarding flags, the hate
threshold and the CAT1 guard all count what the rules catch), so a fix to a rule or its word list
needs the thresholds tuned again. The scores themselves do not change with a rule: kept here, they
let `intake nlu retune` re-run the rules and tune again in about a minute, where cross-fitting
them again (`intake nlu train`) takes most of an hour.

The file is only valid for the corpus and the model features it was made with. Its fingerprint
covers the held-out texts in order and the concept lists the model reads (`lexicons.CONCEPTS`): a
changed corpus or concept list means retraining, and loading refuses.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy

from intake.errors import BadInputError
from intake.nlu.corpus import LabelledReport
from intake.nlu.lexicons import CONCEPTS

HELD_OUT_FILE = "held_out_scores.npz"


def save_scores(directory: Path, scores: Sequence[dict[str, float]],
                reports: Sequence[LabelledReport]) -> None:
    """Write one row of scores per held-out report, in the order given."""
    labels = sorted(scores[0]) if scores else []
    matrix = numpy.array([[row[label] for label in labels] for row in scores], dtype="float32")
    numpy.savez_compressed(directory / HELD_OUT_FILE, scores=matrix.reshape(len(scores), len(labels)),
                           labels=numpy.array(labels), fingerprint=numpy.array(fingerprint(reports)))


def load_scores(directory: Path, reports: Sequence[LabelledReport]) -> list[dict[str, float]]:
    """The saved scores of these held-out reports, which must be the ones they were made for."""
    path = directory / HELD_OUT_FILE
    if not path.is_file():
        raise BadInputError(f"{path} is missing: run `intake nlu train` to make it")
    with numpy.load(path) as saved:
        if str(saved["fingerprint"]) != fingerprint(reports):
            raise BadInputError(
                f"{path} was made from another corpus or other concept lists "
                "(lexicons.CONCEPTS): run `intake nlu train` instead")
        labels = [str(label) for label in saved["labels"]]
        return [dict(zip(labels, map(float, row))) for row in saved["scores"]]


def fingerprint(reports: Sequence[LabelledReport]) -> str:
    digest = hashlib.sha256(json.dumps(CONCEPTS, sort_keys=True).encode())
    for report in reports:
        row = [report.text, report.types, report.danger_now, report.safeguarding, report.hate]
        digest.update(json.dumps(row).encode() + b"\n")
    return digest.hexdigest()
