"""The Twilio webhooks: signatures, retries of the same message, STOP and START, media, and channel off."""

from __future__ import annotations

import io
import logging
from dataclasses import replace
from pathlib import Path

import pytest
from flask import Flask
from PIL import Image
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator
from werkzeug.middleware.proxy_fix import ProxyFix

from intake import create_app
from intake.models import Evidence, Message, OutboxMessage, SmsOptOutEvent
from tests.fake_twilio import (AUTH_TOKEN, FakeTwilio, Phone, deliver_all, inbound_form, make_sms_app, signed_post)

RESIDENT = "+447700900321"


def count(app: Flask, model: type) -> int:
    with app.extensions["intake"].db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("signature", ["forged-signature", None])
def test_a_forged_or_missing_signature_is_refused_and_nothing_is_stored_or_answered(
    sms_app: Flask, fake_twilio: FakeTwilio, signature: str | None
):
    client = sms_app.test_client()
    form = inbound_form(RESIDENT, "hello")
    headers = {"X-Twilio-Signature": signature} if signature else {}
    response = client.post("/channels/sms/inbound", data=form, headers=headers)
    assert response.status_code == 403 and response.get_json()["status"] == 403
    deliver_all(sms_app)
    assert count(sms_app, Message) == count(sms_app, OutboxMessage) == 0
    assert fake_twilio.messages == []


def test_a_signature_made_with_another_token_or_over_a_changed_body_is_refused(sms_app: Flask):
    client = sms_app.test_client()
    form = inbound_form(RESIDENT, "hello")
    assert signed_post(client, "/channels/sms/inbound", form, token="someone-elses-token").status_code == 403
    good = RequestValidator(AUTH_TOKEN).compute_signature("https://intake.example.org/channels/sms/inbound", form)
    tampered = {**form, "Body": "something else"}
    assert signed_post(client, "/channels/sms/inbound", tampered, signature=good).status_code == 403
    assert signed_post(client, "/channels/sms/inbound", form, signature=good).status_code == 200
    assert count(sms_app, Message) == 1


def test_the_signature_covers_the_query_string(sms_app: Flask):
    client = sms_app.test_client()
    form = inbound_form(RESIDENT, "hello")
    signature = RequestValidator(AUTH_TOKEN).compute_signature(
        "https://intake.example.org/channels/sms/inbound?landlord=derby", form)
    ok = client.post("/channels/sms/inbound?landlord=derby", data=form, headers={"X-Twilio-Signature": signature})
    moved = client.post("/channels/sms/inbound?landlord=other", data=form, headers={"X-Twilio-Signature": signature})
    assert (ok.status_code, moved.status_code) == (200, 403)


def test_a_sha256_signature_made_with_the_webhook_shared_key_is_accepted(
    settings, db, fake_twilio: FakeTwilio, tmp_path: Path
):
    app = make_sms_app(settings, fake_twilio, tmp_path, TWILIO_WEBHOOK_KEY_SID="KS123",
                       TWILIO_WEBHOOK_KEY_SECRET="shared-secret")
    client = app.test_client()
    header = {"X-Twilio-Webhooks-Signature-Settings": "key=KS123,algorithm=HMAC_SHA256"}
    form = inbound_form(RESIDENT, "hello")
    assert signed_post(client, "/channels/sms/inbound", form, token="shared-secret", headers=header).status_code == 200
    other_key = {"X-Twilio-Webhooks-Signature-Settings": "key=KS999,algorithm=HMAC_SHA256"}
    form2 = inbound_form(RESIDENT, "no")
    assert signed_post(client, "/channels/sms/inbound", form2, token="shared-secret",
                       headers=other_key).status_code == 403
    sha1_with_secret = inbound_form(RESIDENT, "no")  # right key, but signed as SHA-1 while the header says SHA-256
    signature = RequestValidator("shared-secret").compute_signature(
        "https://intake.example.org/channels/sms/inbound", sha1_with_secret)
    assert signed_post(client, "/channels/sms/inbound", sha1_with_secret, signature=signature,
                       headers=header).status_code == 403
    app.extensions["intake"].db.dispose()


