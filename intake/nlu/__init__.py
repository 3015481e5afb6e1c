"""Natural language understanding: what kind of ASB a resident's words describe.

`classify` and `classify_many` are the package's interface; both load the model on first use (once
per process), so importing `intake.nlu` stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from intake.nlu.classification import Classification
from intake.policy import Policy, load_policy

__all__ = ["Classification", "classify", "classify_many"]

BATCH_SIZE = 256


def classify(text: str, policy: Policy | None = None, model_dir: Path | None = None) -> Classification:
    """The ASB types, category and flags that one report's text suggests; empty text is not ASB."""
    from intake.nlu.decision import decide, not_asb
    from intake.nlu.model import load_model

    if not text or not text.strip():
        return not_asb()
    model = load_model(model_dir)
    # nlp(text), not nlp.pipe([text]): a single call skips the batching machinery (~30% faster).
    return decide(model.nlp(text), model.thresholds, policy or _bundled_policy())


def classify_many(
    texts: Iterable[str], policy: Policy | None = None, model_dir: Path | None = None
) -> list[Classification]:
    """`classify` for many texts at once, batched through `nlp.pipe` (much faster per text)."""
    from intake.nlu.decision import decide, not_asb
    from intake.nlu.model import load_model

    texts = list(texts)
    policy = policy or _bundled_policy()
    model = load_model(model_dir)
    results: list[Classification | None] = [None if t and t.strip() else not_asb() for t in texts]
    todo = [i for i, result in enumerate(results) if result is None]
    docs = model.nlp.pipe((texts[i] for i in todo), batch_size=BATCH_SIZE)
    for i, doc in zip(todo, docs):
        results[i] = decide(doc, model.thresholds, policy)
    return [r for r in results if r is not None]


@lru_cache(maxsize=1)
def _bundled_policy() -> Policy:
    return load_policy()
