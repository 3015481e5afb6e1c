"""intake: residents report anti-social behaviour; officers get every report triaged.

`create_app()` is the only thing here. Nothing reads the environment, opens the database or loads
the NLU model at import time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: `import intake` stays cheap for commands that need no app
    from flask import Flask

    from intake.conversation.turn import Classifier
    from intake.outbox import Sender

log = logging.getLogger(__name__)


def create_app(
    settings: object | None = None,
    *,
    classifier: Classifier | None = None,
    clock: Callable[[], datetime] | None = None,
    senders: dict[str, Sender] | None = None,
) -> Flask:
    """Build the app from `settings` (the environment when None); tests pass fakes for the rest."""
    from flask import Flask

    from intake import config, officers, web_errors, web_language
    from intake.channels import registry, sms, telegram, web, web_resume
    from intake.conversation.engine import Conversations
    from intake.db import Database, utcnow
    from intake.formats import LinkSettings, links
    from intake.nlu.default import default_classifier
    from intake.outbox import RetryPolicy
    from intake.policy import load_policy
    from intake.services import Services

    settings = settings or config.from_environment()
    assert isinstance(settings, config.Settings)
    app = Flask(__name__, instance_path=str(config.INSTANCE_DIR))
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=256 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
    )
    policy = load_policy(settings.policy_file)
    db = Database(settings.database_url)
    clock = clock or utcnow
    conversations = Conversations(db, policy, classifier or default_classifier(policy), clock,
                                  LinkSettings(settings.public_base_url, settings.document_link_days))
    senders = senders if senders is not None else registry.build_senders(settings, db)
    app.extensions["intake"] = Services(
        settings=settings, policy=policy, db=db, conversations=conversations,
        senders=senders,
        clock=clock,
        retry=RetryPolicy(settings.outbox_max_attempts, settings.outbox_backoff_seconds, settings.outbox_lease_seconds),
    )
    app.register_blueprint(web.blueprint)
    sms.init_app(app, settings)
    telegram.register(app, settings, senders)
    officers.init_app(app)
    app.register_blueprint(web_resume.blueprint)
    app.register_blueprint(links.blueprint)
    web_language.init_app(app)
    web_errors.register(app)
    return app
