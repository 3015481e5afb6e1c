"""A resident reports through Telegram end to end: webhook in, worker out, through a fake Bot API."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from intake import outbox
from intake.channels.telegram import SECRET_HEADER
from intake.models import Case, OutboxMessage
from tests.channels.fake_telegram_api import (  # noqa: F401 (fixtures)
    SECRET, FakeTelegramApi, callback_update, message_update, telegram_api, telegram_app, telegram_settings,
)
from tests.factories import NOISE_AND_DRUGS_REPORT

CHAT = 777001
PRESS, SAY = "press", "say"

# (how, what, words expected in the last message Telegram is asked to send). A press names the value of
# a button that must be on the previous message's inline keyboard.
BUTTON_REPORT: list[tuple[str, str, str]] = [
    (SAY, "/start", "Is anyone in danger right now?"),
    (PRESS, "no", "Please tell us what is happening"),
    (SAY, "loud music every night and people dealing drugs on the landing", "It sounds like drugs"),
    (PRESS, "yes", "When did it happen"),
    (SAY, "since last month, most nights", "Is it still happening?"),
    (PRESS, "yes", "Where is it happening?"),
    (SAY, "Flat 4, 12 Example Road, DE1 2AB", "Do you know who is responsible?"),
    (PRESS, "skip", "Do you feel unsafe"),
    (PRESS, "no", "physical or mental health"),
    (PRESS, "yes", "disability"),
    (PRESS, "no", "children"),
    (PRESS, "no", "targeted"),
    (PRESS, "no", "moving home"),
    (PRESS, "no", "reported this to us before"),
    (PRESS, "none", "name and contact details"),
    (PRESS, "named", "What is your name?"),
    (SAY, "Sam Taylor", "How would you like us to contact you?"),
    (PRESS, "same_channel", "When is it safe to contact you?"),
    (PRESS, "any", "leave you a message"),
    (PRESS, "yes", "receive our letters and updates"),
    (PRESS, "standard", "Which language"),
    (PRESS, "en", "share your report"),
    (PRESS, "yes", "Here is your report"),
    (PRESS, "send", "Your reference is ASB-"),
]


def run_telegram_dialogue(app: Any, api: FakeTelegramApi, steps: list[tuple[str, str, str]]) -> list[dict]:
    """Each step through the webhook, then one worker pass; returns every answer the webhook gave."""
    client, services = app.test_client(), app.extensions["intake"]
    answers = []
    for how, what, expected in steps:
        if how == PRESS:
            keyboard = api.calls_to("sendMessage")[-1]["reply_markup"]["inline_keyboard"]
            offered = [b["callback_data"] for row in keyboard for b in row]
            assert f"c:{what}" in offered, f"no {what!r} button in {offered}"
            update = callback_update(CHAT, f"c:{what}")
        else:
            update = message_update(CHAT, what)
        response = client.post("/channels/telegram/webhook", json=update, headers={SECRET_HEADER: SECRET})
        assert response.status_code == 200
        answers.append(response.get_json())
        outbox.deliver_due(services.db, services.senders, services.retry, services.clock)
        last = api.sent_texts(CHAT)[-1]
        assert expected in last, f"after {what!r} expected {expected!r} in:\n{last}"
    return answers


def test_a_report_made_with_buttons_opens_a_case_and_the_acknowledgement_reaches_telegram(
        telegram_app, telegram_api) -> None:
    services = telegram_app.extensions["intake"]
    services.clock = services.conversations.clock = lambda: datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    answers = run_telegram_dialogue(telegram_app, telegram_api, BUTTON_REPORT)

    presses = [a for (how, _, _), a in zip(BUTTON_REPORT, answers, strict=True) if how == PRESS]
    assert len(presses) == 19
    assert all(a["method"] == "answerCallbackQuery" and a["callback_query_id"] for a in presses)
    with services.db.transaction() as session:
        case = session.scalars(select(Case)).one()
        ack = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "acknowledgement")).one()
        assert (case.category, case.types, case.status) == ("CAT2", ["drugs", "noise"], "new")
        assert ack.case_id == case.id and ack.status == "sent" and ack.recipient == str(CHAT)
    acknowledgement = telegram_api.sent_texts(CHAT)[-1]
    assert case.reference in acknowledgement
    assert "Wednesday, 9 December 2026" in acknowledgement
    assert all(len(text) <= 4096 for text in telegram_api.sent_texts())


def test_a_report_typed_in_free_text_only_opens_a_case(telegram_app, telegram_api) -> None:
    steps = [(SAY, says, expected) for says, expected in NOISE_AND_DRUGS_REPORT]
    answers = run_telegram_dialogue(telegram_app, telegram_api, steps)
    assert answers == [{}] * len(steps)  # no button was pressed, so nothing to answer
    with telegram_app.extensions["intake"].db.transaction() as session:
        case = session.scalars(select(Case)).one()
    assert case.types == ["drugs", "noise"]
    assert case.reference in telegram_api.sent_texts(CHAT)[-1]
