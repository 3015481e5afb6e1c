"""The language of a web page: chosen with ?lang=, remembered in a cookie, first offered from Accept-Language.

Templates use `_("...")` (Jinja's i18n extension) with the same catalogues as the conversation, and get
`lang` and `direction` for the <html> element, so Urdu pages are laid out right to left.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, has_request_context, request

from intake.i18n import direction, language_name, translations

LANGUAGE_COOKIE = "intake_lang"


def offered() -> tuple[str, ...]:
    return current_app.extensions["intake"].policy.languages


def page_language() -> str:
    """?lang= first, then the remembered choice, then the browser's preference, then the policy default."""
    languages = offered()
    if not has_request_context():
        return languages[0]
    for candidate in (request.args.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if candidate in languages:
            return candidate
    return request.accept_languages.best_match(languages) or current_app.extensions["intake"].policy.default_language


def gettext(message: str) -> str:
    return translations(page_language()).gettext(message)


def _template_context() -> dict[str, Any]:
    language = page_language()
    tr = translations(language)
    return {
        "lang": language, "direction": direction(language), "gettext": tr.gettext, "ngettext": tr.ngettext,
        "languages": [(code, language_name(code)) for code in offered()],
        "quick_exit_url": current_app.extensions["intake"].settings.quick_exit_url,
    }


def _remember_choice(response: Response) -> Response:
    chosen = request.args.get("lang")
    if chosen in offered():
        settings = current_app.extensions["intake"].settings
        response.set_cookie(LANGUAGE_COOKIE, chosen, max_age=60 * 60 * 24 * 365, httponly=True, samesite="Lax",
                            secure=settings.secure_cookies)
    return response


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.context_processor(_template_context)
    app.after_request(_remember_choice)
