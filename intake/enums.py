"""Closed sets of values stored in the database as their string values."""

from enum import StrEnum


class Category(StrEnum):
    CAT1 = "CAT1"
    CAT2 = "CAT2"


class ActGroup(StrEnum):
    """The three kinds of ASB in the Anti-social Behaviour, Crime and Policing Act 2014."""

    PERSONAL = "personal"
    NUISANCE = "nuisance"
    ENVIRONMENTAL = "environmental"


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Channel(StrEnum):
    WEB = "web"
    SMS = "sms"
    WHATSAPP = "whatsapp"
    TELEGRAM = "telegram"
    CONSOLE = "console"
    # Outbound only: messages in the "email" format, sent through SMTP.
    EMAIL = "email"


class CaseStatus(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class ContactMethod(StrEnum):
    SAME_CHANNEL = "same_channel"
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    LETTER = "letter"
    NONE = "none"


class Format(StrEnum):
    STANDARD = "standard"
    LARGE_PRINT = "large_print"
    EASY_READ = "easy_read"
    AUDIO = "audio"
    EMAIL = "email"
    LETTER = "letter"
