"""Resume codes: after a quick exit, a web chat comes back with the case reference and a short code.

The code is shown once, in the acknowledgement; only a salted scrypt hash is kept. Five wrong codes
lock the reference for fifteen minutes, counted in the database so every process shares the count.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import Conversation, ResumeCode

# No 0/O, 1/I/L: read aloud or copied by hand without mistakes.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)


class Check(StrEnum):
    """A check's result. Returned, not raised, so the caller's commit keeps the failure count."""

    ACCEPTED = "accepted"
    REFUSED = "refused"  # wrong reference or wrong code: deliberately the same answer
    LOCKED = "locked"


def _hash(code: str, salt: str) -> str:
    return hashlib.scrypt(code.encode(), salt=salt.encode(), n=2**14, r=8, p=1).hex()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def issue_resume_code(session: Session, conversation: Conversation, reference: str) -> str:
    """A new code for this reference (replacing any earlier one); the plain code is returned once."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    salt = secrets.token_hex(16)
    row = session.scalars(select(ResumeCode).where(ResumeCode.reference == reference)).first()
    if row is None:
        row = ResumeCode(reference=reference, conversation_id=conversation.id, salt="", code_hash="")
        session.add(row)
    row.conversation_id, row.salt, row.code_hash = conversation.id, salt, _hash(code, salt)
    row.failed_attempts, row.locked_until = 0, None
    return code


def formatted(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def check_resume_code(session: Session, reference: str, code: str, now: datetime) -> tuple[Check, str | None]:
    """(ACCEPTED, the conversation's chat address) or (REFUSED/LOCKED, None)."""
    row = session.scalars(select(ResumeCode).where(ResumeCode.reference == reference.strip().upper())
                          .with_for_update()).first()
    if row is None:
        _hash(normalise_code(code) or "x", "timing")  # the same work as a real check
        return Check.REFUSED, None
    if row.locked_until is not None and now < row.locked_until:
        return Check.LOCKED, None
    if not hmac.compare_digest(_hash(normalise_code(code), row.salt), row.code_hash):
        row.failed_attempts += 1
        if row.failed_attempts >= MAX_FAILURES:
            row.failed_attempts, row.locked_until = 0, now + LOCK_FOR
        return Check.REFUSED, None
    row.failed_attempts, row.locked_until = 0, None
    return Check.ACCEPTED, session.get_one(Conversation, row.conversation_id).address
