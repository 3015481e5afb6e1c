"""Alternative formats and languages for everything a resident receives after reporting.

`render_for_resident` is the one entry point: give it a `ResidentMessage` (see `officer_message`) and
the resident's `Needs` (`needs_of(resident)`), and enqueue the replies it returns.
"""

from intake.formats.messages import MessageKind, ResidentMessage, officer_message
from intake.formats.needs import Needs, NeedsSummary, needs_from_answers, needs_of, needs_summary
from intake.formats.render import LinkSettings, render_for_resident

__all__ = [
    "LinkSettings",
    "MessageKind",
    "Needs",
    "NeedsSummary",
    "ResidentMessage",
    "needs_from_answers",
    "needs_of",
    "needs_summary",
    "officer_message",
    "render_for_resident",
]
