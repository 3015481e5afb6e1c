"""WCAG 2.2 AA by axe-core in chromium, on every page state residents and officers see; reflow at 320 CSS pixels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import axe_playwright_python
import pytest
from flask import Flask
from playwright.sync_api import Page

from tests.e2e.browser.helpers import chat_after
from tests.factories import NOISE_AND_DRUGS_REPORT
from tests.officers.factories import PASSWORD, email_of, make_case, make_officer

pytestmark = pytest.mark.browser
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
ANSWERS = [said for said, _expected in NOISE_AND_DRUGS_REPORT]


Reach = Callable[..., None]  # (page, app) -> None; resident states ignore the app


def at(path: str) -> Reach:
    return lambda page, app=None: page.goto(path) and None


def with_choices(page: Page, app: Flask | None = None) -> None:
    chat_after(page, ["hello"])
    page.wait_for_selector("#choices button")


def with_error(page: Page, app: Flask | None = None) -> None:
    page.goto("/")
    page.click("#composer button[type=submit]")
    page.wait_for_selector("#error:not(:empty)")


def at_summary(page: Page, app: Flask | None = None) -> None:
    chat_after(page, ANSWERS[:-1])
    page.wait_for_selector("#choices button")


def acknowledged(page: Page, app: Flask | None = None) -> None:
    chat_after(page, ANSWERS)


def resume_refused(page: Page, app: Flask | None = None) -> None:
    page.goto("/resume")
    page.fill("#reference", "ASB-2026-99999")
    page.fill("#code", "AAAA-AAAA")
    page.click("form button[type=submit]")
    page.wait_for_selector("#error-summary")


def signed_in_officer(page: Page, app: Flask) -> str:
    """Sign in through the form as a new officer; returns the reference of a case in the queue."""
    db = app.extensions["intake"].db
    email = email_of(db, make_officer(db))
    reference = make_case(db, types=("noise", "harassment"))
    page.goto("/officers/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/officers/cases**")
    return reference


def officer_queue(page: Page, app: Flask) -> None:
    signed_in_officer(page, app)


def officer_case_page(page: Page, app: Flask) -> None:
    reference = signed_in_officer(page, app)
    page.goto(f"/officers/cases/{reference}")
    page.wait_for_selector("h1")


PAGE_STATES: list[tuple[str, Reach]] = [
    ("chat start", at("/")),
    ("a question with choices", with_choices),
    ("an error", with_error),
    ("the summary", at_summary),
    ("the acknowledgement", acknowledged),
    ("chat start in Urdu, right to left", at("/?lang=ur")),
    ("chat start in Punjabi", at("/?lang=pa")),
    ("resume form", at("/resume")),
    ("resume refused", resume_refused),
    ("page not found", at("/no-such-page")),
    ("officer login", at("/officers/login")),
    ("officer queue", officer_queue),
    ("officer case page", officer_case_page),
]


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]]


@pytest.mark.parametrize("name,reach", PAGE_STATES, ids=[name for name, _ in PAGE_STATES])
def test_page_state_has_no_axe_violations(page: Page, browser_app: Flask, name: str, reach: Reach):
    reach(page, browser_app)
    assert axe_violations(page) == []


@pytest.mark.parametrize("name,reach", [PAGE_STATES[3], PAGE_STATES[5]], ids=["summary", "urdu"])
def test_page_reflows_at_320_css_pixels_without_scrolling_sideways(page: Page, name: str, reach):
    page.set_viewport_size({"width": 320, "height": 640})
    reach(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_every_button_and_link_is_at_least_24_by_24_css_pixels(page: Page):
    at_summary(page)
    small = page.evaluate("""() => [...document.querySelectorAll('button, a, textarea')]
      .filter(e => e.offsetParent !== null && !e.classList.contains('skip-link'))
      .map(e => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect()])
      .filter(([, r]) => r.width < 24 || r.height < 24).map(([t]) => t)""")
    assert small == []


def test_reduced_motion_is_respected(browser, live_server):
    context = browser.new_context(base_url=live_server, reduced_motion="reduce")
    page = context.new_page()
    page.goto("/")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    context.close()
