"""The summary the resident confirms, and the sections they can go back and change."""

from __future__ import annotations

from typing import Any

from intake.conversation.contact import format_choices, method_choices
from intake.conversation.steps import Step, type_list
from intake.conversation.turn import Turn
from intake.i18n import language_name
from intake.messages import Choice, Reply

SECTIONS = ("what", "when", "where", "who", "impact", "contact", "preferences", "consent")


def section_choices(t: Turn) -> tuple[Choice, ...]:
    labels = {
        "what": t._("What is happening"),
        "when": t._("When"),
        "where": t._("Where"),
        "who": t._("Who is responsible"),
        "impact": t._("How it affects you"),
        "contact": t._("Your contact details"),
        "preferences": t._("Format and language"),
        "consent": t._("Sharing with partners"),
    }
    return tuple(Choice(s, labels[s]) for s in SECTIONS)


def summary_choices(t: Turn) -> tuple[Choice, ...]:
    return (
        Choice("send", t._("Send my report")),
        Choice("change", t._("Change something")),
        Choice("restart", t._("Start again")),
    )


def summary_text(t: Turn, steps: tuple[Step, ...]) -> str:
    a = t.answers
    yes, no, skipped = t._("yes"), t._("no"), t._("not given")
    lines = [t._("Here is your report. Please check it.")]
    lines.append(t._("What: {types}").format(types=type_list(t, a["types"])))
    lines.append(t._("In your words: {text}").format(text=a["description"]))
    lines.append(t._("When: {when}").format(when=a["when"]))
    lines.append(t._("Still happening: {answer}").format(answer=yes if a.get("ongoing") else no))
    lines.append(t._("Where: {where}").format(where=a["location"]))
    lines.append(t._("Who: {who}").format(who=a.get("who") or skipped))
    impacts = [s for s in steps if s.key.startswith("risk.") and a.get(s.key)]
    lines.append(t._("Affecting you: {count} of {total} questions answered yes").format(
        count=len(impacts), total=sum(1 for s in steps if s.key.startswith("risk."))))
    lines.append(contact_line(t, a))
    formats = {c.value: c.label for c in format_choices(t)}
    lines.append(t._("Format: {format}. Language: {language}").format(
        format=formats.get(a.get("format", "standard"), ""), language=language_name(a.get("language", "en"))))
    lines.append(t._("Share with partners if you are at risk: {answer}").format(
        answer=yes if a.get("consent_to_share") else no))
    return "\n".join(lines)


def contact_line(t: Turn, a: dict[str, Any]) -> str:
    if a.get("anonymous"):
        return t._("Contact: anonymous")
    detail = a.get("phone") or a.get("email") or a.get("postal_address") or t._("this chat")
    methods = {c.value: c.label for c in method_choices(t)}
    return t._("Contact: {name}, by {method} ({detail})").format(
        name=a.get("name"), method=methods.get(a.get("contact_method", ""), ""), detail=detail)


def ask_summary(t: Turn, steps: tuple[Step, ...]) -> Reply:
    return Reply(summary_text(t, steps), summary_choices(t))


def ask_change(t: Turn) -> Reply:
    return Reply(t._("What would you like to change?"), section_choices(t))
