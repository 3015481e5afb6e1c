"""Keyword-default factories for officers' tests: cases opened by triage's own `open_case`, officers, sign-in."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask.testing import FlaskClient

from intake.conversation.states import State, Status
from intake.db import Database
from intake.models import Conversation, Resident
from intake.officers import accounts
from intake.triage.cases import apply_to_resident, open_case
from tests.factories import POLICY

PASSWORD = "a-long-test-password"
MONDAY = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def use_cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2id, with parameters cheap enough for a test suite (production keeps the defaults)."""
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1))
    accounts._dummy_hash.cache_clear()


def make_case(
    db: Database, *, types: tuple[str, ...] = ("noise",), reported_at: datetime = MONDAY, channel: str = "web",
    address: str | None = None, anonymous: bool = False, postcode: str | None = "DE1 2AB",
    location: str = "12 Example Road, DE1 2AB", who: str | None = None, language: str = "en",
    **answers: Any,
) -> str:
    """A case as a finished conversation would open it; returns its reference."""
    address = address or f"resident-{uuid.uuid4().hex[:10]}"
    full = {
        "description": "they play loud music every night until three in the morning",
        "proposed_types": list(types), "proposal_confidence": 0.82, "types": list(types),
        "location": location, "postcode": postcode, "who": who, "anonymous": anonymous,
        "name": None if anonymous else "Sam Taylor", "contact_method": None if anonymous else "same_channel",
        "safe_times": "any time", "language": language, "format": "standard", "consent_to_share": True,
        **answers,
    }
    with db.transaction() as session:
        resident = session.query(Resident).filter_by(channel=channel, address=address).first()
        if resident is None:
            resident = Resident(channel=channel, address=address, language=language)
            session.add(resident)
            session.flush()
        conversation = Conversation(channel=channel, address=address, resident_id=resident.id, status=Status.ACTIVE,
                                    state=State.SUMMARY, answers=full, history=[], language=language,
                                    created_at=reported_at, updated_at=reported_at)
        session.add(conversation)
        session.flush()
        apply_to_resident(resident, full)
        case, _ = open_case(session, POLICY, conversation, resident, reported_at)
        conversation.status, conversation.state = Status.COMPLETED, State.DONE
        conversation.answers = {**full, "case_reference": case.reference}
        return case.reference


def make_officer(db: Database, *, email: str | None = None, name: str = "Alex Officer", role: str = "officer",
                 password: str = PASSWORD) -> int:
    with db.transaction() as session:
        officer = accounts.create_officer(session, email or f"{uuid.uuid4().hex[:8]}@example.org", name, role, password)
        return officer.id


def csrf_from(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD) -> Any:
    token = csrf_from(client.get("/officers/login").get_data(as_text=True))
    return client.post("/officers/login", data={"email": email, "password": password, "csrf_token": token})


def email_of(db: Database, officer_id: int) -> str:
    from intake.models import Officer

    with db.transaction() as session:
        return session.get(Officer, officer_id).email


def signed_in_officer(db: Database, client: FlaskClient, **kwargs: Any) -> int:
    officer_id = make_officer(db, **kwargs)
    response = sign_in(client, email_of(db, officer_id))
    assert response.status_code == 302, response.get_data(as_text=True)
    return officer_id


def post_form(client: FlaskClient, url: str, page: str, data: dict[str, Any]) -> Any:
    """Post a form the way a browser would: with the CSRF token from the page it sits on."""
    token = csrf_from(client.get(page).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token})
