"""Every error mapped to a response in one place: JSON for APIs, a plain page otherwise, never a traceback."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from intake.errors import BadInputError, IntakeError, NotFoundError
from intake.i18n import N_
from intake.web_language import gettext

log = logging.getLogger(__name__)

PLAIN_WORDS = {
    400: N_("We could not understand that request."),
    401: N_("Please sign in."),
    403: N_("You are not allowed to do that."),
    404: N_("We could not find that page."),
    405: N_("That is not allowed here."),
    410: N_("This link has expired. Please contact us and we will send you a new copy."),
    413: N_("That is too large for us to accept."),
    415: N_("Please send JSON."),
    429: N_("Too many attempts. Please wait a minute and try again."),
    500: N_("Something went wrong on our side. Nothing you sent has been lost. Please try again."),
    503: N_("This service is not available right now."),
}


def _wants_json() -> bool:
    return request.path.startswith(("/api/", "/channels/")) or request.accept_mimetypes.best == "application/json"


def error_response(status: int, message: str | None = None) -> tuple[Response | str, int]:
    message = gettext(message or PLAIN_WORDS.get(status, PLAIN_WORDS[500]))
    if _wants_json():
        return jsonify(error=message, status=status), status
    return render_template("error.html", message=message, status=status), status


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        return error_response(error.code or 500, PLAIN_WORDS.get(error.code or 500))

    @app.errorhandler(BadInputError)
    def bad_input(error: BadInputError):  # type: ignore[no-untyped-def]
        return error_response(400, str(error))

    @app.errorhandler(NotFoundError)
    def not_found(error: NotFoundError):  # type: ignore[no-untyped-def]
        return error_response(404, str(error) or None)

    @app.errorhandler(IntakeError)
    def intake_error(error: IntakeError):  # type: ignore[no-untyped-def]
        log.error("unhandled intake error", extra={"error_type": type(error).__name__, "path": request.path})
        return error_response(500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):  # type: ignore[no-untyped-def]
        log.exception("unexpected error", extra={"path": request.path})
        return error_response(500)
