"""The objects one app instance is built from, reachable from views and commands without globals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app

from intake.config import Settings
from intake.conversation.engine import Conversations
from intake.db import Database
from intake.outbox import RetryPolicy, Sender
from intake.policy import Policy


@dataclass
class Services:
    settings: Settings
    policy: Policy
    db: Database
    conversations: Conversations
    senders: dict[str, Sender]
    clock: Callable[[], datetime]
    retry: RetryPolicy = field(default_factory=RetryPolicy)


def services() -> Services:
    return current_app.extensions["intake"]
