"""Officer accounts: argon2-hashed passwords, and a lockout after repeated failed sign-ins.

No Flask here: the CLI, the login page and tests all call these with a session and a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.errors import BadInputError
from intake.models import Officer

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_CHARS = 12
DEMO_EMAIL = "demo.officer@example.org"
# Demo only: `make run` prints it so a developer can sign in to a laptop copy. Never use in production.
DEMO_PASSWORD = "demo-only-officer-password"

# argon2id with the library's defaults (RFC 9106's low-memory profile). Tests swap in cheaper parameters.
_hasher = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the email is unknown, so a wrong email takes as long as a wrong password."""
    return _hasher.hash("not-a-real-password")


class Role(StrEnum):
    OFFICER = "officer"
    MANAGER = "manager"


@dataclass(frozen=True)
class SignIn:
    officer_id: int | None
    locked: bool = False


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise BadInputError(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
    return _hasher.hash(password)


def find_officer(session: Session, email: str) -> Officer | None:
    return session.scalars(select(Officer).where(func.lower(Officer.email) == normalise_email(email))).first()


def create_officer(session: Session, email: str, name: str, role: str, password: str) -> Officer:
    email = normalise_email(email)
    if "@" not in email or not name.strip():
        raise BadInputError("an officer needs an email address and a name")
    if find_officer(session, email) is not None:
        raise BadInputError(f"an officer with the email {email} already exists")
    officer = Officer(email=email, name=name.strip(), role=Role(role), password_hash=hash_password(password))
    session.add(officer)
    session.flush()
    return officer


def ensure_demo_officer(session: Session) -> Officer:
    """Create the demo manager, or put its known password back: running it twice changes nothing else."""
    officer = find_officer(session, DEMO_EMAIL)
    if officer is None:
        return create_officer(session, DEMO_EMAIL, "Demo Officer", Role.MANAGER, DEMO_PASSWORD)
    if not _matches(officer.password_hash, DEMO_PASSWORD):
        officer.password_hash = hash_password(DEMO_PASSWORD)
    officer.active, officer.failed_logins, officer.locked_until = True, 0, None
    return officer


def authenticate(session: Session, email: str, password: str, now: datetime) -> SignIn:
    """Check a sign-in; the caller's commit keeps the failure count, so the lockout spans processes."""
    officer = find_officer(session, email)
    if officer is None or not officer.active:
        _matches(_dummy_hash(), password)
        return SignIn(None)
    if officer.locked_until is not None and officer.locked_until > now:
        return SignIn(None, locked=True)
    if not _matches(officer.password_hash, password):
        officer.failed_logins += 1
        if officer.failed_logins >= MAX_FAILED_LOGINS:
            officer.locked_until, officer.failed_logins = now + LOCKOUT, 0
            return SignIn(None, locked=True)
        return SignIn(None)
    if _hasher.check_needs_rehash(officer.password_hash):
        officer.password_hash = _hasher.hash(password)
    officer.failed_logins, officer.locked_until, officer.last_login_at = 0, None, now
    return SignIn(officer.id)


def _matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
