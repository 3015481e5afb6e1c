"""Negation scopes: which words a "not", "no" or "weren't" switches off.

"They weren't threatening, just loud" must not read as a threat. A cue opens a scope over the next
few words; punctuation or a turn word ("but", "just") closes it early. Both the rule components and
the model's features use the same scopes, so a negated trigger counts for neither.
"""

from __future__ import annotations

from collections.abc import Sequence

from intake.nlu.lexicons import NEGATION_BREAKERS, NEGATION_CUES, SCOPE_ENDERS

SCOPE_WIDTH = 4
_PUNCTUATION = frozenset(".,;:!?()[]\"-–—/")


def find_negated(words: Sequence[str]) -> list[bool]:
    """For each lower-cased word, whether it sits inside a negation scope.

    "won't stop threatening me" is not a negation (the breaker list), and "not just noise" is not
    either, so a cue directly before a breaker opens no scope.
    """
    negated = [False] * len(words)
    for i, word in enumerate(words):
        if word not in NEGATION_CUES:
            continue
        if i + 1 < len(words) and words[i + 1] in NEGATION_BREAKERS:
            continue
        if word == "no" and i + 1 < len(words) and words[i + 1][:1].isdigit():
            continue  # "the man at no 5": a house number, not a negation
        for j in range(i + 1, min(i + 1 + SCOPE_WIDTH, len(words))):
            if words[j] in _PUNCTUATION or words[j] in SCOPE_ENDERS:
                break
            negated[j] = True
    return negated


def is_span_negated(negated: Sequence[bool], start: int, end: int) -> bool:
    """A matched phrase is negated when its first word is in a scope."""
    return start < len(negated) and negated[start] and end > start
