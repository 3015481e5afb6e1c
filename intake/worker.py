"""The outbox worker: claims due messages, sends them, and expires idle conversations.

Several workers may run at once (Procfile `worker`); claiming uses SKIP LOCKED on PostgreSQL.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from sqlalchemy import select

from intake import outbox
from intake.conversation.lifecycle import keep_as_incomplete
from intake.conversation.states import Status
from intake.models import Conversation
from intake.services import Services

log = logging.getLogger(__name__)
EXPIRY_CHECK_EVERY = timedelta(minutes=1)


def expire_idle_conversations(services: Services, now: datetime) -> int:
    """Unfinished conversations idle past the policy's limit become incomplete reports officers can see."""
    cutoff = now - timedelta(hours=services.policy.expire_after_hours)
    with services.db.transaction() as session:
        idle = session.scalars(select(Conversation).where(
            Conversation.status == Status.ACTIVE, Conversation.updated_at < cutoff).limit(200)).all()
        for conversation in idle:
            keep_as_incomplete(session, conversation, Status.EXPIRED)
        return len(idle)


def run_worker(services: Services, stop: threading.Event) -> None:
    """Loop until `stop` is set. The one place `except Exception` is allowed: log, wait, carry on."""
    last_expiry_check: datetime | None = None
    log.info("worker started", extra={"channels": sorted(services.senders)})
    while not stop.is_set():
        try:
            now = services.clock()
            if last_expiry_check is None or now - last_expiry_check >= EXPIRY_CHECK_EVERY:
                expire_idle_conversations(services, now)
                last_expiry_check = now
            sent = outbox.deliver_due(services.db, services.senders, services.retry, services.clock)
        except Exception:
            log.exception("worker pass failed; retrying shortly")
            sent = 0
        if not sent:
            stop.wait(services.settings.worker_poll_seconds)
    log.info("worker stopped")
