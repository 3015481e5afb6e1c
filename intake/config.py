"""Settings from the environment, with safe defaults for a laptop. The only module that reads os.environ."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from intake.errors import ConfigError

INSTANCE_DIR = Path(os.environ.get("INTAKE_INSTANCE_DIR", "instance")).resolve()


@dataclass(frozen=True)
class Settings:
    """Everything configurable. Tests build one directly; production reads `from_environment()`."""

    database_url: str
    secret_key: str
    policy_file: str | None = None
    public_base_url: str = "http://127.0.0.1:5000"
    # Outbox delivery: attempts before a message is marked failed, and the first retry delay.
    outbox_max_attempts: int = 6
    outbox_backoff_seconds: float = 30.0
    outbox_lease_seconds: float = 120.0
    worker_poll_seconds: float = 1.0
    # Run the outbox worker as a thread of the web process (single-machine `make run`).
    worker_in_process: bool = False
    secure_cookies: bool = False
    # Evidence files (photos, audio) are kept here, outside anything the web server serves.
    evidence_dir: Path = INSTANCE_DIR / "evidence"
    # Where "Exit this page" (and Shift pressed three times) sends a resident: a neutral site.
    quick_exit_url: str = "https://www.bbc.co.uk/weather"
    # How long a private link to a resident's large-print letter or audio keeps working.
    document_link_days: int = 28
    extra: dict[str, str] = field(default_factory=dict)


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from None


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """SECRET_KEY from the environment; on a laptop, a random one kept in the instance folder.

    Keeping the generated key on disk means a restart does not orphan residents' chat cookies.
    """
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if _flag("INTAKE_REQUIRE_SECRET_KEY", False):
        raise ConfigError("SECRET_KEY must be set in production")
    path = INSTANCE_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def default_database_url() -> str:
    return f"sqlite:///{INSTANCE_DIR / 'intake.db'}"


def from_environment() -> Settings:
    """Read settings; `extra` keeps channel credentials for the channels that own them."""
    channel_keys = [k for k in os.environ if k.startswith(("TWILIO_", "TELEGRAM_", "SMTP_"))]
    return Settings(
        database_url=os.environ.get("DATABASE_URL") or default_database_url(),
        secret_key=_secret_key(),
        policy_file=os.environ.get("POLICY_FILE") or None,
        public_base_url=os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        outbox_max_attempts=_int("OUTBOX_MAX_ATTEMPTS", 6),
        outbox_backoff_seconds=_float("OUTBOX_BACKOFF_SECONDS", 30.0),
        worker_poll_seconds=_float("WORKER_POLL_SECONDS", 1.0),
        worker_in_process=_flag("WORKER_IN_PROCESS", False),
        secure_cookies=_flag("SECURE_COOKIES", False),
        evidence_dir=Path(os.environ.get("EVIDENCE_DIR") or INSTANCE_DIR / "evidence"),
        quick_exit_url=os.environ.get("QUICK_EXIT_URL") or "https://www.bbc.co.uk/weather",
        document_link_days=_int("DOCUMENT_LINK_DAYS", 28),
        extra={k: os.environ[k] for k in channel_keys},
    )
