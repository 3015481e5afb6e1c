"""The acknowledgement a resident gets when their case opens: reference, what happens next, Case Review."""

from __future__ import annotations

from datetime import date
from gettext import NullTranslations

from babel.dates import format_date

from intake.enums import Category
from intake.messages import Reply
from intake.policy import Policy
from intake.triage.decision import TriageDecision


def long_date(day: date, language: str) -> str:
    """A date as residents write it: "Wednesday, 9 December 2026" in British English."""
    try:
        return format_date(day, format="full", locale="en_GB" if language == "en" else language)
    except (ValueError, LookupError):
        return format_date(day, format="full", locale="en_GB")


def acknowledgement(
    reference: str, decision: TriageDecision, policy: Policy, tr: NullTranslations, *,
    anonymous: bool, language: str,
) -> Reply:
    _ = tr.gettext
    ll = policy.landlord
    days = policy.response_days(decision.category)
    if decision.category is Category.CAT1:
        urgency = _("We have treated your report as urgent.")
    else:
        urgency = _("We have recorded your report as a persistent nuisance.")
    if anonymous:
        next_step = _(
            "You chose to stay anonymous, so we will not contact you. We will still look into it, "
            "but what we can do may be limited. Keep your reference: you can add to your report at any "
            "time by messaging us here or by calling {phone} and quoting it."
        ).format(phone=ll.phone)
    else:
        next_step = _(
            "An ASB officer will contact you within {days} working days, by {date}, and will be your main "
            "contact. Together you will agree an action plan and how often we keep in touch."
        ).format(days=days, date=long_date(decision.due_date, language))
    lines = [
        _("Thank you. Your reference is {reference}.").format(reference=reference),
        urgency,
        next_step,
        _("If anything else happens, message us here with your reference to add it to your report. "
          "To speak to someone, call {phone} ({hours}). In an emergency call {emergency}.").format(
            phone=ll.phone, hours=_(ll.office_hours), emergency=ll.emergency_number),
        case_review_text(policy, tr),
    ]
    return Reply("\n\n".join(lines), kind="acknowledgement")


def case_review_text(policy: Policy, tr: NullTranslations) -> str:
    """The ASB Case Review in plain words, with where to ask: in every acknowledgement and closing letter."""
    review = policy.case_review
    return tr.gettext(
        "ASB Case Review: if you have reported anti-social behaviour {count} or more times in "
        "{months} months and feel nothing has been done, you can ask for a review of your case. "
        "Find out how at {links}, or call {phone}."
    ).format(count=review.incidents, months=review.months, links=", ".join(review.links), phone=review.phone)
