"""Words that work at any point of the conversation, when they are the whole message."""

from __future__ import annotations

from enum import StrEnum

from intake.conversation.answers import normalise
from intake.conversation.turn import Turn
from intake.i18n import ENGLISH_NAMES, LANGUAGE_NAMES, language_name
from intake.messages import Choice, Reply


class Command(StrEnum):
    HELP = "help"
    BACK = "back"
    RESTART = "restart"
    HUMAN = "human"
    STOP = "stop"
    MENU = "menu"
    LANGUAGE = "language"


WORDS = {
    Command.HELP: {"help", "?", "info"},
    Command.BACK: {"back", "go back", "undo", "previous"},
    Command.RESTART: {"restart", "start again", "start over", "new report"},
    Command.HUMAN: {"human", "call", "phone", "person", "speak to someone", "call me", "agent"},
    Command.STOP: {"stop", "quit", "cancel", "end", "exit"},
    Command.MENU: {"menu", "repeat", "options"},
    # "language" in English and in each offered language, so a resident can always find the list.
    Command.LANGUAGE: {"language", "languages", "change language", "język", "jezyk", "ਭਾਸ਼ਾ", "زبان",
                       "jazyk", "limba", "limbă"},
}


def command_in(text: str) -> Command | None:
    """A command only when it is the whole message: "he said he'd stop me" is a report, not STOP."""
    said = normalise(text).lstrip("/")
    for command, words in WORDS.items():
        if said in words:
            return command
    return None


def language_named(text: str, offered: tuple[str, ...]) -> str | None:
    """The offered language a whole message names, in itself ("Polski") or in English ("Polish")."""
    said = normalise(text).lstrip("/")
    for code in offered:
        if said in {normalise(LANGUAGE_NAMES.get(code, code)), ENGLISH_NAMES.get(code)}:
            return code
    return None


def language_choices(offered: tuple[str, ...]) -> tuple[Choice, ...]:
    return tuple(Choice(code, language_name(code)) for code in offered)


def language_reply(t: Turn) -> Reply:
    return Reply(t._("Which language would you like us to use?"), language_choices(t.policy.languages))


def language_changed_reply(t: Turn, code: str) -> Reply:
    return Reply(t._("We will use {language} from now on. Type language at any time to change it.").format(
        language=language_name(code)))


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
    ).format(landlord=t.policy.landlord.name) + "\n\n" + t._(
        "To use another language, type language."))
