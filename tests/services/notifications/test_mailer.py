"""SMTP hand-over: settings (password from a file), login, retries with backoff."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from runseason.config import load_settings
from runseason.services.notifications import mailer
from runseason.services.notifications.mailer import SmtpServer
from tests.services.notifications.conftest import Inbox, free_port


def _message() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "coach@example.com"
    message["To"] = "athlete@example.com"
    message["Subject"] = "Hello"
    message.set_content("Hi")
    return message


def test_the_server_comes_from_the_settings_with_the_password_from_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert SmtpServer.from_settings(load_settings()) is None  # no host: email is off
    secret = tmp_path / "smtp_password"
    secret.write_text("s3cret-from-a-file\n", encoding="utf-8")
    monkeypatch.setenv("RUNSEASON_SMTP_HOST", "mail.example.org")
    monkeypatch.setenv("RUNSEASON_SMTP_PORT", "465")
    monkeypatch.setenv("RUNSEASON_SMTP_TLS", "tls")
    monkeypatch.setenv("RUNSEASON_SMTP_USERNAME", "club")
    monkeypatch.setenv("RUNSEASON_SMTP_PASSWORD_FILE", str(secret))
    server = SmtpServer.from_settings(load_settings())
    assert server is not None
    assert (server.host, server.port, server.tls, server.username, server.password) == (
        "mail.example.org",
        465,
        "tls",
        "club",
        "s3cret-from-a-file",
    )


class _Authenticator:
    def __init__(self) -> None:
        self.logins: list[tuple[str, str]] = []

    def __call__(
        self, _server: Any, _session: Any, _envelope: Any, _mechanism: str, auth: Any
    ) -> AuthResult:
        assert isinstance(auth, LoginPassword)
        self.logins.append((auth.login.decode(), auth.password.decode()))
        return AuthResult(success=auth.password == b"right")


def test_it_signs_in_with_the_configured_credentials() -> None:
    inbox, check = Inbox(), _Authenticator()
    port = free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=check, auth_require_tls=False
    )
    controller.start()
    try:
        good = SmtpServer("127.0.0.1", port, tls="none", username="club", password="right")
        assert mailer.send(good, _message()) == 1
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert check.logins[0] == ("club", "right")


def test_a_refusal_is_retried_with_growing_backoff_until_accepted(
    inbox: Inbox, smtp: SmtpServer
) -> None:
    waits: list[float] = []
    inbox.mode = "refuse"

    def wait(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 2:
            inbox.mode = "accept"  # the server recovers before the third attempt

    assert mailer.send(smtp, _message(), sleep=wait) == 3
    assert waits == [0.01, 0.02]
    assert len(inbox.messages) == 1


def test_an_unreachable_server_fails_with_the_reason() -> None:
    nobody = SmtpServer("127.0.0.1", free_port(), tls="none", attempts=2, backoff_s=0)
    with pytest.raises(mailer.DeliveryFailed) as failure:
        mailer.send(nobody, _message())
    assert failure.value.attempts == 2
    assert "ConnectionRefusedError" in failure.value.reason
