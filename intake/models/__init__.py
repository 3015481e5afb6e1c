"""The ORM models, one module per area; import them from here."""

from intake.models.base import Base
from intake.models.cases import Case, CaseEvent, ReferenceCounter, Report, TypeCorrection
from intake.models.conversations import Conversation, Message
from intake.models.evidence import Evidence
from intake.models.formats import Document, ResumeCode
from intake.models.outbox import OutboxMessage
from intake.models.residents import Resident

__all__ = [
    "Base",
    "Case",
    "CaseEvent",
    "Conversation",
    "Document",
    "Evidence",
    "Message",
    "OutboxMessage",
    "ReferenceCounter",
    "Report",
    "Resident",
    "ResumeCode",
    "TypeCorrection",
]
