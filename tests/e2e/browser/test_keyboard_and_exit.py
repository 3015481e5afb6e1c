"""A whole report by keyboard alone, and the quick exit by its button and by Shift pressed three times."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page

from tests.e2e.browser.conftest import NEUTRAL_SITE
from tests.e2e.browser.helpers import chat_after, service_count, wait_for_reply
from tests.factories import NOISE_AND_DRUGS_REPORT

pytestmark = pytest.mark.browser


def focused(page: Page) -> dict:
    return page.evaluate("({id: document.activeElement.id, text: document.activeElement.textContent.trim(), "
                         "tag: document.activeElement.tagName})")


def tab_to(page: Page, matches, limit: int = 60) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        if matches(focused(page)):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached the target; focus is on {focused(page)}")


def answer_by_keyboard(page: Page, text: str) -> None:
    """Press the matching choice button if there is one, else type into the message box; Enter either way."""
    labels = page.locator("#choices button").all_text_contents()
    if text in labels:
        tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"] == text)
    else:
        tab_to(page, lambda f: f["id"] == "message")
        page.keyboard.type(text)
    before = service_count(page)
    page.keyboard.press("Enter")
    wait_for_reply(page, before)


def test_a_complete_report_can_be_made_with_the_keyboard_alone(page: Page):
    page.goto("/")
    for resident_says, expected in NOISE_AND_DRUGS_REPORT:
        answer_by_keyboard(page, resident_says)
        last = page.locator("#transcript .message.service").all_text_contents()
        assert any(expected in text for text in last[-4:]), (resident_says, expected, last[-2:])
    assert "Your reference is ASB-" in page.locator("#transcript").inner_text()
    links = set(page.eval_on_selector_all("#transcript a[href]", "links => links.map(a => a.href)"))
    assert {"https://www.derbyhomes.org/", "https://www.saferderbyshire.gov.uk/", "https://www.derby.gov.uk/"} <= links
    assert not any(link.endswith((",", ".")) for link in links)  # sentence punctuation is not part of a link
    # Focus was never lost to the page body, and it is visible where it is.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def wait_until(condition, seconds: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def assert_left_safely(page: Page, chat_url: str) -> None:
    page.wait_for_url(NEUTRAL_SITE + "**")
    context = page.context
    assert wait_until(lambda: not any(c["name"] == "intake_chat" for c in context.cookies())), context.cookies()
    page.go_back()
    assert page.url != chat_url  # location.replace: Back does not return to the chat
    fresh = context.new_page()
    fresh.goto("/")
    assert fresh.evaluate("localStorage.length + sessionStorage.length") == 0
    fresh.wait_for_load_state("networkidle")
    assert fresh.locator("#transcript .message.resident").count() == 0
    fresh.close()


def test_exit_this_page_button_replaces_the_page_and_forgets_the_chat(page: Page, live_server: str):
    chat_after(page, ["hello", "no", "my neighbour shouts threats at me every night"])
    page.evaluate("localStorage.setItem('intake-draft', 'my neighbour'); sessionStorage.setItem('x', '1')")
    chat_url = page.url
    tab_to(page, lambda f: f["id"] == "exit-this-page")
    page.keyboard.press("Enter")
    assert_left_safely(page, chat_url)


def test_pressing_shift_three_times_leaves_the_page_too(page: Page):
    chat_after(page, ["hello"])
    chat_url = page.url
    page.focus("#message")
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_left_safely(page, chat_url)


def test_shift_pressed_twice_does_not_leave(page: Page):
    page.goto("/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.endswith("/")
