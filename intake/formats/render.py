"""Turn a message for a resident into the format they chose, in their language.

Used for the acknowledgement now, and by officers' updates and closing letters: the caller enqueues
the returned replies on the resident's own channel in the same transaction; documents (large print,
audio, letters to post) and emails are written here, in that same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from intake import outbox
from intake.enums import Channel, Format
from intake.formats.documents import NewDocument, create_letter_to_post, create_linked_document
from intake.formats.messages import ResidentMessage
from intake.formats.needs import Needs
from intake.i18n import translations
from intake.messages import Reply


@dataclass(frozen=True)
class LinkSettings:
    """Where private links point and how long they last (from Settings in create_app)."""

    public_base_url: str = "http://127.0.0.1:5000"
    link_days: int = 28


def render_for_resident(
    session: Session, needs: Needs, message: ResidentMessage, *, links: LinkSettings, now: datetime,
    resident_id: int | None = None, case_id: int | None = None, conversation_id: int | None = None,
) -> list[Reply]:
    """The replies to send on the resident's channel; also writes any document or email the format needs."""
    _ = translations(needs.language).gettext
    standard = Reply(message.text, kind=message.kind)
    document = NewDocument(format=needs.format.value, kind=message.kind, language=needs.language,
                           title=message.title, body=message.text, resident_id=resident_id, case_id=case_id,
                           recipient_name=needs.name, postal_address=needs.postal_address)
    if needs.format is Format.EASY_READ:
        return [Reply(message.easy_read, kind=message.kind)]
    if needs.format in (Format.LARGE_PRINT, Format.AUDIO):
        _document, token = create_linked_document(session, document, now, links.link_days)
        url = f"{links.public_base_url.rstrip('/')}/documents/{token}"
        if needs.format is Format.LARGE_PRINT:
            say = _("Your letter in large print (PDF): {link}").format(link=url)
        else:
            say = _("Listen to this message: {link}").format(link=url)
        note = _("This link is only for you and works for {days} days.").format(days=links.link_days)
        return [standard, Reply(f"{say}\n{note}", kind="format_link")]
    if needs.format is Format.EMAIL and needs.email:
        outbox.enqueue(session, channel=Channel.EMAIL, recipient=needs.email, reply=standard,
                       language=needs.language, conversation_id=conversation_id, case_id=case_id, now=now)
        return [standard, Reply(_("We have also sent this to your email address."), kind="format_note")]
    if needs.format is Format.LETTER and needs.postal_address:
        create_letter_to_post(session, document)
        return [standard, Reply(_("We will also post this to you as a printed letter."), kind="format_note")]
    return [standard]