def test_behind_a_proxy_fix_the_forwarded_public_url_is_what_is_checked(
    settings, db, fake_twilio: FakeTwilio, tmp_path: Path
):
    app = make_sms_app(settings, fake_twilio, tmp_path, TWILIO_SIGNATURE_URL="request")
    app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1, x_host=1)  # type: ignore[method-assign]
    form = inbound_form(RESIDENT, "hello")
    signature = RequestValidator(AUTH_TOKEN).compute_signature("https://sms.example.net/channels/sms/inbound", form)
    client = app.test_client()
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "sms.example.net", "X-Twilio-Signature": signature}
    assert client.post("/channels/sms/inbound", data=form, headers=forwarded).status_code == 200
    wrong_host = {**forwarded, "X-Forwarded-Host": "evil.example.com"}
    assert client.post("/channels/sms/inbound", data=form, headers=wrong_host).status_code == 403
    app.extensions["intake"].db.dispose()


def test_twilio_retrying_the_same_message_sid_does_nothing_twice(sms_app: Flask, fake_twilio: FakeTwilio):
    client = sms_app.test_client()
    form = inbound_form(RESIDENT, "hello")
    for _ in range(3):
        assert signed_post(client, "/channels/sms/inbound", form).status_code == 200
    deliver_all(sms_app)
    assert count(sms_app, Message) == 1
    assert count(sms_app, OutboxMessage) == 2  # welcome and the first question, once
    assert len(fake_twilio.sent_to(RESIDENT)) == 2


def test_the_webhook_answers_with_empty_twiml_and_sends_replies_only_through_the_worker(
    sms_app: Flask, fake_twilio: FakeTwilio
):
    response = signed_post(sms_app.test_client(), "/channels/sms/inbound", inbound_form(RESIDENT, "hello"))
    assert response.status_code == 200 and response.mimetype == "text/xml"
    assert response.data.decode().endswith("<Response />")
    assert fake_twilio.messages == []  # nothing sent from inside the request
    deliver_all(sms_app)
    assert len(fake_twilio.sent_to(RESIDENT)) == 2


def test_stop_inside_a_sentence_is_part_of_the_report(sms_app: Flask, fake_twilio: FakeTwilio):
    phone = Phone(sms_app, fake_twilio, RESIDENT)
    phone.text("hello")
    phone.text("no")
    reply = "\n".join(phone.text("he said he'd stop me going out"))
    assert "Which of these best describe it?" in reply
    assert count(sms_app, SmsOptOutEvent) == 0


@pytest.mark.parametrize("word", ["STOP", "stop", " Stop. ", "UNSUBSCRIBE", "quit"])
def test_stop_alone_opts_out_and_nothing_more_is_sent_until_start(sms_app: Flask, fake_twilio: FakeTwilio, word: str):
    phone = Phone(sms_app, fake_twilio, RESIDENT)
    phone.text("hello")
    client = sms_app.test_client()
    signed_post(client, "/channels/sms/inbound", inbound_form(RESIDENT, "no"))  # a reply now waits in the outbox
    assert phone.text(word) == []
    assert phone.text("loud music every night next door") == []  # still taken in, but not answered
    with sms_app.extensions["intake"].db.transaction() as session:
        failed = session.scalars(select(OutboxMessage).where(OutboxMessage.status == "failed")).all()
        assert failed and all("STOP" in row.last_error for row in failed)
    back = "\n".join(phone.text("START"))
    assert "It sounds like noise. Is that right?" in back  # START picks up at the question they were on
    assert "When did it happen" in "\n".join(phone.text("yes"))


def test_help_returns_the_phone_number_and_how_the_service_works(sms_app: Flask, fake_twilio: FakeTwilio):
    phone = Phone(sms_app, fake_twilio, RESIDENT)
    phone.text("hello")
    reply = "\n".join(phone.text("HELP"))
    assert "01332 888777" in reply and "short questions" in reply
    assert "Is anyone in danger right now?" in reply


