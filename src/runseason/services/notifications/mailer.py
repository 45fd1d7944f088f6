"""Sending one email over SMTP, retried with backoff when the server refuses or drops it."""

from __future__ import annotations

import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

import structlog

from runseason.config import Settings

log = structlog.get_logger("runseason.email")


@dataclass(frozen=True)
class SmtpServer:
    """Where and how mail is handed over (the settings' ``smtp_*``)."""

    host: str
    port: int
    tls: str = "starttls"
    username: str | None = None
    password: str | None = None
    timeout_s: float = 20.0
    attempts: int = 4
    backoff_s: float = 2.0

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpServer | None:
        """The configured server, or None when no host is set (email is off)."""
        if not settings.smtp_host:
            return None
        password = settings.smtp_password
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            tls=settings.smtp_tls,
            username=settings.smtp_username,
            password=password.get_secret_value() if password else None,
            timeout_s=settings.smtp_timeout_s,
            attempts=settings.smtp_attempts,
            backoff_s=settings.smtp_backoff_s,
        )


class DeliveryFailed(Exception):
    """Every attempt was refused or dropped; ``reason`` is the last one, in words."""

    def __init__(self, attempts: int, reason: str) -> None:
        super().__init__(f"not delivered after {attempts} attempt(s): {reason}")
        self.attempts = attempts
        self.reason = reason


def describe(error: BaseException) -> str:
    """An SMTP failure in words an admin can act on."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address} refused: {code} {reply.decode(errors='replace')}"
            for address, (code, reply) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        return f"the server refused: {error.smtp_code} {text}"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "the server closed the connection"
    return f"{type(error).__name__}: {error}"


def _hand_over(server: SmtpServer, message: EmailMessage) -> None:
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if server.tls == "tls":
        smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout_s, context=context)
    else:
        smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout_s)
    with smtp:
        if server.tls == "starttls":
            smtp.starttls(context=context)
        if server.username:
            smtp.login(server.username, server.password or "")
        smtp.send_message(message)


def send(
    server: SmtpServer,
    message: EmailMessage,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Hand the message to the server; how many attempts it took.

    A refusal or a dropped connection is retried after ``backoff_s``, then twice that and so on;
    after the last attempt ``DeliveryFailed`` says why.
    """
    reason = ""
    for attempt in range(1, server.attempts + 1):
        try:
            _hand_over(server, message)
        except (smtplib.SMTPException, OSError) as error:
            reason = describe(error)
            log.warning("email.attempt_failed", attempt=attempt, reason=reason)
            if attempt < server.attempts:
                sleep(server.backoff_s * 2 ** (attempt - 1))
            continue
        return attempt
    raise DeliveryFailed(server.attempts, reason)
