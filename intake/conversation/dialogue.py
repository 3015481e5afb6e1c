"""One turn of the conversation: commands, the current question, the summary, and after the report."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.conversation import commands, summary, survey
from intake.conversation.answers import InvalidAnswerError, parse_choice
from intake.conversation.commands import Command
from intake.conversation.lifecycle import keep_as_incomplete, start_conversation
from intake.conversation.resume import formatted, issue_resume_code
from intake.conversation.states import State, Status
from intake.conversation.steps import Step, danger_advice, describe, next_step
from intake.conversation.turn import Turn
from intake.formats import LinkSettings, ResidentMessage, needs_from_answers, render_for_resident
from intake.formats.easy_read import easy_read_acknowledgement
from intake.i18n import translations
from intake.messages import MAX_MESSAGE_CHARS, Choice, Reply
from intake.models import Case, Conversation, Evidence, Resident, Survey
from intake.policy import Policy
from intake.enums import Category
from intake.triage.acknowledgements import acknowledgement, long_date
from intake.triage.cases import add_incident, apply_to_resident, open_case

# A first message this long is taken as the description, so nobody has to say it twice.
DESCRIPTION_MIN_WORDS = 6


class Dialogue:
    def __init__(self, session: Session, policy: Policy, steps: tuple[Step, ...], conversation: Conversation,
                 resident: Resident, turn: Turn, now: datetime, links: LinkSettings = LinkSettings()) -> None:
        self.session, self.policy, self.steps = session, policy, steps
        self.conversation, self.resident, self.turn, self.now = conversation, resident, turn, now
        self.links = links
        self.case_id: int | None = None

    def step(self, text: str) -> list[Reply]:
        t = self.turn
        notes = self._keep_evidence() + self._keep_location()
        if not text and notes:
            return self._save([*notes, self._current_question()])
        if not text:
            return self._save([self._with_hint(t._("We did not get any words in that message."))])
        if len(text) > MAX_MESSAGE_CHARS:
            hint = t._("That message is too long for us to take in one go (over {limit} characters). "
                       "Please send it in shorter parts.").format(limit=MAX_MESSAGE_CHARS)
            return self._save([self._with_hint(hint)])
        language = self._language_chosen(text)
        if language is not None:
            return self._save(self._switch_language(language))
        command = commands.command_in(text)
        if command is not None:
            return self._save(self._run_command(command))
        if t.answers.pop("_new", False):
            return self._save(self._first_message(text))
        replies = self._danger_check(text)
        handler = {State.SUMMARY: self._at_summary, State.CHANGE: self._at_change,
                   State.DONE: self._after_report, State.ADD_MORE: self._adding,
                   State.SURVEY: self._in_survey}.get(State(self.conversation.state))
        replies += handler(text) if handler else self._answer(text)
        return self._save(replies)

    # --- questions -----------------------------------------------------------------------------

    def _first_message(self, text: str) -> list[Reply]:
        t = self.turn
        replies = [commands.welcome_reply(t)]
        if len(text.split()) >= DESCRIPTION_MIN_WORDS:
            described = describe(t, text)
            t.answers.update(described)
            self._remember("description", list(described))
            if t.answers.get("danger_now"):
                replies.insert(0, danger_advice(t))
        return [*replies, self._ask_next()]

    def _answer(self, text: str) -> list[Reply]:
        step = next_step(self.steps, self.turn.answers)
        if step is None:
            return [self._ask_next()]
        try:
            taken = step.take(self.turn, text)
        except InvalidAnswerError:
            self.conversation.attempts += 1
            if self.conversation.attempts >= self.policy.max_attempts:
                return [commands.too_many_tries_reply(self.turn), step.ask(self.turn)]
            return [self._with_hint(step.hint(self.turn))]
        self.conversation.attempts = 0
        updates = {step.key: True, **taken.updates}  # the step's own key marks it answered
        self.turn.answers.update(updates)
        self._remember(step.key, list(updates))
        if "language" in taken.updates:
            self.conversation.language = taken.updates["language"]
            self.turn.tr = translations(self.conversation.language)
        return [*taken.say, self._ask_next()]

    def _ask_next(self) -> Reply:
        step = next_step(self.steps, self.turn.answers)
        if step is None:
            self.conversation.state = State.SUMMARY
            return summary.ask_summary(self.turn, self.steps)
        self.conversation.state = step.state
        return step.ask(self.turn)

    def _current_question(self) -> Reply:
        state = State(self.conversation.state)
        if state is State.CHANGE:
            return summary.ask_change(self.turn)
        if state in (State.DONE, State.ADD_MORE):
            return self._done_question()
        return self._ask_next()

    def _with_hint(self, hint: str) -> Reply:
        question = self._current_question()
        return Reply(f"{hint}\n\n{question.text}", question.choices)

    def _remember(self, key: str, updated: list[str]) -> None:
        taken = dict(self.turn.answers.get("_taken", {}))
        taken[key] = updated
        self.turn.answers["_taken"] = taken
        self.conversation.history = [*self.conversation.history, key]

    def _forget(self, key: str) -> None:
        taken = dict(self.turn.answers.get("_taken", {}))
        for updated in taken.pop(key, [key]):
            self.turn.answers.pop(updated, None)
        self.turn.answers["_taken"] = taken
        self.conversation.history = [k for k in self.conversation.history if k != key]

    def _danger_check(self, text: str) -> list[Reply]:
        """Whatever the question, words that say someone is in danger now get the 999 advice first."""
        if len(text.split()) < 3 or not self.turn.classify(text).danger_now:
            return []
        self.turn.answers["danger_now"] = True
        return [danger_advice(self.turn)]

    def _keep_evidence(self) -> list[Reply]:
        """Files the channel already checked and stored: linked to this report, or to the open case."""
        attachments = self.turn.inbound.attachments
        if not attachments:
            return []
        case_id = self._open_case_id()
        for item in attachments:
            self.session.add(Evidence(conversation_id=self.conversation.id, case_id=case_id,
                                      channel=self.conversation.channel, content_type=item.content_type,
                                      stored_path=item.stored_path, size=item.size, sha256=item.sha256))
        self.case_id = case_id
        return [Reply(self.turn._("Thank you. We have kept your file with your report."))]

    def _keep_location(self) -> list[Reply]:
        location = self.turn.inbound.location
        if location is None:
            return []
        self.turn.answers["coordinates"] = [round(location[0], 6), round(location[1], 6)]
        return [Reply(self.turn._("Thank you for sharing your location. Please also tell us the address or "
                                  "postcode if you can, or reply Skip."))]

    def _open_case_id(self) -> int | None:
        reference = self.turn.answers.get("case_reference")
        if not reference:
            return None
        return self.session.scalar(select(Case.id).where(Case.reference == reference))

    # --- summary, changes and after the report ---------------------------------------------------

    def _at_summary(self, text: str) -> list[Reply]:
        try:
            choice = parse_choice(text, summary.summary_choices(self.turn), {"send": {"yes", "y", "confirm", "ok"}})
        except InvalidAnswerError:
            return [self._with_hint(self.turn._("Please reply 1 to send your report, or 2 to change something."))]
        if choice == "restart":
            return self._run_command(Command.RESTART)
        if choice == "change":
            self.conversation.state = State.CHANGE
            return [summary.ask_change(self.turn)]
        return self._send_report()

    def _at_change(self, text: str) -> list[Reply]:
        try:
            section = parse_choice(text, summary.section_choices(self.turn))
        except InvalidAnswerError:
            return [self._with_hint(self.turn._("Please reply with the number of the part to change."))]
        for step in self.steps:
            if step.section == section:
                self._forget(step.key)
        return [self._ask_next()]

    def _send_report(self) -> list[Reply]:
        answers, language = self.turn.answers, self.conversation.language
        self.conversation.answers = dict(answers)
        apply_to_resident(self.resident, answers)
        case, decision = open_case(self.session, self.policy, self.conversation, self.resident, self.now)
        self.case_id = case.id
        answers["case_reference"] = case.reference
        self.conversation.status, self.conversation.state = Status.COMPLETED, State.DONE
        ack = acknowledgement(case.reference, decision, self.policy, self.turn.tr,
                              anonymous=case.anonymous, language=language)
        easy = easy_read_acknowledgement(case.reference, self.policy, self.turn.tr, anonymous=case.anonymous,
                                         urgent=decision.category is Category.CAT1,
                                         due=long_date(decision.due_date, language))
        message = ResidentMessage(kind=ack.kind, text=ack.text, easy_read=easy,
                                  title=self.turn._("Your report {reference}").format(reference=case.reference))
        replies = render_for_resident(self.session, needs_from_answers(answers, language), message,
                                      links=self.links, now=self.now, resident_id=self.resident.id,
                                      case_id=case.id, conversation_id=self.conversation.id)
        return replies + self._resume_code(case.reference)

    def _resume_code(self, reference: str) -> list[Reply]:
        """A chat that cannot reach the resident later gives a code to come back to it (after a quick exit)."""
        if self.turn.inbound.can_follow_up:
            return []
        code = issue_resume_code(self.session, self.conversation, reference)
        return [Reply(self.turn._(
            "To come back to this chat later, go to the Resume page and enter your reference {reference} and "
            "this code: {code}. Keep them somewhere safe.").format(reference=reference, code=formatted(code)),
            kind="resume_code")]

    # --- languages -------------------------------------------------------------------------------

    def _language_chosen(self, text: str) -> str | None:
        """A language named as the whole message, or picked from the list `language` showed."""
        named = commands.language_named(text, self.policy.languages)
        choosing = self.turn.answers.pop("_choosing_language", False)
        if choosing and named is None:
            try:
                return parse_choice(text, commands.language_choices(self.policy.languages))
            except InvalidAnswerError:
                return None
        return named

    def _switch_language(self, code: str) -> list[Reply]:
        first = self.turn.answers.pop("_new", False)
        self.conversation.language = self.resident.language = code
        self.turn.tr = translations(code)
        if self.conversation.status == Status.ACTIVE and "language" not in self.turn.answers:
            self.turn.answers["language"] = code
            self._remember("language", ["language"])
        elif self.conversation.status == Status.ACTIVE:
            self.turn.answers["language"] = code
        welcome = [commands.welcome_reply(self.turn)] if first else []
        return [commands.language_changed_reply(self.turn, code), *welcome, self._current_question()]

    def _done_choices(self) -> tuple[Choice, ...]:
        t = self.turn
        return (Choice("add", t._("Add to my report {reference}").format(reference=self._reference())),
                Choice("new", t._("Start a new report")))

    def _done_question(self) -> Reply:
        if self.conversation.state == State.ADD_MORE:
            return Reply(self.turn._("Please tell us what has happened since your report."))
        return Reply(self.turn._("Your report {reference} is with our team. What would you like to do?").format(
            reference=self._reference()), self._done_choices())

    def _reference(self) -> str:
        return str(self.turn.answers.get("case_reference", ""))

    def _after_report(self, text: str) -> list[Reply]:
        try:
            choice = parse_choice(text, self._done_choices(), {"add": {"add", "add to it", "add to report"},
                                                               "new": {"new"}})
        except InvalidAnswerError:
            if len(text.split()) >= 3:
                self.turn.answers["_pending_incident"] = text
            return [self._done_question()]
        if choice == "new":
            return self._run_command(Command.RESTART)
        pending = self.turn.answers.pop("_pending_incident", None)
        if pending:
            return self._adding(pending)
        self.conversation.state = State.ADD_MORE
        return [self._done_question()]

    def _adding(self, text: str) -> list[Reply]:
        case = self.session.scalars(select(Case).where(Case.reference == self._reference())).one()
        add_incident(self.session, case, text, self.conversation.channel)
        self.case_id = case.id
        self.conversation.state = State.DONE
        return [Reply(self.turn._("Thank you. We have added this to your report {reference}. The officer "
                                  "dealing with it will see it.").format(reference=case.reference))]

    def _in_survey(self, text: str) -> list[Reply]:
        """A closed case's satisfaction survey is pending: this message answers it (intake/conversation/survey.py)."""
        pending = self.session.get(Survey, self.turn.answers.get("_survey", 0))
        done = pending is None or pending.status not in survey.PENDING
        replies: list[Reply] = []
        if pending is not None and not done:
            replies, done = survey.take_answer(self.session, pending, text, self.turn.tr, self.now)
            self.case_id = pending.case_id
        if done:
            self.turn.answers.pop("_survey", None)
            self.conversation.state = self.turn.answers.pop("_survey_return", State.DONE)
            if self.conversation.status == Status.ACTIVE or not replies:
                replies.append(self._current_question())
        return replies

    # --- commands ------------------------------------------------------------------------------

    def _run_command(self, command: Command) -> list[Reply]:
        t = self.turn
        t.answers.pop("_new", None)
        if command is Command.HELP:
            return [commands.help_reply(t), self._current_question()]
        if command is Command.HUMAN:
            return [commands.human_reply(t), self._current_question()]
        if command is Command.MENU:
            return [self._current_question()]
        if command is Command.LANGUAGE:
            t.answers["_choosing_language"] = True
            return [commands.language_reply(t)]
        if command is Command.BACK:
            return self._back()
        if command is Command.STOP:
            self._end(Status.STOPPED)
            return [commands.stopped_reply(t)]
        self._end(Status.RESTARTED)
        return self._restart()

    def _back(self) -> list[Reply]:
        if self.conversation.state in (State.DONE, State.ADD_MORE):
            return [self._done_question()]
        if not self.conversation.history:
            return [commands.first_question_reply(self.turn), self._ask_next()]
        self._forget(self.conversation.history[-1])
        return [self._ask_next()]

    def _end(self, status: Status) -> None:
        self.conversation.answers = dict(self.turn.answers)
        if self.conversation.status == Status.ACTIVE:
            keep_as_incomplete(self.session, self.conversation, status)
        else:
            self.conversation.status = status

    def _restart(self) -> list[Reply]:
        old_language = self.conversation.language
        self._save([])
        inbound = self.turn.inbound
        self.conversation = start_conversation(self.session, inbound, self.resident, self.policy, self.now)
        self.conversation.language = old_language
        self.turn.answers = {k: v for k, v in self.conversation.answers.items() if k != "_new"}
        return [Reply(self.turn._("Starting a new report.")), self._ask_next()]

    def _save(self, replies: list[Reply]) -> list[Reply]:
        if self.conversation.status in (Status.ACTIVE, Status.COMPLETED):
            self.conversation.answers = dict(self.turn.answers)
        self.conversation.updated_at = self.now
        return replies
