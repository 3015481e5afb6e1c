"""Officers' pages (queue, case, team, audit) and the integration JSON API, in the same Flask app.

`init_app` is all `create_app` calls: it sets the cookie and CSRF options, Flask-Login, and the blueprints.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Flask


def init_app(app: Flask) -> None:
    from intake.officers import api, auth, case_page, letters, queue_page, team  # noqa: F401  (routes register on import)
    from intake.officers.blueprint import blueprint

    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # valid for the session: an officer never loses a form
    app.config.setdefault("PERMANENT_SESSION_LIFETIME", timedelta(hours=8))
    app.config.update(REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax",
                      REMEMBER_COOKIE_SECURE=app.config.get("SESSION_COOKIE_SECURE", False))
    auth.login_manager.init_app(app)
    app.register_blueprint(blueprint)
    app.register_blueprint(api.blueprint)
