"""Officers' tests hash passwords with cheap argon2 parameters (the real library, smaller cost)."""

import pytest

from tests.officers.factories import use_cheap_password_hashing


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    use_cheap_password_hashing(monkeypatch)
