"""Closing a case (policy 17) and reopening it; on closing, the resident hears why, what next, and the survey.

The survey is answered in the resident's own conversation: closing puts that conversation in the SURVEY
state (intake/conversation/survey.py takes the answers). Anonymous residents get no messages.
"""

from __future__ import annotations

from datetime import datetime
from gettext import NullTranslations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake import outbox
from intake.conversation import survey as survey_flow
from intake.conversation.states import State, Status
from intake.enums import CaseStatus
from intake.errors import BadInputError
from intake.i18n import translations
from intake.messages import Reply
from intake.models import Case, ContactAttempt, Conversation, Resident, Survey
from intake.formats import LinkSettings, ResidentMessage
from intake.formats.easy_read import lines_with_icons
from intake.officers.actions import Actor, record, required_text, send_in_their_format, work_of
from intake.policy import Policy
from intake.triage.acknowledgements import case_review_text
from intake.triage.closure import FAILED_OUTCOMES, ClosureReason, closure_problems


def failed_contacts(session: Session, case: Case) -> int:
    return session.scalar(select(func.count()).select_from(ContactAttempt).where(
        ContactAttempt.case_id == case.id, ContactAttempt.outcome.in_([o.value for o in FAILED_OUTCOMES]))) or 0


def close_case(
    session: Session, policy: Policy, case: Case, actor: Actor, reason: str, explanation: str, now: datetime,
    links: LinkSettings = LinkSettings(),
) -> Survey | None:
    """Close with a reason the policy allows; returns the survey sent, if the resident can be messaged."""
    if case.status == CaseStatus.CLOSED:
        raise BadInputError("This case is already closed.")
    work = work_of(session, case)
    if work.owner_id is None:
        raise BadInputError("Assign the case to a named officer before closing it (policy 5.10).")
    explanation = (explanation or "").strip()[:2000]
    problems = closure_problems(reason, explanation, failed_contacts(session, case),
                                policy.min_failed_contacts_for_no_contact)
    if problems:
        raise BadInputError(" ".join(problems))
    chosen = ClosureReason(reason)
    record(session, case, "closed", actor, now, before=case.status, after=CaseStatus.CLOSED.value,
           reason=chosen.value, explanation=explanation or None)
    case.status = CaseStatus.CLOSED
    work.closed_at, work.closure_reason, work.closure_explanation = now, chosen.value, explanation or None
    resident = session.get(Resident, case.resident_id) if case.resident_id else None
    if resident is None or case.anonymous or resident.anonymous or resident.opted_out:
        return None
    return _tell_resident(session, policy, case, resident, chosen, now, links)


def reopen_case(session: Session, case: Case, actor: Actor, reason: str, now: datetime) -> None:
    if case.status != CaseStatus.CLOSED:
        raise BadInputError("Only a closed case can be reopened.")
    reason = required_text(reason, "the reason for reopening", 1000)
    work = work_of(session, case)
    status = CaseStatus.ASSIGNED if work.owner_id else CaseStatus.NEW
    record(session, case, "reopened", actor, now, before=CaseStatus.CLOSED.value, after=status.value, reason=reason)
    case.status = status
    work.closed_at, work.closure_reason, work.closure_explanation = None, None, None


def closing_message(case: Case, reason: ClosureReason, policy: Policy, tr: NullTranslations) -> Reply:
    """Why we closed it, what the resident can do next, and the ASB Case Review (17.3, 7.0)."""
    _ = tr.gettext
    ll = policy.landlord
    why = {
        ClosureReason.RESOLVED: _("We have closed your anti-social behaviour case {reference} because the "
                                  "problem has been resolved and you agreed that we could close it."),
        ClosureReason.INSUFFICIENT_EVIDENCE: _("We have closed your anti-social behaviour case {reference} "
                                               "because there is not enough evidence for us to take action."),
        ClosureReason.NO_CONTACT: _("We have closed your anti-social behaviour case {reference} because we tried "
                                    "to contact you several times and could not reach you."),
        ClosureReason.NO_RESPONSE: _("We have closed your anti-social behaviour case {reference} because we did "
                                     "not hear back from you after we asked for more information."),
        ClosureReason.WITHOUT_AGREEMENT: _("We have closed your anti-social behaviour case {reference}. We know "
                                           "you did not want us to; we have done everything we reasonably can, "
                                           "as your officer explained to you."),
    }[reason].format(reference=case.reference)
    lines = [
        why,
        _("If it starts again or anything new happens, message us here or call {phone} ({hours}) and we will "
          "look at it again. In an emergency call {emergency}.").format(
            phone=ll.phone, hours=_(ll.office_hours), emergency=ll.emergency_number),
        case_review_text(policy, tr),
    ]
    return Reply("\n\n".join(lines), kind="closing")


