"""The web chat API answers bad input clearly, never with a 500, and never loses answers already given."""

from __future__ import annotations

from sqlalchemy import select

from intake.models import Conversation


def post(client, text: str):  # type: ignore[no-untyped-def]
    return client.post("/api/chat/messages", json={"text": text})


def test_an_empty_message_gets_a_clear_reply_and_the_question_again(client) -> None:
    post(client, "hello")
    response = post(client, "   ")
    assert response.status_code == 200
    text = response.get_json()["messages"][0]["text"]
    assert "did not get any words" in text and "Is anyone in danger right now?" in text


def test_an_oversized_message_is_refused_politely_and_keeps_earlier_answers(app, client) -> None:
    post(client, "hello")
    post(client, "no")
    response = post(client, "word " * 500)
    assert response.status_code == 200
    assert "too long" in response.get_json()["messages"][0]["text"]
    with app.extensions["intake"].db.transaction() as session:
        conversation = session.scalars(select(Conversation)).one()
        assert conversation.answers["in_danger"] is False
        assert "description" not in conversation.answers


def test_non_utf8_bytes_get_a_json_400(client) -> None:
    response = client.post("/api/chat/messages", data=b'{"text": "\xff\xfe bad"}', content_type="application/json")
    assert response.status_code == 400
    assert "error" in response.get_json()


def test_a_body_that_is_not_json_gets_a_json_400(client) -> None:
    response = client.post("/api/chat/messages", data="text=hello", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response.get_json()["error"].startswith("Please send JSON")


def test_a_huge_body_gets_413_json(client) -> None:
    response = client.post("/api/chat/messages", data=b"x" * (300 * 1024), content_type="application/json")
    assert response.status_code == 413
    assert "too large" in response.get_json()["error"]


def test_a_tampered_cookie_gets_a_json_400_and_is_cleared(client) -> None:
    post(client, "hello")
    client.set_cookie("intake_chat", "forged.value")
    response = post(client, "no")
    assert response.status_code == 400
    assert "start again" in response.get_json()["error"]
    assert "intake_chat=;" in response.headers["Set-Cookie"]


def test_an_unknown_api_path_is_a_json_404(client) -> None:
    response = client.get("/api/chat/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["status"] == 404


def test_the_openapi_document_is_served(client) -> None:
    document = client.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert "/api/chat/messages" in document["paths"]


def test_the_chat_page_has_a_labelled_input_and_a_polite_live_region(client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert b'aria-live="polite"' in page.data and b'<label for="message">' in page.data
