"""Letters to post: residents who chose post get a printed letter an officer prints and marks as posted."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from intake.models import AuditEntry, Document
from tests.officers.factories import make_case, post_form, signed_in_officer

THURSDAY = datetime(2026, 12, 10, 10, 0, tzinfo=UTC)


def test_a_closing_letter_for_a_resident_who_chose_post_is_printed_and_marked_posted(app, db, client):
    app.extensions["intake"].clock = lambda: THURSDAY
    signed_in_officer(db, client)
    reference = make_case(db, channel="sms", address="+447700900901", format="letter",
                          postal_address="7 Example Close, Derby DE22 1AB")
    page = f"/officers/cases/{reference}"
    post_form(client, f"{page}/assign", page, {})
    post_form(client, f"{page}/close", page, {"reason": "insufficient_evidence"})

    listing = client.get("/officers/letters").get_data(as_text=True)
    assert reference in listing and "1 letter waiting" in listing
    with db.transaction() as session:
        letter = session.scalars(select(Document).where(Document.to_post.is_(True))).one()
    pdf = client.get(f"/officers/letters/{letter.id}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")

    post_form(client, f"/officers/letters/{letter.id}/posted", "/officers/letters", {})
    assert "No letters are waiting" in client.get("/officers/letters").get_data(as_text=True)
    with db.transaction() as session:
        assert session.get(Document, letter.id).posted_at == THURSDAY
        assert session.scalars(select(AuditEntry.action).where(AuditEntry.action == "letter_printed")).one()


def test_letters_need_a_signed_in_officer(client):
    response = client.get("/officers/letters")
    assert response.status_code in (302, 401)
