"""The private links: /documents/<token> serves one resident's large-print PDF or audio, made on request."""

from __future__ import annotations

from flask import Blueprint, Response

from intake.enums import Format
from intake.errors import NotFoundError
from intake.formats.audio import speak
from intake.formats.documents import LinkExpiredError, find_by_token
from intake.formats.pdf import Page, large_print_pdf, letter_pdf
from intake.models import Document
from intake.services import services
from intake.web_errors import error_response

blueprint = Blueprint("documents", __name__)
PRIVATE_HEADERS = {"Cache-Control": "no-store, private", "X-Robots-Tag": "noindex, nofollow",
                   "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"}


@blueprint.errorhandler(LinkExpiredError)
def expired(_: LinkExpiredError):  # type: ignore[no-untyped-def]
    return error_response(410)


def page_of(document: Document) -> Page:
    address = tuple(filter(None, [document.recipient_name, *(document.postal_address or "").split(",")]))
    return Page(title=document.title, paragraphs=tuple(document.body.split("\n\n")), language=document.language,
                address_lines=tuple(line.strip() for line in address) if document.to_post else (),
                dated=document.created_at.date() if document.to_post else None)


def document_file(document: Document) -> tuple[bytes, str, str]:
    """(bytes, content type, file name) for a document; letters are for officers to print."""
    if document.format == Format.AUDIO:
        return speak(f"{document.title}.\n\n{document.body}", document.language), "audio/wav", "message.wav"
    if document.to_post:
        return letter_pdf(page_of(document)), "application/pdf", "letter.pdf"
    return large_print_pdf(page_of(document)), "application/pdf", "large-print.pdf"


@blueprint.get("/documents/<token>")
def download(token: str) -> Response:
    app_services = services()
    with app_services.db.transaction() as session:
        document = find_by_token(session, token, app_services.clock())
        if document.to_post:
            raise NotFoundError()
    data, content_type, name = document_file(document)
    response = Response(data, mimetype=content_type, headers=PRIVATE_HEADERS)
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response
