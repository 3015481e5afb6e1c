"""The ORM models, one module per area; import them from here."""

from intake.models.base import Base
from intake.models.casework import ActionItem, CaseWork, ContactAttempt, Survey
from intake.models.cases import Case, CaseEvent, ReferenceCounter, Report, TypeCorrection
from intake.models.conversations import Conversation, Message
from intake.models.evidence import Evidence
from intake.models.officers import ApiToken, AuditEntry, Officer
from intake.models.formats import Document, ResumeCode
from intake.models.outbox import OutboxMessage
from intake.models.residents import Resident
from intake.models.sms import SmsOptOutEvent, SmsPart, SmsStatusEvent

__all__ = [
    "ActionItem",
    "ApiToken",
    "AuditEntry",
    "CaseWork",
    "ContactAttempt",
    "Officer",
    "Survey",
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
    "SmsOptOutEvent",
    "SmsPart",
    "SmsStatusEvent",
    "ResumeCode",
    "TypeCorrection",
]
