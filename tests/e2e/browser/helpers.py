"""Putting the chat into a given state, and waiting for the service's replies, in a real browser."""

from __future__ import annotations

from playwright.sync_api import Page

POST_ALL = """async (texts) => {
  for (const text of texts) {
    const r = await fetch('/api/chat/messages', {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json'}, body: JSON.stringify({text})});
    if (!r.ok) { throw new Error('chat refused ' + text); }
  }
}"""


def chat_after(page: Page, texts: list[str], path: str = "/") -> None:
    """The chat page showing the conversation after these messages (sent through the API, then reloaded)."""
    page.goto(path)
    page.evaluate(POST_ALL, texts)
    page.reload()
    page.wait_for_function("document.querySelectorAll('#transcript .message.resident').length > 0")


def service_count(page: Page) -> int:
    return page.locator("#transcript .message.service").count()


def wait_for_reply(page: Page, before: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('#transcript .message.service').length > n && "
        "document.activeElement && document.activeElement !== document.body", arg=before)
