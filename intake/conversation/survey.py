"""The satisfaction survey after a case closes (the regulator's TP12 measure), answered in the conversation.

Closing a case puts the resident's conversation in the SURVEY state with the survey's id in its private
answers; the next message is taken as the rating (a number or the words), the one after as an optional
comment. Then the conversation goes back to where it was.
"""

from __future__ import annotations

from datetime import datetime
from gettext import NullTranslations

from sqlalchemy.orm import Session

from intake.conversation.answers import InvalidAnswerError, is_skip, normalise, parse_choice
from intake.messages import Choice, Reply
from intake.models import CaseEvent, Survey

AWAITING_RATING = "awaiting_rating"
AWAITING_COMMENT = "awaiting_comment"
ANSWERED = "answered"
DECLINED = "declined"
PENDING = (AWAITING_RATING, AWAITING_COMMENT)
MAX_COMMENT_CHARS = 2000

# Ratings as stored: 5 is very satisfied, 1 very dissatisfied (listed in that order to the resident).
RATING_WORDS = {
    "5": {"very satisfied", "very good", "excellent"},
    "4": {"fairly satisfied", "satisfied", "good"},
    "3": {"neither", "neither satisfied nor dissatisfied", "ok", "okay"},
    "2": {"fairly dissatisfied", "dissatisfied", "poor"},
    "1": {"very dissatisfied", "very poor", "terrible"},
}


def rating_choices(tr: NullTranslations) -> tuple[Choice, ...]:
    _ = tr.gettext
    return (
        Choice("5", _("Very satisfied")),
        Choice("4", _("Fairly satisfied")),
        Choice("3", _("Neither satisfied nor dissatisfied")),
        Choice("2", _("Fairly dissatisfied")),
        Choice("1", _("Very dissatisfied")),
    )


def survey_question(tr: NullTranslations) -> Reply:
    _ = tr.gettext
    text = _("How satisfied or dissatisfied are you with our approach to handling your anti-social "
             "behaviour report? Please reply with the number of your answer, or Skip.")
    return Reply(text, rating_choices(tr), kind="survey")


def parse_rating(text: str, tr: NullTranslations) -> int:
    """1 to 5 by position in the list shown (1 is very satisfied), or the words; InvalidAnswerError otherwise."""
    return int(parse_choice(text, rating_choices(tr), RATING_WORDS))


def is_skip_word(text: str, tr: NullTranslations) -> bool:
    """Skip in English or in the resident's language (the button sends its translated label)."""
    return is_skip(text) or normalise(text) == normalise(tr.gettext("Skip"))


def take_answer(session: Session, survey: Survey, text: str, tr: NullTranslations, now: datetime) -> tuple[list[Reply], bool]:
    """The replies to one survey message, and whether the survey is now finished."""
    _ = tr.gettext
    if survey.status == AWAITING_RATING:
        if is_skip_word(text, tr):
            survey.status, survey.answered_at = DECLINED, now
            return [Reply(_("That is fine. Thank you for letting us know."))], True
        try:
            survey.rating = parse_rating(text, tr)
        except InvalidAnswerError:
            question = survey_question(tr)
            hint = _("Please reply with a number from 1 to 5.")
            return [Reply(f"{hint}\n\n{question.text}", question.choices, kind="survey")], False
        survey.status = AWAITING_COMMENT
        return [Reply(_("Thank you. Is there anything you would like to tell us about how we handled your "
                        "report? Reply with your comment, or Skip."), (Choice("skip", _("Skip")),))], False
    if not is_skip_word(text, tr):
        survey.comment = text[:MAX_COMMENT_CHARS]
    survey.status, survey.answered_at = ANSWERED, now
    session.add(CaseEvent(case_id=survey.case_id, kind="survey_answered", actor="resident",
                          detail={"rating": survey.rating, "comment": bool(survey.comment)}, created_at=now))
    return [Reply(_("Thank you for your feedback. It helps us improve our service."))], True
