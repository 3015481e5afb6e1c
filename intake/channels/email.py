"""Email: messages in the "email" format, sent as accessible HTML with a plain-text alternative over SMTP.

Configured by SMTP_HOST, SMTP_PORT (25), SMTP_FROM, SMTP_USERNAME/SMTP_PASSWORD (optional),
SMTP_STARTTLS (off) and SMTP_TIMEOUT (20 seconds). A refused recipient is permanent; anything to do
with the connection is retryable.
"""

from __future__ import annotations

import html
import smtplib
import socket
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

from intake.errors import PermanentSendError, RetryableSendError
from intake.i18n import N_, direction, translations
from intake.outbox import Outgoing

SUBJECTS = {
    "acknowledgement": N_("Your anti-social behaviour report"),
    "update": N_("An update on your anti-social behaviour case"),
    "closing": N_("Your anti-social behaviour case is closed"),
}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    sender: str = "asb@localhost"
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 20.0

    @classmethod
    def from_extra(cls, extra: dict[str, str]) -> SmtpSettings | None:
        """None when SMTP_HOST is not set: the email format then has no sender (and the outbox says so)."""
        if not extra.get("SMTP_HOST"):
            return None
        return cls(host=extra["SMTP_HOST"], port=int(extra.get("SMTP_PORT") or 25),
                   sender=extra.get("SMTP_FROM") or "asb@localhost", username=extra.get("SMTP_USERNAME") or None,
                   password=extra.get("SMTP_PASSWORD") or None,
                   starttls=extra.get("SMTP_STARTTLS", "").lower() in {"1", "true", "yes", "on"},
                   timeout=float(extra.get("SMTP_TIMEOUT") or 20))


def html_body(text: str, language: str, title: str) -> str:
    """Simple, semantic HTML: large text, high contrast, the reader's language and direction."""
    paragraphs = "\n".join(
        f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in text.split("\n\n") if p.strip())
    return (f'<!doctype html>\n<html lang="{language}" dir="{direction(language)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n</head>\n"
            '<body style="font-family: Arial, sans-serif; font-size: 18px; line-height: 1.5; color: #0b0c0c; '
            'background: #ffffff;">\n'
            f'<h1 style="font-size: 24px;">{html.escape(title)}</h1>\n{paragraphs}\n</body>\n</html>\n')


def build_email(message: Outgoing, sender: str) -> EmailMessage:
    subject = translations(message.language).gettext(SUBJECTS.get(message.kind, SUBJECTS["update"]))
    email = EmailMessage()
    email["Subject"], email["From"], email["To"] = subject, sender, message.recipient
    email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}")
    email["Content-Language"] = message.language
    email.set_content(message.body)
    email.add_alternative(html_body(message.body, message.language, subject), subtype="html")
    return email


class SmtpSender:
    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    def send(self, message: Outgoing) -> str:
        s = self.settings
        email = build_email(message, s.sender)
        try:
            with smtplib.SMTP(s.host, s.port, timeout=s.timeout) as smtp:
                if s.starttls:
                    smtp.starttls()
                if s.username and s.password:
                    smtp.login(s.username, s.password)
                smtp.send_message(email)
        except smtplib.SMTPRecipientsRefused as exc:
            raise PermanentSendError("the mail server refused the address") from exc
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600:
                raise PermanentSendError(f"mail server said {exc.smtp_code}") from exc
            raise RetryableSendError(f"mail server said {exc.smtp_code}") from exc
        except (smtplib.SMTPException, OSError, socket.timeout) as exc:
            raise RetryableSendError(f"could not reach the mail server: {type(exc).__name__}") from exc
        return str(email["Message-ID"])
