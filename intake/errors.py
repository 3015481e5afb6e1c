"""One error hierarchy for the service; `intake.web_errors` maps each to a response."""


class IntakeError(Exception):
    """Base of every error the service raises on purpose."""


class PolicyError(IntakeError):
    """The policy file is missing, unreadable or invalid; start-up must stop."""


class ConfigError(IntakeError):
    """A setting in the environment is missing or invalid."""


class BadInputError(IntakeError):
    """What a resident or client sent cannot be used; the message says why, in plain words."""


class NotFoundError(IntakeError):
    """A conversation, case or document does not exist or is not the caller's."""


class SendError(IntakeError):
    """An outbound message could not be delivered by its provider."""

    retryable: bool = True


class RetryableSendError(SendError):
    """The provider may accept the same message later (timeouts, 5xx, throttling)."""


class PermanentSendError(SendError):
    """The provider will never accept this message (opted out, invalid number, blocked bot)."""

    retryable = False
