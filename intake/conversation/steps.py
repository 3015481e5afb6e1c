"""The questions, in order. The next question is the first step that applies and has no answer yet.

Form-filling keeps `back`, `change` and resuming after a restart simple: answers are the only state,
and the current question is always derivable from them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from intake.conversation import answers as parse
from intake.conversation import contact, impact
from intake.conversation.states import State
from intake.conversation.turn import Taken, Turn
from intake.messages import Choice, Reply
from intake.policy import Policy

# Below this the NLU's proposal is not offered; the resident picks from the list instead.
MIN_PROPOSAL_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Step:
    key: str
    state: State
    section: str
    ask: Callable[[Turn], Reply]
    take: Callable[[Turn, str], Taken]
    hint: Callable[[Turn], str]
    applies: Callable[[dict[str, Any]], bool] = lambda answers: True


def yes_no(t: Turn) -> tuple[Choice, ...]:
    return (Choice("yes", t._("Yes")), Choice("no", t._("No")))


def danger_advice(t: Turn) -> Reply:
    ll = t.policy.landlord
    return Reply(
        t._(
            "If you or anyone else is in danger right now, call {emergency} now. "
            "If it is not an emergency, call the police on {non_emergency}. "
            "When you are safe, you can carry on your report here."
        ).format(emergency=ll.emergency_number, non_emergency=ll.non_emergency_number),
        kind="danger",
    )


# --- what happened -----------------------------------------------------------------------------


def ask_safety(t: Turn) -> Reply:
    return Reply(
        t._("Is anyone in danger right now?"),
        (Choice("yes", t._("Yes, someone is in danger now")), Choice("no", t._("No"))),
    )


def take_safety(t: Turn, text: str) -> Taken:
    in_danger = parse.parse_choice(text, ask_safety(t).choices, {"yes": parse.YES, "no": parse.NO}) == "yes"
    return Taken({"in_danger": in_danger}, (danger_advice(t),) if in_danger else ())


def ask_description(t: Turn) -> Reply:
    return Reply(t._("Please tell us what is happening, in your own words."))


def take_description(t: Turn, text: str) -> Taken:
    if len(text.split()) < 2 or parse.normalise(text) in parse.YES | parse.NO:
        raise parse.InvalidAnswerError(text)
    return Taken(describe(t, text))


def describe(t: Turn, text: str) -> dict[str, Any]:
    """The description verbatim, with the NLU's proposal and flags stored beside it."""
    result = t.classify(text)
    return {
        "description": text,
        "proposed_types": list(result.types),
        "proposed_category": result.category.value if result.category else None,
        "proposal_confidence": round(result.confidence, 3),
        "danger_now": result.danger_now,
        "safeguarding": result.safeguarding,
        "hate": result.hate,
    }


def type_list(t: Turn, type_ids: list[str]) -> str:
    labels = [t._(t.policy.types[i].label).lower() for i in type_ids]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + t._(" and ") + labels[-1]


def ask_confirm_types(t: Turn) -> Reply:
    proposed = type_list(t, t.answers["proposed_types"])
    return Reply(t._("It sounds like {types}. Is that right?").format(types=proposed), yes_no(t))


def take_confirm_types(t: Turn, text: str) -> Taken:
    if contact.yes_or_no(t, text):
        return Taken({"types_confirmed": True, "types": list(t.answers["proposed_types"])})
    return Taken({"types_confirmed": False})


def proposal_applies(a: dict[str, Any]) -> bool:
    """Offer the proposal when the model is confident, and always when it saw something urgent (CAT1).

    A CAT1 element the resident never sees named is a CAT1 case that can be missed by picking from
    the list; asking "is that right?" costs one reply.
    """
    if not a.get("proposed_types"):
        return False
    return a.get("proposed_category") == "CAT1" or a.get("proposal_confidence", 0) >= MIN_PROPOSAL_CONFIDENCE


def type_choices(t: Turn) -> tuple[Choice, ...]:
    return tuple(Choice(type_id, t._(t.policy.types[type_id].label)) for type_id in t.policy.seriousness)


def ask_pick_types(t: Turn) -> Reply:
    return Reply(
        t._("Which of these best describe it? You can choose more than one, for example 2 and 5."),
        type_choices(t),
    )


def take_pick_types(t: Turn, text: str) -> Taken:
    picked = parse.parse_many(text, type_choices(t))
    ordered = [type_id for type_id in t.policy.seriousness if type_id in picked]
    return Taken({"types": ordered})


def ask_when(t: Turn) -> Reply:
    return Reply(t._("When did it happen, or when did it start? For example: last night at 11pm, or since March."))


def take_free_text(key: str, optional: bool = False) -> Callable[[Turn, str], Taken]:
    def take(t: Turn, text: str) -> Taken:
        if optional and (parse.is_skip(text) or t.said(text, "Skip")):
            return Taken({key: None})
        if not text.strip():
            raise parse.InvalidAnswerError(text)
        return Taken({key: text.strip()})

    return take


