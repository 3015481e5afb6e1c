"""Easy read: short sentences, one idea per line, plain words, each line led by a simple picture.

Our own templates have easy read versions written by hand (below); an officer's free text is split
into one sentence per line, and long sentences at their commas, as the best a machine can do.
"""

from __future__ import annotations

import re
from gettext import NullTranslations

from intake.policy import Policy

MAX_WORDS = 15
ICONS = {
    "thanks": "🙂", "reference": "🔢", "contact": "📅", "anonymous": "👤", "add": "✍️",
    "phone": "📞", "emergency": "🚨", "review": "❓", "update": "📄", "closed": "✅", "line": "▪️",
}


def lines_with_icons(lines: list[tuple[str, str]]) -> str:
    return "\n".join(f"{ICONS[icon]} {text}" for icon, text in lines)


def easy_read_acknowledgement(
    reference: str, policy: Policy, tr: NullTranslations, *, anonymous: bool, urgent: bool, due: str,
) -> str:
    _ = tr.gettext
    ll = policy.landlord
    lines = [("thanks", _("Thank you for telling us.")),
             ("reference", _("Your reference is {reference}. Keep it safe.").format(reference=reference))]
    if urgent:
        lines.append(("contact", _("We will treat this as urgent.")))
    if anonymous:
        lines.append(("anonymous", _("You did not give your name. We will not contact you.")))
    else:
        lines.append(("contact", _("An officer will contact you by {date}.").format(date=due)))
    lines += [
        ("add", _("Has something else happened? Tell us here.")),
        ("phone", _("To talk to us, call {phone}.").format(phone=ll.phone)),
        ("emergency", _("In an emergency, call {emergency}.").format(emergency=ll.emergency_number)),
        ("review", _("Not happy with what we did? You can ask for a case review.")),
        ("phone", _("To ask for a review, call {phone}.").format(phone=policy.case_review.phone)),
    ]
    return lines_with_icons(lines)


def split_sentences(text: str) -> list[str]:
    """One sentence per line; a sentence over MAX_WORDS is split at commas or semicolons."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?۔।])\s+|\n+", text) if s.strip()]
    out: list[str] = []
    for sentence in sentences:
        if len(sentence.split()) <= MAX_WORDS:
            out.append(sentence)
            continue
        out += [part.strip() for part in re.split(r"[,;،]\s*", sentence) if part.strip()]
    return out


def easy_read_text(text: str) -> str:
    """Free text laid out as easy read: one sentence per line, each with a bullet picture."""
    return lines_with_icons([("line", s) for s in split_sentences(text)])

