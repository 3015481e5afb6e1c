"""Messages to a resident after the conversation: the acknowledgement, officers' updates, the closing letter.

An officer's message is a translated template (greeting, reference, how to reply) around the officer's
own words, which are sent as written: we never machine-translate what an officer says.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from intake.formats.easy_read import easy_read_text, lines_with_icons, split_sentences
from intake.i18n import translations
from intake.policy import Policy


class MessageKind(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    UPDATE = "update"
    CLOSING = "closing"


@dataclass(frozen=True)
class ResidentMessage:
    """One message in the resident's language, standard text plus its easy read version."""

    kind: str
    title: str
    text: str
    easy_read: str


def officer_message(
    kind: MessageKind, officer_text: str, *, reference: str, language: str, policy: Policy,
) -> ResidentMessage:
    """An update or closing message: translated template around the officer's own words."""
    _ = translations(language).gettext
    ll = policy.landlord
    if kind is MessageKind.CLOSING:
        title = _("Your case {reference} is closed").format(reference=reference)
        opening = _("We have closed your anti-social behaviour case {reference}.").format(reference=reference)
        closing = _("If it starts again, report it to us and quote your reference. If you are not happy with "
                    "how we dealt with your case, you can ask for an ASB Case Review by calling {phone}.").format(
            phone=policy.case_review.phone)
    else:
        title = _("An update on your case {reference}").format(reference=reference)
        opening = _("Here is an update on your anti-social behaviour case {reference}.").format(reference=reference)
        closing = _("To reply, message us quoting your reference, or call {phone} ({hours}).").format(
            phone=ll.phone, hours=_(ll.office_hours))
    from_officer = _("Your officer wrote:")
    text = "\n\n".join([opening, f"{from_officer}\n{officer_text.strip()}", closing])
    easy = "\n".join([
        lines_with_icons([("closed" if kind is MessageKind.CLOSING else "update", split_sentences(opening)[0])]),
        from_officer,
        easy_read_text(officer_text),
        lines_with_icons([("phone", _("To talk to us, call {phone}.").format(phone=ll.phone))]),
    ])
    return ResidentMessage(kind=kind.value, title=title, text=text, easy_read=easy)
