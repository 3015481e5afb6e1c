"""Loading the trained model: once per process, on first use, never at import.

`load_model()` is cached, so every request in a process shares one pipeline (spaCy pipelines are
safe to share for inference). Rule components are added here, after loading the trained part.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from intake.nlu.pipeline import add_rule_components
from intake.nlu.thresholds import Thresholds

MODEL_DIR = Path(__file__).parent / "model"


@dataclass(frozen=True)
class LoadedModel:
    nlp: Language
    thresholds: Thresholds


def load_model(directory: Path | str | None = None) -> LoadedModel:
    """The pipeline and thresholds in `directory` (default: the bundled model), loaded once per
    process and directory."""
    return _load(Path(directory or MODEL_DIR).resolve())


@lru_cache(maxsize=4)
def _load(directory: Path) -> LoadedModel:
    # The saved tokenizer is spaCy's default English one; rebuilding it from its ~2,700 special
    # cases twice (config, then disk) would double the load time for nothing.
    nlp = add_rule_components(spacy.load(directory, exclude=["tokenizer"]))
    return LoadedModel(nlp=nlp, thresholds=Thresholds.load(directory))
