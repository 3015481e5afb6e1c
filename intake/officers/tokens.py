"""Per-integration API tokens: random, shown once, stored only as a SHA-256 digest.

A token has 256 bits of entropy, so a fast digest is enough to keep it useless if the table leaks,
and lets the API find the row by digest in one indexed lookup.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.errors import BadInputError
from intake.models import ApiToken

PREFIX = "intake_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, name: str) -> tuple[ApiToken, str]:
    """A new token for the integration `name`; the plain token is returned once and never stored."""
    if not name.strip():
        raise BadInputError("name the integration the token is for")
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(name=name.strip(), token_hash=digest(token))
    session.add(row)
    session.flush()
    return row, token


def verify_token(session: Session, token: str, now: datetime) -> ApiToken | None:
    row = session.scalars(select(ApiToken).where(ApiToken.token_hash == digest(token))).first()
    if row is None or row.revoked or not hmac.compare_digest(row.token_hash, digest(token)):
        return None
    row.last_used_at = now
    return row


def revoke_token(session: Session, token_id: int) -> bool:
    row = session.get(ApiToken, token_id)
    if row is None:
        return False
    row.revoked = True
    return True
