"""Fixtures for the NLU tests: the bundled policy and the real trained model, loaded once."""

from __future__ import annotations

import pytest

from intake.nlu.model import LoadedModel, load_model
from intake.policy import Policy, load_policy


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


@pytest.fixture(scope="session")
def model() -> LoadedModel:
    return load_model()
