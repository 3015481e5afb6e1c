"""The format chosen in the conversation is honoured: private links, email, letters to post, resume codes."""

from __future__ import annotations

import io
import re
import socket
import wave
from datetime import UTC, datetime, timedelta

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler
from sqlalchemy import select

from intake import outbox
from intake.channels.email import SmtpSender, SmtpSettings
from intake.formats import MessageKind, needs_of, needs_summary, officer_message, render_for_resident
from intake.formats.documents import letters_to_post, mark_posted
from intake.formats.render import LinkSettings
from intake.models import Case, OutboxMessage, Resident
from tests.e2e.test_web_report import run_dialogue
from tests.factories import NOISE_AND_DRUGS_REPORT, POLICY

FORMAT_STEP = 21  # ("standard", "Which language") in NOISE_AND_DRUGS_REPORT
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def report_choosing(*answers: tuple[str, str]) -> list[tuple[str, str]]:
    assert NOISE_AND_DRUGS_REPORT[FORMAT_STEP][0] == "standard"
    return [*NOISE_AND_DRUGS_REPORT[:FORMAT_STEP], *answers, *NOISE_AND_DRUGS_REPORT[FORMAT_STEP + 1:]]


def freeze(app, now: datetime) -> None:  # type: ignore[no-untyped-def]
    services = app.extensions["intake"]
    services.clock = services.conversations.clock = lambda: now


def private_link(replies: list[dict]) -> str:
    text = next(m["text"] for m in replies if m["kind"] == "format_link")
    return re.search(r"http://[^\s]+/documents/[A-Za-z0-9_-]+", text).group(0).split("127.0.0.1:5000")[1]


def test_large_print_is_a_private_link_that_expires_and_opens_nothing_else(app, client):
    freeze(app, NOW)
    replies = run_dialogue(client, report_choosing(("large print", "Which language")))
    assert replies[0]["kind"] == "acknowledgement"
    link = private_link(replies)
    response = client.get(link)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF") and "no-store" in response.headers["Cache-Control"]
    assert client.get(link[:-2] + ("AA" if not link.endswith("AA") else "BB")).status_code == 404
    assert client.get("/documents/" + "x" * 43).status_code == 404
    freeze(app, NOW + timedelta(days=28, seconds=1))
    expired = client.get(link)
    assert expired.status_code == 410 and b"expired" in expired.data


def test_audio_is_a_private_link_to_a_spoken_wav(app, client):
    freeze(app, NOW)
    replies = run_dialogue(client, report_choosing(("audio", "Which language")))
    response = client.get(private_link(replies))
    assert response.mimetype == "audio/wav"
    with wave.open(io.BytesIO(response.data)) as wav:
        assert wav.getnframes() / wav.getframerate() > 5  # the whole acknowledgement, read aloud


def test_easy_read_replaces_the_acknowledgement_with_short_lines(app, client):
    replies = run_dialogue(client, report_choosing(("easy read", "Which language")))
    ack = next(m for m in replies if m["kind"] == "acknowledgement")
    assert "Thank you for telling us." in ack["text"]
    assert all(len(line.split()) <= 16 for line in ack["text"].splitlines())


def test_a_printed_letter_waits_in_the_letters_to_post_list_until_marked_posted(app, client):
    dialogue = report_choosing(("printed letter", "What address should we post them to"),
                               ("12 Example Road, Derby DE1 2AB", "Which language"))
    replies = run_dialogue(client, dialogue)
    assert any("post this to you" in m["text"] for m in replies)
    with app.extensions["intake"].db.transaction() as session:
        waiting = letters_to_post(session)
        assert [(d.recipient_name, d.postal_address, d.kind) for d in waiting] == [
            ("Sam Taylor", "12 Example Road, Derby DE1 2AB", "acknowledgement")]
        assert waiting[0].token_hash is None  # never reachable by a link
        mark_posted(session, waiting[0].id, "officer@derbyhomes.test", NOW)
    with app.extensions["intake"].db.transaction() as session:
        assert letters_to_post(session) == []


class SmtpServer:
    """aiosmtpd on 127.0.0.1: a real SMTP server that keeps what it receives."""

    def __init__(self) -> None:
        self.received: list = []
        server = self

        class Keep(MessageHandler):
            def handle_message(self, message) -> None:  # type: ignore[no-untyped-def]
                server.received.append(message)

        with socket.socket() as probe:  # aiosmtpd checks readiness on its own port, so it cannot be 0
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Keep(), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


