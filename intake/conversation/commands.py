"""Words that work at any point of the conversation, when they are the whole message."""

from __future__ import annotations

from enum import StrEnum

from intake.conversation.answers import normalise
from intake.conversation.turn import Turn
from intake.messages import Reply


class Command(StrEnum):
    HELP = "help"
    BACK = "back"
    RESTART = "restart"
    HUMAN = "human"
    STOP = "stop"
    MENU = "menu"


WORDS = {
    Command.HELP: {"help", "?", "info"},
    Command.BACK: {"back", "go back", "undo", "previous"},
    Command.RESTART: {"restart", "start again", "start over", "new report"},
    Command.HUMAN: {"human", "call", "phone", "person", "speak to someone", "call me", "agent"},
    Command.STOP: {"stop", "quit", "cancel", "end", "exit"},
    Command.MENU: {"menu", "repeat", "options"},
}


def command_in(text: str) -> Command | None:
    """A command only when it is the whole message: "he said he'd stop me" is a report, not STOP."""
    said = normalise(text).lstrip("/")
    for command, words in WORDS.items():
        if said in words:
            return command
    return None


def help_reply(t: Turn) -> Reply:
    ll = t.policy.landlord
    return Reply(t._(
        "We will ask you some short questions about what is happening, then give you a reference number. "
        "You can type: back (change your last answer), restart (start again), call (talk to a person), "
        "stop (end here). To talk to someone, call {phone} ({hours}). In an emergency call {emergency}."
    ).format(phone=ll.phone, hours=t._(ll.office_hours), emergency=ll.emergency_number))


def human_reply(t: Turn) -> Reply:
    ll = t.policy.landlord
    return Reply(t._(
        "You can speak to our ASB team on {phone} ({hours}). If you are in danger now, call {emergency}; "
        "for the police when it is not an emergency, call {non_emergency}."
    ).format(phone=ll.phone, hours=t._(ll.office_hours), emergency=ll.emergency_number,
             non_emergency=ll.non_emergency_number))


def stopped_reply(t: Turn) -> Reply:
    return Reply(t._(
        "We have stopped here. What you told us so far has been kept so our officers can see it. "
        "Send any message if you want to start a new report."
    ))


def first_question_reply(t: Turn) -> Reply:
    return Reply(t._("This is the first question."))


def too_many_tries_reply(t: Turn) -> Reply:
    ll = t.policy.landlord
    return Reply(t._(
        "Sorry, we are having trouble understanding. You can call us on {phone} ({hours}) and we will "
        "take your report by phone, or try answering again."
    ).format(phone=ll.phone, hours=t._(ll.office_hours)))


def welcome_reply(t: Turn) -> Reply:
    return Reply(t._(
        "Hello. You can report anti-social behaviour to {landlord} here. It takes about five minutes. "
        "Type help at any time."
    ).format(landlord=t.policy.landlord.name))
