"""A reply as text messages: choices as numbered options, split at sensible points, within Twilio's limit.

Twilio takes at most 1,600 characters in one message (it is sent as several segments and joined on
the phone). A longer reply becomes several messages, cut between paragraphs, then lines, then
sentences, then words, so no message ends mid-word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from intake.channels.segments import smart_encode

MAX_MESSAGE_CHARS = 1600
# Short, plain labels read well inline ("Reply 1 for Yes, 2 for No"); others go one per line.
INLINE_MAX_CHOICES = 3
INLINE_MAX_LABEL = 24


def render_choices(choices: Sequence[tuple[str, str]]) -> str:
    """The options as a phone shows them; the conversation accepts the number, the word or a synonym."""
    labels = [label for _, label in choices]
    if not labels:
        return ""
    if len(labels) == 1:
        # Free-text questions offer a single shortcut (Skip, Any time): the word itself is the answer.
        return f'Or reply "{labels[0]}".'
    if len(labels) <= INLINE_MAX_CHOICES and all(len(l) <= INLINE_MAX_LABEL and "," not in l for l in labels):
        options = ", ".join(f"{n} for {label}" for n, label in enumerate(labels, start=1))
        return f"Reply {options}."
    lines = [f"{n} {label}" for n, label in enumerate(labels, start=1)]
    return "\n".join(["Reply with a number:", *lines])


def render_text(body: str, choices: Sequence[tuple[str, str]] = ()) -> str:
    """The whole reply as one text, typographic characters swapped for GSM-7 look-alikes."""
    options = render_choices(choices)
    text = f"{body.strip()}\n\n{options}" if options else body.strip()
    return smart_encode(text)


def split_text(text: str, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Cut `text` into messages of at most `limit` characters at the most natural break available."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    for pattern in (r"\n\s*\n", r"\n", r"(?<=[.!?])\s+", r"\s+"):
        pieces = [p for p in re.split(pattern, text) if p.strip()]
        if len(pieces) > 1:
            joiner = "\n\n" if pattern == r"\n\s*\n" else "\n" if pattern == r"\n" else " "
            return _pack(pieces, joiner, limit)
    return [text[i : i + limit] for i in range(0, len(text), limit)]  # one unbroken word: cut anywhere


def _pack(pieces: list[str], joiner: str, limit: int) -> list[str]:
    messages: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{joiner}{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        if len(piece) <= limit:
            current = piece
        else:  # a paragraph longer than a message: cut it at a finer break
            *whole, current = split_text(piece, limit)
            messages.extend(whole)
    if current:
        messages.append(current)
    return messages


def render_messages(body: str, choices: Sequence[tuple[str, str]] = ()) -> list[str]:
    return split_text(render_text(body, choices))
