"""The Telegram channel against a fake Bot API on 127.0.0.1, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import logging
import threading
import time
from datetime import timedelta
from typing import Any

from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import func, select

from intake import outbox
from intake.channels.telegram import SECRET_HEADER, command_text
from intake.channels.telegram_bot import keyboard, split_text, text_of_callback
from intake.channels.telegram_commands import poll_updates, telegram
from intake.db import utcnow
from intake.models import Conversation, Evidence, Message, OutboxMessage
from tests.channels.fake_telegram_api import (  # noqa: F401 (fixtures)
    SECRET, FakeTelegramApi, callback_update, location_update, message_update, photo_update, telegram_api,
    telegram_app, telegram_settings,
)

WEBHOOK = "/channels/telegram/webhook"
CHAT = 424242


def post(client: FlaskClient, update: dict[str, Any], secret: str | None = SECRET) -> Any:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    return client.post(WEBHOOK, json=update, headers=headers)


def deliver(app: Any, later: timedelta = timedelta(0)) -> int:
    """One pass of the worker with a clock `later` than now (to reach rows scheduled for a retry)."""
    s = app.extensions["intake"]
    return outbox.deliver_due(s.db, s.senders, s.retry, lambda: utcnow() + later)


def say(app: Any, client: FlaskClient, text: str, chat: int = CHAT) -> list[str]:
    """Send text as the resident, run the worker, and return what the fake API was asked to send."""
    before = len(app.telegram_api.sent_texts())
    assert post(client, message_update(chat, text)).status_code == 200
    deliver(app)
    return app.telegram_api.sent_texts()[before:]


def count(app: Any, model: Any) -> int:
    with app.extensions["intake"].db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model))


def conversation(app: Any) -> Conversation:
    with app.extensions["intake"].db.transaction() as session:
        return session.scalars(select(Conversation).order_by(Conversation.id.desc())).first()


def _app(telegram_app: Any, telegram_api: FakeTelegramApi) -> Any:
    telegram_app.telegram_api = telegram_api
    return telegram_app


# --- rendering (no database) ----------------------------------------------------------------------------


def test_choices_become_inline_buttons_whose_data_fits_64_bytes_and_reads_back_as_the_choice() -> None:
    markup = keyboard((("yes", "Yes"), ("no", "No"), ("v" * 70, "A choice with a very long value")))
    buttons = [b for row in markup.inline_keyboard for b in row]
    assert [b.callback_data for b in buttons] == ["c:yes", "c:no", "n:3"]
    assert all(len(b.callback_data.encode()) <= 64 for b in buttons)
    assert [text_of_callback(b.callback_data) for b in buttons] == ["yes", "no", "3"]
    assert text_of_callback("something-else") is None
    assert keyboard(()) is None


def test_a_message_over_4096_characters_is_split_at_paragraphs_into_parts_telegram_accepts() -> None:
    paragraphs = [f"Paragraph {n}. " + "word " * 300 for n in range(8)]
    parts = split_text("\n\n".join(paragraphs))
    assert len(parts) >= 3
    assert all(len(p) <= 4096 for p in parts)
    assert all(p.startswith("Paragraph") for p in parts)  # cut between paragraphs, not inside one
    assert " ".join(" ".join(parts).split()) == " ".join(" ".join(paragraphs).split())
    emoji = split_text("🙂" * 3000)  # two UTF-16 code units each, as Telegram counts
    assert [len(p) for p in emoji] == [2048, 952]
    assert split_text("short") == ["short"]


def test_telegram_commands_become_the_conversations_own_words() -> None:
    assert [command_text(t) for t in ("/start", "/help", "/cancel@asb_bot", "/restart", "hello /start")] == [
        "help", "help", "stop", "restart", "hello /start"]


# --- the webhook ---------------------------------------------------------------------------------------


def test_a_forged_or_missing_secret_is_refused_with_403_and_nothing_is_stored(telegram_app, telegram_api) -> None:
    client = telegram_app.test_client()
    assert post(client, message_update(CHAT, "hello"), secret="not-the-secret").status_code == 403
    assert post(client, message_update(CHAT, "hello"), secret=None).status_code == 403
    assert post(client, message_update(CHAT, "hello"), secret=SECRET + "x").status_code == 403
    assert count(telegram_app, Message) == 0 and count(telegram_app, OutboxMessage) == 0


def test_without_a_token_the_channel_is_off_says_so_at_start_up_and_its_webhook_answers_503(
        settings, db, caplog) -> None:
    from intake import create_app

    with caplog.at_level(logging.INFO, logger="intake.channels.telegram"):
        app = create_app(settings)
    assert "telegram" not in app.extensions["intake"].senders
    assert any("TELEGRAM_BOT_TOKEN is not set" in r.getMessage() for r in caplog.records)
    response = post(app.test_client(), message_update(CHAT, "hello"))
    assert response.status_code == 503
    assert count(app, Message) == 0
    app.extensions["intake"].db.dispose()


def test_a_message_is_answered_200_at_once_and_the_replies_reach_telegram_through_the_outbox(
        telegram_app, telegram_api) -> None:
    client = telegram_app.test_client()
    response = post(client, message_update(CHAT, "/start"))
    assert response.status_code == 200 and response.get_json() == {}
    assert telegram_api.calls_to("sendMessage") == []  # nothing sent inside the webhook
    assert deliver(telegram_app) >= 2
    sent = telegram_api.calls_to("sendMessage")
    assert "We will ask you some short questions" in sent[0]["text"]
    assert sent[-1]["text"] == "Is anyone in danger right now?"
    assert sent[-1]["chat_id"] == str(CHAT)
    buttons = [b for row in sent[-1]["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["callback_data"] for b in buttons] == ["c:yes", "c:no"]


def test_a_duplicate_update_is_handled_once(telegram_app, telegram_api) -> None:
    client = telegram_app.test_client()
    update = message_update(CHAT, "hello")
    assert post(client, update).status_code == 200
    replies = count(telegram_app, OutboxMessage)
    assert post(client, update).status_code == 200  # Telegram's retry of the same update_id
    assert count(telegram_app, OutboxMessage) == replies
    assert count(telegram_app, Message) == 1
    deliver(telegram_app)
    assert len(telegram_api.calls_to("sendMessage")) == replies


def test_a_pressed_button_is_answered_in_the_webhook_response_and_taken_as_the_choice(
        telegram_app, telegram_api) -> None:
    app, client = _app(telegram_app, telegram_api), telegram_app.test_client()
    say(app, client, "/start")
    press = callback_update(CHAT, "c:no")
    response = post(client, press)
    assert response.status_code == 200
    assert response.get_json() == {"method": "answerCallbackQuery",
                                   "callback_query_id": press["callback_query"]["id"]}
    deliver(app)
    assert telegram_api.sent_texts()[-1].startswith("Please tell us what is happening")
    assert conversation(app).answers["in_danger"] is False


def test_a_button_the_service_never_made_is_answered_and_otherwise_ignored(telegram_app, telegram_api) -> None:
    press = callback_update(CHAT, "someone-elses-data")
    response = post(telegram_app.test_client(), press)
    assert response.get_json()["callback_query_id"] == press["callback_query"]["id"]
    assert count(telegram_app, Message) == 0


def test_the_users_language_code_suggests_the_conversation_language(telegram_app, telegram_api) -> None:
    assert "pl" in telegram_app.extensions["intake"].policy.languages
    post(telegram_app.test_client(), message_update(CHAT, "/start", language="pl"))
    assert conversation(telegram_app).language == "pl"


TO_WHERE = ["/start", "no", "loud music every night and people dealing drugs on the landing", "yes",
            "since last month, most nights", "yes"]


def test_a_shared_location_is_kept_and_the_address_can_then_be_skipped(telegram_app, telegram_api) -> None:
    app, client = _app(telegram_app, telegram_api), telegram_app.test_client()
    for text in TO_WHERE:
        last = say(app, client, text)
    assert last[-1].startswith("Where is it happening?")
    assert post(client, location_update(CHAT, 52.922531, -1.474058)).status_code == 200
    deliver(app)
    replies = telegram_api.sent_texts()[-2:]
    assert replies[0].startswith("Thank you for sharing your location")
    assert replies[1].startswith("Where is it happening?")  # still asked for an address or postcode
    assert say(app, client, "skip")[-1].startswith("Do you know who is responsible?")
    answers = conversation(app).answers
    assert answers["coordinates"] == [52.922531, -1.474058]
    assert answers["location"] == "Shared location"


def jpeg_with_gps_exif() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 55.0, 21.1), 3: "W", 4: (1.0, 28.0, 26.6)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_is_fetched_through_the_bot_api_and_stored_without_its_exif(
        telegram_app, telegram_api, telegram_settings) -> None:
    original = jpeg_with_gps_exif()
    assert Image.open(io.BytesIO(original)).getexif()  # the test photo does carry location data
    telegram_api.add_file("photo-big", original)
    client = telegram_app.test_client()
    post(client, message_update(CHAT, "/start"))
    photo = photo_update(CHAT, "photo-big", len(original))
    assert post(client, photo).status_code == 200
    assert post(client, photo).status_code == 200  # Telegram's retry: not fetched or kept twice
    assert telegram_api.calls_to("getFile") == [{"file_id": "photo-big"}]  # the largest size, once
    with telegram_app.extensions["intake"].db.transaction() as session:
        evidence = session.scalars(select(Evidence)).one()
    assert evidence.content_type == "image/jpeg" and evidence.channel == "telegram"
    assert evidence.conversation_id == conversation(telegram_app).id
    stored = (telegram_settings.evidence_dir / evidence.stored_path).read_bytes()
    assert stored != original
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif() and image.size == (64, 48)
    deliver(telegram_app)
    assert "We have kept your file" in "\n".join(telegram_api.sent_texts())


def test_a_file_of_a_type_we_do_not_accept_is_not_fetched_and_the_resident_is_told_why(
        telegram_app, telegram_api) -> None:
    document = {"file_id": "zip-1", "file_unique_id": "z", "file_name": "x.zip", "mime_type": "application/zip",
                "file_size": 1000}
    assert post(telegram_app.test_client(), message_update(CHAT, None, document=document)).status_code == 200
    assert telegram_api.calls_to("getFile") == []
    assert count(telegram_app, Evidence) == 0
    deliver(telegram_app)
    assert telegram_api.sent_texts() == [
        "Sorry, we could not keep your file: we can accept photos, audio, video and PDF files only. "
        "You can try sending it again."]


def test_a_file_not_kept_is_explained_in_the_language_chosen_in_the_conversation(telegram_app, telegram_api) -> None:
    app, client = _app(telegram_app, telegram_api), telegram_app.test_client()
    say(app, client, "hello")
    say(app, client, "polski")
    document = {"file_id": "zip-2", "file_unique_id": "z2", "file_name": "x.zip", "mime_type": "application/zip",
                "file_size": 1000}
    assert post(client, message_update(CHAT, None, document=document)).status_code == 200
    deliver(telegram_app)
    notice = telegram_api.sent_texts()[-1]
    assert notice.startswith("Przepraszamy") and "zdjęcia, nagrania audio, wideo i pliki PDF" in notice


def test_a_voice_note_the_api_cannot_serve_is_not_kept_and_the_resident_can_send_it_again(
        telegram_app, telegram_api) -> None:
    voice = {"file_id": "voice-missing", "file_unique_id": "v", "duration": 3, "mime_type": "audio/ogg",
             "file_size": 2000}
    assert post(telegram_app.test_client(), message_update(CHAT, None, voice=voice)).status_code == 200
    assert telegram_api.calls_to("getFile") == [{"file_id": "voice-missing"}]
    deliver(telegram_app)
    assert "could not fetch it from Telegram" in telegram_api.sent_texts()[0]


# --- the sender ----------------------------------------------------------------------------------------


def outbox_rows(app: Any) -> list[OutboxMessage]:
    with app.extensions["intake"].db.transaction() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all())


def test_a_resident_who_blocked_the_bot_is_a_permanent_failure_and_is_not_retried(telegram_app, telegram_api) -> None:
    post(telegram_app.test_client(), message_update(CHAT, "hello"))
    rows = len(outbox_rows(telegram_app))
    telegram_api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", times=rows)
    deliver(telegram_app)
    assert {(r.status, r.attempts) for r in outbox_rows(telegram_app)} == {("failed", 1)}
    assert "blocked" in outbox_rows(telegram_app)[0].last_error
    assert deliver(telegram_app, later=timedelta(days=1)) == 0
    assert len(telegram_api.calls_to("sendMessage")) == rows


def test_flood_control_is_retried_after_the_wait_telegram_asks_for(telegram_app, telegram_api) -> None:
    post(telegram_app.test_client(), message_update(CHAT, "hello"))
    telegram_api.fail_next("sendMessage", 429, "Too Many Requests: retry after 42", times=10,
                           parameters={"retry_after": 42})
    before = utcnow()
    deliver(telegram_app)
    for row in outbox_rows(telegram_app):
        assert row.status == "pending"
        assert timedelta(seconds=41) <= row.next_attempt_at - before <= timedelta(seconds=44)
    assert deliver(telegram_app, later=timedelta(seconds=30)) == 0  # not before Telegram's wait is over


def test_the_api_down_then_back_loses_nothing_and_sends_nothing_twice(telegram_app, telegram_api) -> None:
    app, client = _app(telegram_app, telegram_api), telegram_app.test_client()
    post(client, message_update(CHAT, "/start"))
    post(client, callback_update(CHAT, "c:no"))
    expected = [r.body for r in outbox_rows(app)]
    telegram_api.stop()
    deliver(app)
    assert {r.status for r in outbox_rows(app)} == {"pending"}
    assert all("Telegram unavailable" in r.last_error for r in outbox_rows(app))
    telegram_api.start()  # back, on the same address
    deliver(app, later=timedelta(minutes=10))
    deliver(app, later=timedelta(hours=1))
    assert {r.status for r in outbox_rows(app)} == {"sent"}
    assert telegram_api.sent_texts() == expected


def test_a_long_reply_is_sent_in_parts_with_the_buttons_under_the_last(telegram_app, telegram_api) -> None:
    from intake.enums import Channel
    from intake.messages import Choice, Reply

    s = telegram_app.extensions["intake"]
    with s.db.transaction() as session:
        outbox.enqueue(session, channel=Channel.TELEGRAM, recipient=str(CHAT), now=utcnow(),
                       reply=Reply("\n".join(f"line {n} " + "x" * 90 for n in range(100)), (Choice("yes", "Yes"),)))
    deliver(telegram_app)
    calls = telegram_api.calls_to("sendMessage")
    assert len(calls) == 3 and all(len(c["text"]) <= 4096 for c in calls)
    assert [("reply_markup" in c) for c in calls] == [False, False, True]
    assert outbox_rows(telegram_app)[0].provider_id.startswith(f"{CHAT}:")


# --- commands ------------------------------------------------------------------------------------------


def test_polling_feeds_the_same_handler_and_answers_button_presses_through_the_api(
        telegram_app, telegram_api) -> None:
    channel = telegram_app.extensions["telegram"]
    first, press = message_update(CHAT, "/start"), callback_update(CHAT, "c:no")
    telegram_api.queue_update(first)
    telegram_api.queue_update(press)
    stop = threading.Event()
    poller = threading.Thread(target=poll_updates, args=(channel, stop, 1))
    poller.start()
    deadline = time.monotonic() + 15

    def acknowledged() -> bool:  # the poller asked for updates after the press: it moved the offset past it
        return any(int(c.get("offset", 0)) == press["update_id"] + 1 for c in telegram_api.calls_to("getUpdates"))

    while not (telegram_api.calls_to("answerCallbackQuery") and acknowledged()) and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    poller.join(10)
    assert telegram_api.calls_to("answerCallbackQuery") == [{"callback_query_id": press["callback_query"]["id"]}]
    assert conversation(telegram_app).answers["in_danger"] is False
    offsets = [int(c.get("offset", 0)) for c in telegram_api.calls_to("getUpdates")]
    assert offsets[0] == 0 and offsets[-1] == press["update_id"] + 1  # each update acknowledged after handling
    assert count(telegram_app, Message) == 2


def test_set_webhook_sets_the_url_the_secret_the_allowed_updates_and_the_command_menu(
        telegram_app, telegram_api) -> None:
    url = "https://asb.example.org/channels/telegram/webhook"
    result = telegram_app.test_cli_runner().invoke(telegram, ["set-webhook", "--url", url])
    assert result.exit_code == 0, result.output
    [call] = telegram_api.calls_to("setWebhook")
    assert (call["url"], call["secret_token"], call["allowed_updates"]) == (url, SECRET, ["message", "callback_query"])
    [menu] = telegram_api.calls_to("setMyCommands")
    assert {c["command"] for c in menu["commands"]} == {"start", "help", "cancel", "restart"}
    refused = telegram_app.test_cli_runner().invoke(telegram, ["set-webhook", "--url", "http://insecure.example"])
    assert refused.exit_code != 0 and "HTTPS" in refused.output


def test_the_bot_token_never_reaches_the_logs_even_though_it_is_part_of_every_api_url(
        telegram_app, telegram_api, caplog) -> None:
    from tests.channels.fake_telegram_api import TOKEN

    with caplog.at_level(logging.INFO):
        post(telegram_app.test_client(), message_update(CHAT, "/start"))
        telegram_api.fail_next("sendMessage", 502, "Bad Gateway")
        deliver(telegram_app)
    assert telegram_api.calls_to("sendMessage") and caplog.records
    assert TOKEN not in caplog.text and TOKEN.split(":")[1] not in caplog.text
