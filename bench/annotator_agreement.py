"""How far two annotators agree on the corpus: the ceiling the model's figures should be read against.

`intake/nlu/annotation/second_annotator.jsonl` holds a blind second labelling (text only, following
`intake/nlu/corpus/GUIDELINE.md`) of every round-one report and 240 round-two reports;
`second_annotator_dev.jsonl` one of 480 reports drawn at random (seed 20261130) from the dev split of
the 19,351-report corpus, all rounds, by four annotators who saw 120 shuffled texts each. This prints
the same figures `intake nlu evaluate` prints, with the corpus labels as gold and the second
annotator as the "model". Run from the repository root: `python bench/annotator_agreement.py`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.nlu.classification import Classification  # noqa: E402
from intake.nlu.corpus import load_corpus, split_of  # noqa: E402
from intake.nlu.evaluation import measure  # noqa: E402
from intake.policy import load_policy  # noqa: E402

SECOND = ROOT / "intake/nlu/annotation/second_annotator.jsonl"
SECOND_DEV = ROOT / "intake/nlu/annotation/second_annotator_dev.jsonl"
ROUND_TWO = ("personal-", "nuisance-", "environment-", "mixed2-")


def as_classification(row: dict, policy) -> Classification:
    types = tuple(t for t in policy.seriousness if t in row["types"])
    category = policy.category_for(types) if types else None
    group = policy.types[types[0]].group if types else None
    return Classification(types=types, category=category, group=group,
                          danger_now=row["danger_now"], safeguarding=row["safeguarding"],
                          hate=row["hate"], confidence=1.0, scores={})


def main() -> None:
    policy = load_policy()
    gold = {r.id: r for r in load_corpus()}
    second = _labels(SECOND, gold)
    second_dev = _labels(SECOND_DEV, gold)
    groups = {
        "round one, all": [i for i in second if not i.startswith(ROUND_TWO)],
        "round one, test split": [i for i in second if not i.startswith(ROUND_TWO)
                                  and split_of(gold[i].text) == "test"],
        "round two sample": [i for i in second if i.startswith(ROUND_TWO)],
    }
    print("second annotator against the corpus labels")
    rows = [(name, ids, second) for name, ids in groups.items()]
    rows.append(("dev sample, all rounds", list(second_dev), second_dev))
    for name, ids, labels in rows:
        m = measure([gold[i] for i in ids], [as_classification(labels[i], policy) for i in ids], policy)
        print(f"{name:24} n={len(ids):5}  macro-F1 {m.macro_f1:.3f}  category accuracy "
              f"{m.category_accuracy:.3f}  CAT1 recall {m.cat1_recall:.3f}  danger_now recall "
              f"{m.danger_now_recall:.3f}")


def _labels(path: Path, gold: dict) -> dict[str, dict]:
    return {row["id"]: row for row in map(json.loads, path.read_text().splitlines()) if row["id"] in gold}


if __name__ == "__main__":
    main()