def test_a_photo_is_fetched_with_the_account_credentials_and_stored_without_its_exif(
    sms_app: Flask, fake_twilio: FakeTwilio, tmp_path: Path
):
    image = Image.new("RGB", (32, 24), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 55.0, 12.0), 3: "W", 4: (1.0, 28.0, 30.0)}  # GPS: where the resident lives
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    with Image.open(io.BytesIO(buffer.getvalue())) as original:
        assert original.getexif()[0x010F] == "PhoneMaker"
    url = fake_twilio.add_media(buffer.getvalue(), "image/jpeg")

    phone = Phone(sms_app, fake_twilio, RESIDENT)
    reply = "\n".join(phone.text("", media=[(url, "image/jpeg")]))
    assert "We have kept your file with your report" in reply
    with sms_app.extensions["intake"].db.transaction() as session:
        evidence = session.scalars(select(Evidence)).one()
        assert evidence.channel == "sms" and evidence.content_type == "image/jpeg"
    with Image.open(tmp_path / "evidence" / evidence.stored_path) as stored:
        assert stored.size == (32, 24) and not stored.getexif() and "exif" not in stored.info


def reply_to_a_file_that_cannot_be_fetched(sms_app: Flask, fake_twilio: FakeTwilio, answer: str, text: str) -> str:
    """Start a conversation, answer its first question, then send `text` with a photo Twilio fails to serve."""
    url = fake_twilio.add_media(b"not reached", "image/jpeg")
    fake_twilio.media_failures = 1
    phone = Phone(sms_app, fake_twilio, RESIDENT)
    phone.text("hello")
    phone.text(answer)
    return "\n".join(phone.text(text, media=[(url, "image/jpeg")]))


def test_a_failed_media_fetch_keeps_the_words_and_says_the_file_was_not_kept(
    sms_app: Flask, fake_twilio: FakeTwilio
):
    reply = reply_to_a_file_that_cannot_be_fetched(sms_app, fake_twilio, "no", "people dealing drugs on the landing")
    assert "could not keep a file you sent" in reply
    with sms_app.extensions["intake"].db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Evidence)) == 0
        assert session.scalars(select(Message.body).order_by(Message.id.desc())).first() == \
            "people dealing drugs on the landing"


def test_a_file_that_was_not_kept_is_explained_in_the_residents_own_language(
    sms_app: Flask, fake_twilio: FakeTwilio
):
    reply = reply_to_a_file_that_cannot_be_fetched(sms_app, fake_twilio, "polski",
                                                   "ludzie handlują narkotykami na klatce")
    assert "Przepraszamy, nie udało się zachować pliku" in reply
    assert "nie udało się pobrać tego pliku" in reply  # the reason is translated too
    assert "could not" not in reply and "we could" not in reply


def test_a_file_of_a_type_not_allowed_is_not_fetched(sms_app: Flask, fake_twilio: FakeTwilio):
    url = fake_twilio.add_media(b"MZ...", "application/x-msdownload")
    phone = Phone(sms_app, fake_twilio, RESIDENT)
    reply = "\n".join(phone.text("hello", media=[(url, "application/x-msdownload")]))
    assert "photos, audio, video and PDF files only" in reply
    assert count(sms_app, Evidence) == 0


def test_without_twilio_credentials_the_channel_is_off_says_so_once_and_answers_503(
    settings, db, caplog: pytest.LogCaptureFixture
):
    with caplog.at_level(logging.INFO, logger="intake.channels.sms"):
        app = create_app(replace(settings, extra={}))
    lines = [r.getMessage() for r in caplog.records if "SMS/WhatsApp channel is off" in r.getMessage()]
    assert len(lines) == 1 and "TWILIO_ACCOUNT_SID" in lines[0]
    assert "sms" not in app.extensions["intake"].senders
    client = app.test_client()
    for path in ("/channels/sms/inbound", "/channels/sms/status"):
        response = signed_post(client, path, inbound_form(RESIDENT, "hello"))
        assert response.status_code == 503 and "not configured" in response.get_json()["error"]
    assert count(app, Message) == 0
    app.extensions["intake"].db.dispose()
