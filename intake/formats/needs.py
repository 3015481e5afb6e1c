"""A resident's language, format and contact needs: what every later message must honour.

`needs_summary` is what officers see at the top of a case page, in English, so nobody has to read
the whole report to know how to write to the resident.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from intake.enums import ContactMethod, Format
from intake.i18n import direction, language_name
from intake.models import Resident

FORMAT_LABELS = {
    Format.STANDARD: "Standard",
    Format.LARGE_PRINT: "Large print (PDF, 18pt)",
    Format.EASY_READ: "Easy read",
    Format.AUDIO: "Audio",
    Format.EMAIL: "Email",
    Format.LETTER: "Printed letter by post",
}
METHOD_LABELS = {
    ContactMethod.SAME_CHANNEL: "the channel they reported on",
    ContactMethod.PHONE: "phone call",
    ContactMethod.SMS: "text message",
    ContactMethod.EMAIL: "email",
    ContactMethod.LETTER: "letter",
    ContactMethod.NONE: "no contact",
}


@dataclass(frozen=True)
class Needs:
    """Everything `render_for_resident` needs to know about the person it writes to."""

    language: str
    format: Format
    name: str | None = None
    email: str | None = None
    postal_address: str | None = None


def _format(value: Any) -> Format:
    try:
        return Format(value or Format.STANDARD)
    except ValueError:
        return Format.STANDARD


def needs_from_answers(answers: Mapping[str, Any], language: str) -> Needs:
    """From a conversation just finished (an anonymous resident's details live only here)."""
    return Needs(language=language, format=_format(answers.get("format")), name=answers.get("name"),
                 email=answers.get("email"), postal_address=answers.get("postal_address"))


def needs_of(resident: Resident) -> Needs:
    return Needs(language=resident.language or "en", format=_format(resident.format), name=resident.name,
                 email=resident.email, postal_address=resident.postal_address)


@dataclass(frozen=True)
class NeedsSummary:
    """For the top of the case page: short labelled lines, most important first."""

    language: str
    language_code: str
    direction: str
    format: str
    contact: str
    safe_times: str | None
    leave_messages: str | None
    anonymous: bool

    def lines(self) -> list[tuple[str, str]]:
        rows = [("Language", self.language), ("Format", self.format), ("Contact", self.contact)]
        if self.safe_times:
            rows.append(("Safe to contact", self.safe_times))
        if self.leave_messages:
            rows.append(("Messages", self.leave_messages))
        return rows


def needs_summary(resident: Resident) -> NeedsSummary:
    """Language, format and contact needs in plain English for officers."""
    needs = needs_of(resident)
    english = {"en": "English", "pl": "Polish", "pa": "Punjabi", "ur": "Urdu", "sk": "Slovak", "ro": "Romanian"}
    language = english.get(needs.language, needs.language)
    if needs.language != "en":
        language = f"{language} ({language_name(needs.language)}): write in {language}"
    if resident.anonymous:
        contact = "Anonymous: do not contact"
    else:
        method = METHOD_LABELS.get(resident.contact_method or "", "a way not given")
        detail = {"phone": resident.phone, "sms": resident.phone, "email": resident.email,
                  "letter": resident.postal_address}.get(resident.contact_method or "")
        contact = f"By {method}" + (f" ({detail})" if detail else "")
    leave = None
    if resident.leave_messages is not None:
        leave = "Safe to leave messages" if resident.leave_messages else "Do NOT leave messages"
    return NeedsSummary(language=language, language_code=needs.language, direction=direction(needs.language),
                        format=FORMAT_LABELS[needs.format], contact=contact, safe_times=resident.safe_times,
                        leave_messages=leave, anonymous=bool(resident.anonymous))