def ask_ongoing(t: Turn) -> Reply:
    return Reply(
        t._("Is it still happening?"),
        (Choice("yes", t._("Yes, it is still going on")), Choice("no", t._("No, it has stopped"))),
    )


def take_ongoing(t: Turn, text: str) -> Taken:
    choices = ask_ongoing(t).choices
    return Taken({"ongoing": parse.parse_choice(text, choices, {"yes": parse.YES, "no": parse.NO}) == "yes"})


def ask_where(t: Turn) -> Reply:
    return Reply(t._("Where is it happening? Please give the address or the street and a postcode if you know it."))


def take_where(t: Turn, text: str) -> Taken:
    if t.answers.get("coordinates") and (parse.is_skip(text) or t.said(text, "Skip")):
        return Taken({"location": t._("Shared location"), "postcode": None})
    if not parse.looks_like_address(text):
        raise parse.InvalidAnswerError(text)
    return Taken({"location": text.strip(), "postcode": parse.find_postcode(text)})


def ask_who(t: Turn) -> Reply:
    return Reply(
        t._("Do you know who is responsible? Tell us anything you know, or choose Skip."),
        (Choice("skip", t._("Skip")),),
    )


def hint(message: str) -> Callable[[Turn], str]:
    return lambda t: t._(message)


CHOOSE = "Please reply with one of the numbers or words shown."


def build_steps(policy: Policy) -> tuple[Step, ...]:
    """Every question in the order asked; risk questions come from the policy's matrix."""
    risk_steps = tuple(
        Step(impact.risk_key(q), State.RISK, "impact", impact.ask_risk(q), impact.take_risk(q),
             hint("Please reply Yes, No or Skip."))
        for q in policy.risk_questions
    )
    return (
        Step("in_danger", State.SAFETY, "safety", ask_safety, take_safety, hint(CHOOSE)),
        Step("description", State.DESCRIBE, "what", ask_description, take_description,
             hint("Please tell us a little more about what is happening.")),
        Step("types_confirmed", State.CONFIRM_TYPES, "what", ask_confirm_types, take_confirm_types,
             hint("Please reply Yes or No."), proposal_applies),
        Step("types", State.PICK_TYPES, "what", ask_pick_types, take_pick_types,
             hint("Please reply with one or more of the numbers, for example 2 or 2 and 5.")),
        Step("when", State.WHEN, "when", ask_when, take_free_text("when"),
             hint("Please tell us roughly when, for example: yesterday evening.")),
        Step("ongoing", State.ONGOING, "when", ask_ongoing, take_ongoing, hint(CHOOSE)),
        Step("location", State.WHERE, "where", ask_where, take_where,
             hint("Please give a street and house or flat number, or a postcode like DE1 2AB.")),
        Step("who", State.WHO, "who", ask_who, take_free_text("who", optional=True), hint(CHOOSE)),
        *risk_steps,
        Step("reported_before", State.REPORTED_BEFORE, "impact", impact.ask_reported_before,
             impact.take_reported_before, hint(CHOOSE)),
        Step("anonymous", State.IDENTITY, "contact", contact.ask_identity, contact.take_identity, hint(CHOOSE)),
        Step("name", State.NAME, "contact", contact.ask_name, take_free_text("name"),
             hint("Please tell us your name."), contact.named),
        Step("contact_method", State.CONTACT_METHOD, "contact", contact.ask_contact_method,
             contact.take_contact_method, hint(CHOOSE), contact.named),
        Step("contact_detail", State.CONTACT_DETAIL, "contact", contact.ask_contact_detail,
             contact.take_contact_detail, contact.hint_contact_detail, contact.needs_detail),
        Step("safe_times", State.SAFE_TIMES, "contact", contact.ask_safe_times, contact.take_safe_times,
             hint("Please tell us when is safe, or reply 1 for any time."), contact.named),
        Step("leave_messages", State.LEAVE_MESSAGES, "contact", contact.ask_leave_messages,
             contact.take_leave_messages, hint("Please reply Yes or No."), contact.named),
        Step("format", State.FORMAT, "preferences", contact.ask_format, contact.take_format, hint(CHOOSE)),
        Step("format_detail", State.FORMAT_DETAIL, "preferences", contact.ask_format_detail,
             contact.take_format_detail, contact.hint_format_detail, contact.needs_format_detail),
        Step("language", State.LANGUAGE, "preferences", contact.ask_language, contact.take_language, hint(CHOOSE)),
        Step("consent_to_share", State.CONSENT, "consent", contact.ask_consent, contact.take_consent,
             hint("Please reply Yes or No.")),
    )


def next_step(steps: tuple[Step, ...], answers: dict[str, Any]) -> Step | None:
    """The first question that applies and is unanswered; None means everything is answered."""
    for step in steps:
        if step.key not in answers and step.applies(answers):
            return step
    return None
