"""The guided conversation as dialogue tables: (resident says, words the service's replies contain)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from intake.conversation.engine import Conversations
from intake.enums import Channel
from intake.messages import Inbound
from intake.models import Case, CaseEvent, Conversation, Report, TypeCorrection
from tests.factories import NOISE_AND_DRUGS_REPORT, POLICY, fixed_classifier

T0 = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


class Resident:
    """Talks to the conversation service directly, as every channel adapter does."""

    def __init__(self, service: Conversations, sender: str = "+447700900123", channel: Channel = Channel.SMS):
        self.service, self.sender, self.channel = service, sender, channel

    def says(self, text: str) -> str:
        outcome = self.service.receive(Inbound(channel=self.channel, sender=self.sender, text=text))
        return "\n".join(r.text + "".join(f"\n- {c.label}" for c in r.choices) for r in outcome.replies)

    def dialogue(self, table: list[tuple[str, str]]) -> str:
        said = ""
        for text, expected in table:
            said = self.says(text)
            assert expected in said, f"after {text!r} expected {expected!r} in:\n{said}"
        return said


@pytest.fixture
def clock():  # type: ignore[no-untyped-def]
    class Clock:
        now = T0

        def __call__(self) -> datetime:
            return self.now

    return Clock()


@pytest.fixture
def service(db, clock) -> Conversations:  # type: ignore[no-untyped-def]
    return Conversations(db, POLICY, fixed_classifier(), clock)


def test_resident_in_danger_is_told_to_call_999_first_and_can_carry_on(service) -> None:
    resident = Resident(service)
    resident.says("hi")
    reply = resident.says("yes")
    assert reply.index("call 999 now") < reply.index("Please tell us what is happening")
    assert "101" in reply


def test_danger_words_mid_conversation_bring_the_999_advice_at_once(service) -> None:
    resident = Resident(service)
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:5])
    reply = resident.says("he is outside my door now with a knife")
    assert reply.startswith("If you or anyone else is in danger right now, call 999 now")


def test_a_first_message_that_describes_the_problem_is_not_asked_for_again(service, db) -> None:
    resident = Resident(service)
    assert "Is anyone in danger" in resident.says("loud music every night from flat 12 and the smell of weed")
    reply = resident.says("no")
    assert "It sounds like drugs, drugs or substance misuse and noise" not in reply
    assert "It sounds like drugs, drug dealing or substance misuse and noise. Is that right?" in reply


def test_accepting_the_proposal_skips_the_list_and_rejecting_it_is_kept_as_a_correction(service, db) -> None:
    resident = Resident(service)
    table = list(NOISE_AND_DRUGS_REPORT)
    table[3] = ("no", "Which of these best describe it?")
    table.insert(4, ("noise", "When did it happen"))
    resident.dialogue(table)
    with db.transaction() as session:
        correction = session.scalars(select(TypeCorrection)).one()
        assert (correction.proposed, correction.corrected, correction.source) == (["drugs", "noise"], ["noise"], "resident")
        assert session.scalars(select(Case.types)).one() == ["noise"]


def test_a_description_with_nothing_recognised_goes_straight_to_the_list(service) -> None:
    resident = Resident(service)
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:2])
    reply = resident.says("there is always something going on by the garages")
    assert "It sounds like" not in reply and "Which of these best describe it?" in reply
    assert "When did it happen" in resident.says("13 and 12")


def test_back_forgets_the_last_answer_and_asks_it_again(service) -> None:
    resident = Resident(service)
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:6])
    assert "Is it still happening?" in resident.says("back")
    assert "Where is it happening?" in resident.says("no")


def test_back_at_the_first_question_says_so(service) -> None:
    resident = Resident(service)
    resident.says("hello")
    assert "This is the first question" in resident.says("back")


def test_help_and_call_give_the_phone_number_and_repeat_the_question(service) -> None:
    resident = Resident(service)
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:3])
    for word in ("help", "call"):
        reply = resident.says(word)
        assert "01332 888777" in reply and "It sounds like drugs" in reply


def test_stop_keeps_the_answers_as_an_incomplete_report(service, db) -> None:
    resident = Resident(service)
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:4])
    assert "We have stopped here" in resident.says("stop")
    with db.transaction() as session:
        report = session.scalars(select(Report)).one()
        assert report.status == "incomplete"
        assert report.description == "loud music every night and people dealing drugs on the landing"
    assert "Is anyone in danger" in resident.says("hello again")


def test_restart_starts_a_new_report_and_keeps_the_old_answers(service, db) -> None:
    resident = Resident(service)
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:4])
    assert "Is anyone in danger right now?" in resident.says("restart")
    with db.transaction() as session:
        statuses = session.scalars(select(Conversation.status).order_by(Conversation.id)).all()
        assert statuses == ["restarted", "active"]
        assert session.scalars(select(Report.status)).all() == ["incomplete"]


def test_stop_inside_a_sentence_is_part_of_the_report(service) -> None:
    resident = Resident(service)
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:2])
    reply = resident.says("he said he'd stop me going out if I told anyone")
    assert "We have stopped" not in reply and "Which of these" in reply


def test_three_unclear_answers_offer_the_phone_number(service) -> None:
    resident = Resident(service)
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:6])
    assert "Please give a street" in resident.says("dunno mate")
    resident.says("somewhere")
    third = resident.says("??!!")
    assert "call us on 01332 888777" in third and "Where is it happening?" in third


def test_an_idle_conversation_expires_into_an_incomplete_report_and_a_new_one_starts(service, db, clock) -> None:
    resident = Resident(service)
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:4])
    clock.now = T0 + timedelta(hours=POLICY.expire_after_hours + 1)
    reply = resident.says("hello")
    assert "Your last report was not finished" in reply and "Is anyone in danger" in reply
    with db.transaction() as session:
        assert session.scalars(select(Report.status)).all() == ["incomplete"]


def test_an_idle_conversation_within_the_limit_resumes_where_it_stopped(service, clock) -> None:
    resident = Resident(service)
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:6])
    clock.now = T0 + timedelta(hours=POLICY.expire_after_hours - 1)
    assert "Do you know who is responsible?" in resident.says("12 Example Road DE1 2AB")


def test_changing_a_part_from_the_summary_asks_only_that_part_again(service, db) -> None:
    resident = Resident(service)
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:-1])
    assert "What would you like to change?" in resident.says("change")
    assert "Where is it happening?" in resident.says("where")
    reply = resident.says("3 Other Street, DE22 1AB")
    assert "Here is your report" in reply and "Where: 3 Other Street, DE22 1AB" in reply
    assert "Your reference is" in resident.says("1")
    with db.transaction() as session:
        assert session.scalars(select(Case.postcode)).one() == "DE22 1AB"


def test_an_anonymous_report_gets_a_reference_and_a_way_to_add_to_it(service, db) -> None:
    resident = Resident(service)
    table = NOISE_AND_DRUGS_REPORT[:15] + [
        ("2", "receive our letters"), ("1", "Which language"), ("1", "share"), ("no", "Contact: anonymous"),
    ]
    resident.dialogue(table)
    ack = resident.says("send")
    assert "Your reference is ASB-" in ack and "action may be limited" not in ack
    assert "what we can do may be limited" in ack and "add to your report" in ack
    with db.transaction() as session:
        assert session.scalars(select(Case.anonymous)).one() is True


def test_after_the_report_more_incidents_are_added_to_the_case(service, db) -> None:
    resident = Resident(service)
    resident.dialogue(NOISE_AND_DRUGS_REPORT)
    offer = resident.says("they were at it again last night until 4am")
    assert "Add to my report ASB-" in offer
    assert "We have added this to your report" in resident.says("1")
    with db.transaction() as session:
        event = session.scalars(select(CaseEvent).where(CaseEvent.kind == "incident_added")).one()
        assert event.detail["text"] == "they were at it again last night until 4am"


def test_a_case_with_a_threat_in_the_words_is_cat1_even_if_the_resident_picks_noise_first(service, db) -> None:
    resident = Resident(service)
    table = list(NOISE_AND_DRUGS_REPORT)
    table[2] = ("the music is constant and he said he would kill me", "It sounds like harassment")
    table[3] = ("yes", "When did it happen")
    resident.dialogue(table)
    with db.transaction() as session:
        assert session.scalars(select(Case.category)).one() == "CAT1"


def test_an_urgent_proposal_is_offered_even_when_the_model_is_unsure(db, clock) -> None:
    unsure = fixed_classifier({"harassment": ["burn"], "noise": ["music"]}, confidence=0.3)
    resident = Resident(Conversations(db, POLICY, unsure, clock))
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:2])
    assert "It sounds like harassment" in resident.says("the music and he said he would burn the flat down")


def test_an_unsure_nuisance_proposal_goes_straight_to_the_list(db, clock) -> None:
    unsure = fixed_classifier({"noise": ["music"]}, confidence=0.3)
    resident = Resident(Conversations(db, POLICY, unsure, clock))
    resident.dialogue(NOISE_AND_DRUGS_REPORT[:2])
    reply = resident.says("the music from next door most evenings")
    assert "It sounds like" not in reply and "Which of these best describe it?" in reply
