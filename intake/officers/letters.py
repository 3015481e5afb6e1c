"""The "letters to post" list: printed letters for residents who asked for post (policy 3.4).

Letters are generated on demand for officers to print, and are never reachable by a resident's link.
"""

from __future__ import annotations

from typing import Any

from flask import Response, flash, redirect, render_template, url_for

from intake.formats.documents import letters_to_post, mark_posted
from intake.formats.links import document_file
from intake.models import Case, Document
from intake.officers.audit import record_view
from intake.officers.blueprint import blueprint, current_actor
from intake.errors import NotFoundError
from intake.services import services


@blueprint.get("/letters")
def letters() -> Any:
    with services().db.transaction() as session:
        waiting = letters_to_post(session)
        references = {c.id: c.reference for c in session.query(Case).filter(
            Case.id.in_([d.case_id for d in waiting if d.case_id]))}
    return render_template("officers/letters.html", letters=waiting, references=references)


@blueprint.get("/letters/<int:document_id>.pdf")
def letter_pdf(document_id: int) -> Response:
    svc = services()
    with svc.db.transaction() as session:
        document = session.get(Document, document_id)
        if document is None or not document.to_post:
            raise NotFoundError()
        record_view(session, "letter_printed", svc.clock(), officer_id=current_actor().id, case_id=document.case_id)
    data, content_type, name = document_file(document)
    response = Response(data, mimetype=content_type)
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.post("/letters/<int:document_id>/posted")
def letter_posted(document_id: int) -> Any:
    svc = services()
    with svc.db.transaction() as session:
        mark_posted(session, document_id, current_actor().label, svc.clock())
    flash("The letter is marked as posted.")
    return redirect(url_for("officers.letters"))
