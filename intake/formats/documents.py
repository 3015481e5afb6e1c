"""Private links to a resident's documents, and the officers' list of letters to post.

A link carries an unguessable token; only its sha256 is stored, so a copy of the database does not
open anyone's letters. A link stops working when it expires and never opens another document.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.errors import IntakeError, NotFoundError
from intake.models import Document


class LinkExpiredError(IntakeError):
    """The link was real but is past its expiry; the resident can ask for a new copy."""


@dataclass(frozen=True)
class NewDocument:
    format: str
    kind: str
    language: str
    title: str
    body: str
    resident_id: int | None = None
    case_id: int | None = None
    recipient_name: str | None = None
    postal_address: str | None = None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_linked_document(session: Session, new: NewDocument, now: datetime, days: int) -> tuple[Document, str]:
    """A document behind a private link; returns it and the token (shown once, never stored)."""
    token = secrets.token_urlsafe(32)
    document = Document(**new.__dict__, token_hash=token_hash(token), expires_at=now + timedelta(days=days))
    session.add(document)
    session.flush()
    return document, token


def create_letter_to_post(session: Session, new: NewDocument) -> Document:
    document = Document(**new.__dict__, to_post=True)
    session.add(document)
    session.flush()
    return document


def find_by_token(session: Session, token: str, now: datetime) -> Document:
    """The document this token opens; NotFoundError for any wrong token, LinkExpiredError after expiry."""
    if not token or len(token) > 100:
        raise NotFoundError()
    document = session.scalars(select(Document).where(Document.token_hash == token_hash(token))).first()
    if document is None:
        raise NotFoundError()
    if document.expires_at is None or now >= document.expires_at:
        raise LinkExpiredError()
    return document


def letters_to_post(session: Session) -> list[Document]:
    """Printed letters waiting to be posted, oldest first: the officers' "letters to post" list."""
    return list(session.scalars(select(Document).where(Document.to_post.is_(True), Document.posted_at.is_(None))
                                .order_by(Document.created_at, Document.id)))


def mark_posted(session: Session, document_id: int, officer: str, now: datetime) -> Document:
    document = session.get(Document, document_id)
    if document is None or not document.to_post:
        raise NotFoundError()
    document.posted_at, document.posted_by = now, officer
    return document
