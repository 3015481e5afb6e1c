"""Turning what a resident typed into an answer: numbers, words and obvious synonyms all count."""

from __future__ import annotations

import re

import phonenumbers

from intake.messages import Choice

YES = {"yes", "y", "yeah", "yep", "yup", "ye", "ok", "okay", "correct", "right", "sure", "aye", "true"}
NO = {"no", "n", "nope", "nah", "na", "not really", "wrong", "false"}
SKIP = {"skip", "pass", "dont know", "don't know", "dunno", "not sure", "prefer not to say", "n/a", "none"}

# A full UK postcode, e.g. DE1 2AB, DE221AB, SW1A 1AA (spacing and case are forgiven).
POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class InvalidAnswerError(ValueError):
    """The answer could not be understood; the message is a hint shown to the resident."""


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower()).strip(" .!?")


def parse_choice(text: str, choices: tuple[Choice, ...], synonyms: dict[str, set[str]] | None = None) -> str:
    """The value of the choice the resident meant, by number, value, label or synonym."""
    said = normalise(text)
    if said.isdigit() and 1 <= int(said) <= len(choices):
        return choices[int(said) - 1].value
    for choice in choices:
        if said in {choice.value.lower(), normalise(choice.label)}:
            return choice.value
    for value, words in (synonyms or {}).items():
        if said in words:
            return value
    raise InvalidAnswerError(said)


def parse_many(text: str, choices: tuple[Choice, ...]) -> list[str]:
    """Several choices at once: "2", "2 and 5", "1, 3", or the labels' words ("noise, drugs")."""
    parts = [p for p in re.split(r"\s*(?:,|;|\band\b|&|\+|/)\s*|\s+(?=\d)", normalise(text)) if p]
    picked: list[str] = []
    for part in parts:
        value = _match_one(part, choices)
        if value is None:
            raise InvalidAnswerError(part)
        if value not in picked:
            picked.append(value)
    if not picked:
        raise InvalidAnswerError(text)
    return picked


def _match_one(part: str, choices: tuple[Choice, ...]) -> str | None:
    if part.isdigit():
        index = int(part)
        return choices[index - 1].value if 1 <= index <= len(choices) else None
    for choice in choices:
        label = normalise(choice.label)
        if part in {choice.value.lower(), label} or (len(part) >= 4 and part in label):
            return choice.value
    return None


def parse_yes_no(text: str) -> bool:
    said = normalise(text)
    if said in YES or said == "1":
        return True
    if said in NO or said == "2":
        return False
    raise InvalidAnswerError(said)


def is_skip(text: str) -> bool:
    return normalise(text) in SKIP


def find_postcode(text: str) -> str | None:
    """The first full UK postcode in the text, formatted as Royal Mail writes it."""
    match = POSTCODE.search(text)
    return f"{match.group(1).upper()} {match.group(2).upper()}" if match else None


PLACE_WORDS = {
    "road", "rd", "street", "st", "lane", "ln", "close", "avenue", "ave", "drive", "way", "court", "crescent",
    "place", "walk", "grove", "terrace", "gardens", "hill", "row", "square", "green", "rise", "park", "estate",
    "flats", "flat", "house", "block", "tower", "parade", "mews", "view", "precinct", "centre", "garages",
}


def looks_like_address(text: str) -> bool:
    """A place an officer could find: a postcode, a house or flat number with a name, or a street word."""
    if find_postcode(text):
        return True
    words = re.findall(r"[A-Za-z]{2,}", text.lower())
    has_number = bool(re.search(r"\d", text))
    return bool(words) and (has_number or any(w in PLACE_WORDS for w in words))


def is_email(text: str) -> bool:
    return bool(EMAIL.match(text.strip()))


def parse_uk_phone(text: str) -> str:
    """E.164 form of a phone number written any usual way; UK is assumed when no country is given."""
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        raise InvalidAnswerError(text) from None
    # "Possible" rather than "valid": Ofcom's drama numbers (07700 900xxx) and new ranges must not be refused.
    if not phonenumbers.is_possible_number(number):
        raise InvalidAnswerError(text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
