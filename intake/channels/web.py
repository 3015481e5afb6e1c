"""The web chat: a page at `/` and a small JSON API under /api/chat/, bound to a browser by a signed cookie.

The outbox is the browser's inbox: replies are written there in the same transaction as the turn and
returned straight away; the page can also fetch the transcript to resume after a reload.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from intake.enums import Channel
from intake.i18n import N_
from intake.messages import MAX_MESSAGE_CHARS, Inbound, Reply
from intake.models import Conversation, Message, OutboxMessage
from intake.services import services
from intake.web_errors import error_response
from intake.web_language import LANGUAGE_COOKIE, offered, page_language

blueprint = Blueprint("web", __name__)
COOKIE = "intake_chat"
OPENAPI = Path(__file__).resolve().parent.parent / "openapi.json"


class TamperedCookieError(Exception):
    """The chat cookie is present but its signature does not match."""


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(services().settings.secret_key, salt="web-chat")


def _chat_token() -> str | None:
    raw = request.cookies.get(COOKIE)
    if raw is None:
        return None
    try:
        return str(_serializer().loads(raw))
    except BadSignature:
        raise TamperedCookieError from None


def with_chat_cookie(response: Response, token: str) -> Response:
    settings = services().settings
    response.set_cookie(COOKIE, _serializer().dumps(token), httponly=True, samesite="Lax",
                        secure=settings.secure_cookies, max_age=60 * 60 * 24 * 30)
    return response


@blueprint.errorhandler(TamperedCookieError)
def tampered(_: TamperedCookieError):  # type: ignore[no-untyped-def]
    response, status = error_response(400, N_("Your chat could not be continued on this device. Please start again."))
    response.delete_cookie(COOKIE)  # type: ignore[union-attr]
    return response, status


@blueprint.get("/")
def chat_page() -> str:
    policy = services().policy
    return render_template("chat.html", landlord=policy.landlord, max_chars=MAX_MESSAGE_CHARS)


@blueprint.get("/api/openapi.json")
def openapi() -> Response:
    return Response(OPENAPI.read_bytes(), mimetype="application/json")


@blueprint.post("/api/chat/messages")
def post_message() -> Any:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
        return error_response(400, N_('Please send JSON like {"text": "your message"}.'))
    client_id = payload.get("client_id")
    if client_id is not None and (not isinstance(client_id, str) or len(client_id) > 100):
        return error_response(400, N_("client_id must be a short string."))
    token = _chat_token() or secrets.token_urlsafe(24)
    inbound = Inbound(
        channel=Channel.WEB, sender=token, text=payload["text"],
        dedupe_key=f"{token}:{client_id}" if client_id else None,
        language_hint=_language_hint(payload.get("language")), can_follow_up=False,
    )
    outcome = services().conversations.receive(inbound)
    body = {"messages": [_reply_json(r) for r in outcome.replies], "duplicate": outcome.duplicate,
            "reference": outcome.case_reference}
    return with_chat_cookie(jsonify(body), token)


def _language_hint(asked: object) -> str:
    """The page's language (the resident's choice on the page) starts the conversation in it."""
    return asked if isinstance(asked, str) and asked in offered() else page_language()


@blueprint.post("/api/chat/exit")
def exit_chat() -> Response:
    """Quick exit: forget this browser's chat. The conversation stays on the server, resumable by code."""
    response = Response(status=204, headers={"Cache-Control": "no-store", "Clear-Site-Data": '"storage"'})
    response.delete_cookie(COOKIE, httponly=True, samesite="Lax", secure=services().settings.secure_cookies)
    response.delete_cookie(LANGUAGE_COOKIE, httponly=True, samesite="Lax", secure=services().settings.secure_cookies)
    return response


@blueprint.get("/api/chat/messages")
def get_messages() -> Any:
    """The whole transcript for this browser, resident's and service's messages in order."""
    token = _chat_token()
    if token is None:
        return jsonify(messages=[])
    with services().db.transaction() as session:
        conversation_ids = select(Conversation.id).where(
            Conversation.channel == Channel.WEB, Conversation.address == token)
        inbound = session.scalars(select(Message).where(Message.conversation_id.in_(conversation_ids))).all()
        outbound = session.scalars(select(OutboxMessage).where(
            OutboxMessage.channel == Channel.WEB, OutboxMessage.recipient == token)).all()
        items = [(m.created_at, 0, m.id, {"from": "resident", "text": m.body, "choices": []}) for m in inbound]
        items += [(m.created_at, 1, m.id, {"from": "service", "text": m.body, "choices": m.choices, "kind": m.kind})
                  for m in outbound]
    return jsonify(messages=[item[3] for item in sorted(items, key=lambda i: i[:3])])


def _reply_json(reply: Reply) -> dict[str, Any]:
    return {"from": "service", "text": reply.text, "choices": reply.choices_as_json(), "kind": reply.kind}
