"""Steps about the resident: who they are (or anonymity), how and when to reach them, format, language, consent."""

from __future__ import annotations

from typing import Any

from intake.conversation import answers as parse
from intake.conversation.turn import Taken, Turn
from intake.enums import ContactMethod, Format
from intake.i18n import language_name
from intake.messages import Choice, Reply


def yes_or_no(t: Turn, text: str) -> bool:
    """Yes or no by number, English word or the resident's own language's word (what a button sends)."""
    choices = (Choice("yes", t._("Yes")), Choice("no", t._("No")))
    return parse.parse_choice(text, choices, {"yes": parse.YES, "no": parse.NO}) == "yes"


def ask_identity(t: Turn) -> Reply:
    return Reply(
        t._(
            "Would you like to give your name and contact details? You can stay anonymous: we will still "
            "look into your report, but what we can do may be limited, and we cannot update you."
        ),
        (Choice("named", t._("Give my details")), Choice("anonymous", t._("Stay anonymous"))),
    )


def take_identity(t: Turn, text: str) -> Taken:
    synonyms = {"named": parse.YES, "anonymous": parse.NO | {"anon", "anonymously"}}
    value = parse.parse_choice(text, ask_identity(t).choices, synonyms)
    return Taken({"anonymous": value == "anonymous"})


def named(a: dict[str, Any]) -> bool:
    return a.get("anonymous") is False


def ask_name(t: Turn) -> Reply:
    return Reply(t._("What is your name?"))


def method_choices(t: Turn) -> tuple[Choice, ...]:
    choices = [
        Choice(ContactMethod.PHONE, t._("Phone call")),
        Choice(ContactMethod.SMS, t._("Text message")),
        Choice(ContactMethod.EMAIL, t._("Email")),
        Choice(ContactMethod.LETTER, t._("Letter")),
    ]
    if t.answers.get("_can_follow_up"):
        choices.insert(0, Choice(ContactMethod.SAME_CHANNEL, t._("Here, in this chat")))
    return tuple(choices)


def ask_contact_method(t: Turn) -> Reply:
    return Reply(t._("How would you like us to contact you?"), method_choices(t))


def take_contact_method(t: Turn, text: str) -> Taken:
    synonyms = {"sms": {"text", "txt"}, "phone": {"call", "ring"}, "same_channel": {"here", "this chat"}}
    return Taken({"contact_method": parse.parse_choice(text, method_choices(t), synonyms)})


def needs_detail(a: dict[str, Any]) -> bool:
    return named(a) and a.get("contact_method") in {"phone", "sms", "email", "letter"}


def ask_contact_detail(t: Turn) -> Reply:
    method = t.answers.get("contact_method")
    if method == ContactMethod.EMAIL:
        return Reply(t._("What is your email address?"))
    if method == ContactMethod.LETTER:
        return Reply(t._("What address should we write to, including the postcode?"))
    return Reply(t._("What phone number should we use?"))


def take_contact_detail(t: Turn, text: str) -> Taken:
    method = t.answers.get("contact_method")
    if method == ContactMethod.EMAIL:
        if not parse.is_email(text):
            raise parse.InvalidAnswerError(text)
        return Taken({"email": text.strip()})
    if method == ContactMethod.LETTER:
        if not parse.find_postcode(text):
            raise parse.InvalidAnswerError(text)
        return Taken({"postal_address": text.strip()})
    return Taken({"phone": parse.parse_uk_phone(text)})


def hint_contact_detail(t: Turn) -> str:
    method = t.answers.get("contact_method")
    if method == ContactMethod.EMAIL:
        return t._("That does not look like an email address. It should look like name@example.com.")
    if method == ContactMethod.LETTER:
        return t._("Please include the postcode, for example DE1 2AB.")
    return t._("That does not look like a UK phone number. Try something like 07700 900123.")


def ask_safe_times(t: Turn) -> Reply:
    return Reply(
        t._("When is it safe to contact you? For example: weekdays after 5pm."),
        (Choice("any", t._("Any time")),),
    )


def take_safe_times(t: Turn, text: str) -> Taken:
    if parse.normalise(text) in {"1", "any", "any time", "anytime"} or t.said(text, "Any time"):
        return Taken({"safe_times": t._("Any time")})
    if not text.strip():
        raise parse.InvalidAnswerError(text)
    return Taken({"safe_times": text.strip()})


def ask_leave_messages(t: Turn) -> Reply:
    return Reply(t._("Is it safe for us to leave you a message?"), (Choice("yes", t._("Yes")), Choice("no", t._("No"))))


def take_leave_messages(t: Turn, text: str) -> Taken:
    return Taken({"leave_messages": yes_or_no(t, text)})


def format_choices(t: Turn) -> tuple[Choice, ...]:
    return (
        Choice(Format.STANDARD, t._("Standard")),
        Choice(Format.LARGE_PRINT, t._("Large print")),
        Choice(Format.EASY_READ, t._("Easy read")),
        Choice(Format.AUDIO, t._("Audio")),
        Choice(Format.EMAIL, t._("Email")),
        Choice(Format.LETTER, t._("Printed letter")),
    )


def ask_format(t: Turn) -> Reply:
    return Reply(t._("How would you like to receive our letters and updates?"), format_choices(t))


def take_format(t: Turn, text: str) -> Taken:
    synonyms = {"standard": {"normal", "no preference", "any"}, "large_print": {"large", "big print"}}
    return Taken({"format": parse.parse_choice(text, format_choices(t), synonyms)})


def needs_format_detail(a: dict[str, Any]) -> bool:
    """Email or post chosen as the format, but no address for it given yet."""
    return (a.get("format") == Format.EMAIL and not a.get("email")) or (
        a.get("format") == Format.LETTER and not a.get("postal_address"))


def ask_format_detail(t: Turn) -> Reply:
    if t.answers.get("format") == Format.EMAIL:
        return Reply(t._("What email address should we send them to?"))
    return Reply(t._("What address should we post them to, including the postcode?"))


def take_format_detail(t: Turn, text: str) -> Taken:
    if t.answers.get("format") == Format.EMAIL:
        if not parse.is_email(text):
            raise parse.InvalidAnswerError(text)
        return Taken({"email": text.strip()})
    if not parse.find_postcode(text):
        raise parse.InvalidAnswerError(text)
    return Taken({"postal_address": text.strip()})


def hint_format_detail(t: Turn) -> str:
    if t.answers.get("format") == Format.EMAIL:
        return t._("That does not look like an email address. It should look like name@example.com.")
    return t._("Please include the postcode, for example DE1 2AB.")


def language_choices(t: Turn) -> tuple[Choice, ...]:
    return tuple(Choice(code, language_name(code)) for code in t.policy.languages)


def ask_language(t: Turn) -> Reply:
    return Reply(t._("Which language would you like us to use?"), language_choices(t))


def take_language(t: Turn, text: str) -> Taken:
    return Taken({"language": parse.parse_choice(text, language_choices(t))})


def ask_consent(t: Turn) -> Reply:
    return Reply(
        t._(
            "If we think you are at risk, may we share your report with {partners}? "
            "We will only share it if you say yes."
        ).format(partners=t._(t.policy.partners)),
        (Choice("yes", t._("Yes")), Choice("no", t._("No"))),
    )


def take_consent(t: Turn, text: str) -> Taken:
    return Taken({"consent_to_share": yes_or_no(t, text)})
