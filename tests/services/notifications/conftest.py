"""A real SMTP server (aiosmtpd) on a free local port, which can accept, refuse or drop mail."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, Literal, cast

import pytest
import uvicorn
from aiosmtpd.controller import Controller
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from runseason.api.app import create_app
from runseason.db.models import Athlete, User
from runseason.db.session import use_session_factory
from runseason.services.notifications.mailer import SmtpServer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    """What the SMTP server received; ``mode`` says what it does with the next messages."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.mode: Literal["accept", "refuse", "drop"] = "accept"
        self.attempts = 0  # messages offered, whatever became of them
        self.port = 0

    async def handle_DATA(self, server: Any, _session: Any, envelope: Any) -> str:
        self.attempts += 1
        if self.mode == "refuse":
            return "554 5.7.1 Message refused by policy"
        if self.mode == "drop":
            server.transport.close()  # the connection goes away mid-transaction
            return "421 4.4.2 Connection dropped"
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(cast(EmailMessage, parsed))
        return "250 2.0.0 Queued"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages addressed to one person."""
        return [m for m in self.messages if address in str(m["To"])]


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    """A local SMTP server for the test."""
    box = Inbox()
    box.port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture
def smtp(inbox: Inbox) -> SmtpServer:
    """The platform's view of that server: plain SMTP, three attempts, short backoff."""
    return SmtpServer(host="127.0.0.1", port=inbox.port, tls="none", attempts=3, backoff_s=0.01)


def move(db: Session, person: User | Athlete, timezone: str) -> None:
    """Put a person (and an athlete's profile) in a time zone."""
    if isinstance(person, Athlete):
        db.execute(update(Athlete).where(Athlete.id == person.id).values(timezone=timezone))
        db.execute(update(User).where(User.id == person.user_id).values(timezone=timezone))
    else:
        db.execute(update(User).where(User.id == person.id).values(timezone=timezone))
    db.expire_all()


@contextmanager
def served(factory: sessionmaker[Session]) -> Iterator[str]:
    """The API served by uvicorn on a free local port over ``factory``'s database; its base URL
    (the API answers under /api/v1 there, as in the web app)."""
    use_session_factory(factory)
    server = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=0, log_level="warning")
    )
    thread = threading.Thread(target=server.run)
    thread.start()
    try:
        while not server.started and thread.is_alive():
            time.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
        use_session_factory(None)
