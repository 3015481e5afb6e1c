"""A resident completes a report on the web chat page with the keyboard alone, in Debian's chromium."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from intake.models import Case
from tests.factories import NOISE_AND_DRUGS_REPORT

pytestmark = pytest.mark.browser


def focused(page) -> dict:  # type: ignore[no-untyped-def]
    return page.evaluate("() => ({tag: document.activeElement.tagName, text: document.activeElement.textContent})")


def tab_to(page, want) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until `want(focused element)` holds: the way a keyboard user moves around."""
    for _ in range(40):
        if want(focused(page)):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach the element by keyboard; focus is on {focused(page)}")


def answer(page, text: str) -> None:  # type: ignore[no-untyped-def]
    buttons = page.locator("#choices button")
    labels = [buttons.nth(i).text_content() for i in range(buttons.count())]
    if text in labels:
        tab_to(page, lambda el: el["tag"] == "BUTTON" and el["text"] == text)
        page.keyboard.press("Enter")
    else:
        tab_to(page, lambda el: el["tag"] == "TEXTAREA")
        page.keyboard.type(text)
        page.keyboard.press("Enter")


KEYBOARD_REPORT = [(said.replace("standard", "Standard").replace("text", "Text message"), expected)
                   if said in {"standard", "text"} else (said, expected) for said, expected in NOISE_AND_DRUGS_REPORT]


def test_a_resident_completes_a_report_by_keyboard_only(page, app) -> None:
    page.goto("/")
    page.keyboard.press("Tab")  # the skip link comes first
    for said, expected in KEYBOARD_REPORT:
        count = page.locator("#transcript li").count()
        answer(page, said)
        page.wait_for_function(f"document.querySelectorAll('#transcript li').length > {count + 1}")
        assert expected in page.locator("#transcript").inner_text(), f"after {said!r}"
    assert "Your reference is ASB-" in page.locator("#transcript li").last.inner_text()
    with app.extensions["intake"].db.transaction() as session:
        assert session.scalars(select(Case.types)).one() == ["drugs", "noise"]
