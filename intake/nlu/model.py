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


@lru_cache(maxsize=4)
def load_model(directory: Path = MODEL_DIR) -> LoadedModel:
    """The pipeline and thresholds in `directory`, loaded once per process and directory."""
    nlp = add_rule_components(spacy.load(directory))
    return LoadedModel(nlp=nlp, thresholds=Thresholds.load(directory))
