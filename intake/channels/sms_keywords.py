"""Twilio's opt-out and opt-in words, recognised only when they are the whole message.

"STOP" alone means: send nothing more. "He said he'd stop me going out" is a report and goes to the
conversation. HELP, BACK, RESTART and MENU are the conversation's own commands and are passed on.
"""

from __future__ import annotations

from enum import StrEnum

from intake.conversation.answers import normalise

# Twilio's default opt-out and opt-in keywords (Messaging Services, Advanced Opt-Out).
OPT_OUT_WORDS = frozenset({"stop", "stopall", "stop all", "unsubscribe", "cancel", "end", "quit", "optout",
                           "opt out", "revoke"})
OPT_IN_WORDS = frozenset({"start", "unstop"})
# Twilio also reads YES as opt-in, but here YES answers questions: it re-subscribes only someone opted out.
OPT_IN_WHEN_OPTED_OUT = OPT_IN_WORDS | {"yes"}


class Keyword(StrEnum):
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"


def keyword_in(text: str, *, opted_out: bool) -> Keyword | None:
    said = normalise(text)
    if said in OPT_OUT_WORDS:
        return Keyword.OPT_OUT
    if said in (OPT_IN_WHEN_OPTED_OUT if opted_out else OPT_IN_WORDS):
        return Keyword.OPT_IN
    return None
