"""The states of the guided conversation; `states.mmd` beside this file draws them. Change both together."""

from enum import StrEnum


class State(StrEnum):
    SAFETY = "safety"
    DESCRIBE = "describe"
    CONFIRM_TYPES = "confirm_types"
    PICK_TYPES = "pick_types"
    WHEN = "when"
    ONGOING = "ongoing"
    WHERE = "where"
    WHO = "who"
    RISK = "risk"
    REPORTED_BEFORE = "reported_before"
    IDENTITY = "identity"
    NAME = "name"
    CONTACT_METHOD = "contact_method"
    CONTACT_DETAIL = "contact_detail"
    SAFE_TIMES = "safe_times"
    LEAVE_MESSAGES = "leave_messages"
    FORMAT = "format"
    FORMAT_DETAIL = "format_detail"
    LANGUAGE = "language"
    CONSENT = "consent"
    SUMMARY = "summary"
    CHANGE = "change"
    DONE = "done"
    ADD_MORE = "add_more"
    # A closed case's satisfaction survey is waiting for its rating, then an optional comment.
    SURVEY = "survey"


class Status(StrEnum):
    """Where a conversation stands; only `active` and `completed` ones take the next message."""

    ACTIVE = "active"
    COMPLETED = "completed"
    EXPIRED = "expired"
    STOPPED = "stopped"
    RESTARTED = "restarted"
