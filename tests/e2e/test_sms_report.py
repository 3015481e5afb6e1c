"""A resident reports by text message (SMS and WhatsApp) through the fake Twilio API, end to end."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from intake.channels.sms_store import undelivered_for_case
from intake.models import Case, CaseEvent, Conversation, Message, OutboxMessage, SmsPart
from tests.factories import NOISE_AND_DRUGS_REPORT
from tests.fake_twilio import FROM_NUMBER, WHATSAPP_FROM, FakeTwilio, Phone, signed_post

RESIDENT = "+447700900123"


def run_dialogue(phone: Phone, dialogue: list[tuple[str, str]]) -> list[str]:
    last: list[str] = []
    for resident_says, expected in dialogue:
        last = phone.text(resident_says)
        joined = "\n".join(last)
        assert expected in joined, f"after {resident_says!r} expected {expected!r} in:\n{joined}"
    return last


def test_a_complete_sms_dialogue_opens_a_case_and_the_acknowledgement_goes_out_through_twilio(
    sms_app: Flask, fake_twilio: FakeTwilio
):
    phone = Phone(sms_app, fake_twilio, RESIDENT)
    last = run_dialogue(phone, NOISE_AND_DRUGS_REPORT)

    with sms_app.extensions["intake"].db.transaction() as session:
        case = session.scalars(select(Case)).one()
        assert case.channel == "sms" and case.types == ["drugs", "noise"]
        ack = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "acknowledgement")).one()
        assert ack.status == "sent" and ack.case_id == case.id
        parts = session.scalars(select(SmsPart).where(SmsPart.outbox_id == ack.id).order_by(SmsPart.part)).all()
        assert ack.segments == sum(p.segments for p in parts) >= 2
        assert ack.provider_id == parts[0].message_sid
        assert session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.channel == "sms", OutboxMessage.segments.is_(None))) == 0
    assert case.reference in "\n".join(last)
    sent = fake_twilio.sent_to(RESIDENT)
    assert {m["From"] for m in sent} == {FROM_NUMBER}
    assert all(m["StatusCallback"].startswith("https://intake.example.org/channels/sms/status?outbox=") for m in sent)
    assert all(len(m["Body"]) <= 1600 for m in sent)


def test_choices_arrive_as_numbered_options_and_the_number_the_word_or_a_synonym_is_accepted(
    sms_app: Flask, fake_twilio: FakeTwilio
):
    phone = Phone(sms_app, fake_twilio, RESIDENT)
    first = "\n".join(phone.text("hello"))
    assert "1 Yes, someone is in danger now\n2 No" in first
    assert "Please tell us what is happening" in "\n".join(phone.text("2"))
    types = "\n".join(phone.text("people shouting and fighting on the stairs at night"))
    assert "Reply with a number:\n1 Physical violence\n2 Domestic abuse" in types
    assert "When did it happen" in "\n".join(phone.text("11"))  # 11 is Noise
    with sms_app.extensions["intake"].db.transaction() as session:
        conversation = session.scalars(select(Conversation)).one()
        assert conversation.answers["in_danger"] is False
        assert conversation.answers["description"].startswith("people shouting")
        assert conversation.answers["types"] == ["noise"]


def test_a_whatsapp_dialogue_opens_a_case_and_replies_go_to_the_whatsapp_address(
    sms_app: Flask, fake_twilio: FakeTwilio
):
    phone = Phone(sms_app, fake_twilio, RESIDENT, sender=f"whatsapp:{RESIDENT}", to=WHATSAPP_FROM)
    dialogue = [("text", "Here, in this chat") if said == "text" else (said, expected)
                for said, expected in NOISE_AND_DRUGS_REPORT]
    dialogue = [pair for pair in dialogue if pair[0] != "07700 900123"]
    index = [said for said, _ in dialogue].index("text")
    dialogue[index] = ("here", "When is it safe to contact you?")
    run_dialogue(phone, dialogue)

    with sms_app.extensions["intake"].db.transaction() as session:
        case = session.scalars(select(Case)).one()
        assert case.channel == "whatsapp"
        ack = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "acknowledgement")).one()
        assert ack.status == "sent" and ack.recipient == RESIDENT
    sent = fake_twilio.sent_to(f"whatsapp:{RESIDENT}")
    assert sent and {m["From"] for m in sent} == {WHATSAPP_FROM}
    assert fake_twilio.sent_to(RESIDENT) == []


def test_texts_from_the_same_phone_written_differently_reach_the_same_conversation(
    sms_app: Flask, fake_twilio: FakeTwilio
):
    Phone(sms_app, fake_twilio, RESIDENT, sender="+447700900123").text("hello")
    Phone(sms_app, fake_twilio, RESIDENT, sender="07700 900123").text("no")
    Phone(sms_app, fake_twilio, RESIDENT, sender="+44 (0)7700 900-123").text("loud music every night next door")
    with sms_app.extensions["intake"].db.transaction() as session:
        conversations = session.scalars(select(Conversation)).all()
        assert [c.address for c in conversations] == [RESIDENT]
        assert conversations[0].answers["description"] == "loud music every night next door"


def test_a_resident_who_texts_again_can_add_to_their_open_case(sms_app: Flask, fake_twilio: FakeTwilio):
    phone = Phone(sms_app, fake_twilio, RESIDENT)
    run_dialogue(phone, NOISE_AND_DRUGS_REPORT)
    with sms_app.extensions["intake"].db.transaction() as session:
        reference = session.scalars(select(Case.reference)).one()
    offer = "\n".join(phone.text("they were at it again last night until 3am"))
    assert f"1 Add to my report {reference}" in offer and "2 Start a new report" in offer
    added = "\n".join(phone.text("1"))
    assert f"We have added this to your report {reference}" in added
    with sms_app.extensions["intake"].db.transaction() as session:
        event = session.scalars(select(CaseEvent).where(CaseEvent.kind == "incident_added")).one()
        assert event.detail == {"text": "they were at it again last night until 3am", "channel": "sms"}
        assert session.scalar(select(func.count()).select_from(Case)) == 1


def test_an_undelivered_acknowledgement_is_recorded_for_officers(sms_app: Flask, fake_twilio: FakeTwilio):
    phone = Phone(sms_app, fake_twilio, RESIDENT)
    run_dialogue(phone, NOISE_AND_DRUGS_REPORT)
    db = sms_app.extensions["intake"].db
    with db.transaction() as session:
        ack = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "acknowledgement")).one()
        sids = session.scalars(select(SmsPart.message_sid).where(SmsPart.outbox_id == ack.id)).all()
        ack_id, case_id = ack.id, ack.case_id
    client = sms_app.test_client()
    path = f"/channels/sms/status?outbox={ack_id}"
    for status in ("sent", "undelivered", "undelivered", "sent"):  # a duplicate, and a late "sent"
        form = {"MessageSid": sids[0], "MessageStatus": status, "AccountSid": "x", "To": RESIDENT, "From": FROM_NUMBER}
        if status == "undelivered":
            form["ErrorCode"] = "30003"
        assert signed_post(client, path, form).status_code == 200
    with db.transaction() as session:
        assert session.get(OutboxMessage, ack_id).delivery_status == "undelivered"
        events = session.scalars(select(CaseEvent).where(CaseEvent.kind == "message_undelivered")).all()
        assert len(events) == 1 and events[0].detail["message_kind"] == "acknowledgement"
        undelivered = undelivered_for_case(session, case_id)
        assert [(u.outbox_id, u.kind, u.status, u.error) for u in undelivered] == \
            [(ack_id, "acknowledgement", "undelivered", "30003")]
        assert session.scalar(select(func.count()).select_from(Message)) == len(NOISE_AND_DRUGS_REPORT)