def test_the_email_format_sends_an_accessible_html_and_text_email_through_smtp(app, client):
    dialogue = report_choosing(("email", "What email address should we send them to?"),
                               ("sam@example.com", "Which language"))
    replies = run_dialogue(client, dialogue)
    assert any("sent this to your email" in m["text"] for m in replies)
    services = app.extensions["intake"]
    with SmtpServer() as smtp:
        sender = SmtpSender(SmtpSettings(host="127.0.0.1", port=smtp.port, sender="asb@derbyhomes.test", timeout=5))
        outbox.deliver_due(services.db, {"email": sender, "web": services.senders["web"]}, services.retry,
                           lambda: datetime.now(UTC), limit=500)
        assert len(smtp.received) == 1
        email = smtp.received[0]
    assert email["To"] == "sam@example.com" and email["Subject"] == "Your anti-social behaviour report"
    parts = {part.get_content_type(): part.get_payload(decode=True).decode() for part in email.walk()
             if not part.is_multipart()}
    assert "Your reference is ASB-" in parts["text/plain"]
    assert '<html lang="en" dir="ltr">' in parts["text/html"] and "<title>" in parts["text/html"]
    with services.db.transaction() as session:
        row = session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "email")).one()
        assert row.status == "sent"


def test_an_unreachable_mail_server_is_retried_not_lost(app, client):
    dialogue = report_choosing(("email", "What email address"), ("sam@example.com", "Which language"))
    run_dialogue(client, dialogue)
    services = app.extensions["intake"]
    sender = SmtpSender(SmtpSettings(host="127.0.0.1", port=1, timeout=2))
    outbox.deliver_due(services.db, {"email": sender, "web": services.senders["web"]}, services.retry,
                       lambda: datetime.now(UTC), limit=500)
    with services.db.transaction() as session:
        row = session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "email")).one()
        assert row.status == "pending" and row.attempts == 1


def test_an_officers_update_goes_out_translated_and_in_the_residents_format(app, client):
    run_dialogue(client, report_choosing(("large print", "Which language")))
    services = app.extensions["intake"]
    with services.db.transaction() as session:
        case = session.scalars(select(Case)).one()
        resident = session.get(Resident, case.resident_id)
        resident.language = "pl"
        message = officer_message(MessageKind.UPDATE, "We visited your neighbour today.", reference=case.reference,
                                  language="pl", policy=POLICY)
        replies = render_for_resident(session, needs_of(resident), message, links=LinkSettings(), now=NOW,
                                      resident_id=resident.id, case_id=case.id)
        summary = needs_summary(resident)
    assert replies[0].text.startswith(f"Oto informacja o Twojej sprawie dotyczącej zachowań antyspołecznych {case.reference}")
    assert "We visited your neighbour today." in replies[0].text
    assert replies[1].kind == "format_link" and "dużym drukiem" in replies[1].text
    assert summary.language.startswith("Polish") and summary.format.startswith("Large print")
    assert ("Contact", "By text message (+447700900123)") in summary.lines()


def test_a_resident_resumes_their_chat_with_the_reference_and_code_after_a_quick_exit(app, client):
    replies = run_dialogue(client, NOISE_AND_DRUGS_REPORT)
    note = next(m["text"] for m in replies if m["kind"] == "resume_code")
    reference, code = re.search(r"(ASB-\d{4}-\d+) and this code: ([A-Z0-9-]+)", note).groups()
    assert client.post("/api/chat/exit").status_code == 204
    assert client.get_cookie("intake_chat") is None
    assert client.get("/api/chat/messages").get_json()["messages"] == []

    other = app.test_client()
    assert other.post("/resume", data={"reference": reference, "code": "WRONG-CODE"}).status_code == 400
    resumed = other.post("/resume", data={"reference": reference.lower(), "code": code.lower()})
    assert resumed.status_code == 303
    transcript = other.get("/api/chat/messages").get_json()["messages"]
    assert any(reference in m["text"] for m in transcript if m["from"] == "service")


def test_five_wrong_codes_lock_the_reference_even_for_the_right_code(app, client):
    replies = run_dialogue(client, NOISE_AND_DRUGS_REPORT)
    note = next(m["text"] for m in replies if m["kind"] == "resume_code")
    reference, code = re.search(r"(ASB-\d{4}-\d+) and this code: ([A-Z0-9-]+)", note).groups()
    other = app.test_client()
    for _ in range(5):
        assert other.post("/resume", data={"reference": reference, "code": "AAAA-AAAA"}).status_code == 400
    assert other.post("/resume", data={"reference": reference, "code": code}).status_code == 429
    assert other.post("/resume", data={"reference": reference, "code": code},
                      headers={"Origin": "https://evil.example"}).status_code in (400, 429)