def easy_read_closing(case: Case, reason: ClosureReason, policy: Policy, tr: NullTranslations) -> str:
    """The closing letter in easy read: written by hand, short sentences, one idea a line."""
    _ = tr.gettext
    why = {
        ClosureReason.RESOLVED: _("The problem has stopped, and you agreed we could close it."),
        ClosureReason.INSUFFICIENT_EVIDENCE: _("We do not have enough evidence to act."),
        ClosureReason.NO_CONTACT: _("We tried to contact you many times. We could not reach you."),
        ClosureReason.NO_RESPONSE: _("We asked you for information. We did not hear back."),
        ClosureReason.WITHOUT_AGREEMENT: _("We know you did not agree. We have done all we reasonably can."),
    }[reason]
    return lines_with_icons([
        ("closed", _("Your case {reference} is closed").format(reference=case.reference)),
        ("line", why),
        ("add", _("If it happens again, tell us.")),
        ("phone", _("To talk to us, call {phone}.").format(phone=policy.landlord.phone)),
        ("emergency", _("In an emergency, call {emergency}.").format(emergency=policy.landlord.emergency_number)),
        ("review", _("Not happy with what we did? You can ask for a case review.")),
        ("phone", _("To ask for a review, call {phone}.").format(phone=policy.case_review.phone)),
    ])


def _tell_resident(
    session: Session, policy: Policy, case: Case, resident: Resident, reason: ClosureReason, now: datetime,
    links: LinkSettings,
) -> Survey:
    tr = translations(resident.language)
    conversation = _survey_conversation(session, case, resident, now)
    survey = Survey(case_id=case.id, conversation_id=conversation.id, channel=case.channel, address=resident.address,
                    status=survey_flow.AWAITING_RATING, sent_at=now)
    session.add(survey)
    session.flush()
    answers = dict(conversation.answers)
    previous = session.get(Survey, answers.get("_survey", 0))
    if previous is not None and previous.status in survey_flow.PENDING:
        previous.status = "superseded"
    if conversation.state != State.SURVEY:
        answers["_survey_return"] = conversation.state
    answers["_survey"] = survey.id
    conversation.answers, conversation.state = answers, State.SURVEY
    letter = closing_message(case, reason, policy, tr)
    message = ResidentMessage(kind=letter.kind, text=letter.text, easy_read=easy_read_closing(case, reason, policy, tr),
                              title=tr.gettext("Your case {reference} is closed").format(reference=case.reference))
    send_in_their_format(session, case, resident, message, links, now, conversation_id=conversation.id)
    outbox.enqueue(session, channel=case.channel, recipient=resident.address, reply=survey_flow.survey_question(tr),
                   language=resident.language, conversation_id=conversation.id, case_id=case.id, now=now)
    return survey


def _survey_conversation(session: Session, case: Case, resident: Resident, now: datetime) -> Conversation:
    """The conversation the resident's next message will reach (as the engine chooses it), or a new one."""
    conversation = session.scalars(
        select(Conversation).where(Conversation.channel == resident.channel, Conversation.address == resident.address,
                                   Conversation.status.in_([Status.ACTIVE, Status.COMPLETED]))
        .order_by(Conversation.id.desc()).limit(1).with_for_update()
    ).first()
    if conversation is None:
        conversation = Conversation(
            channel=resident.channel, address=resident.address, resident_id=resident.id, status=Status.COMPLETED,
            state=State.DONE, answers={"case_reference": case.reference}, history=[], language=resident.language,
            created_at=now, updated_at=now)
        session.add(conversation)
        session.flush()
    return conversation
