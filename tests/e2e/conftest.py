"""A real server (uvicorn serving the web app and the API) and Debian's chromium via Playwright.

The server runs in its own process on its own throwaway database (SQLite, or PostgreSQL when the
suite runs there), seeded through the services with the named characters.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session

from runseason.db import migrate
from runseason.db.models import User
from runseason.db.session import create_db_engine, make_session_factory
from runseason.db.types import utcnow
from runseason.schemas.checkins import CheckInCreate
from runseason.services import checkins
from runseason.services.identity.access import actor_for_user
from tests.dbutil import fresh_database_url
from tests.factories import make_world

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The platform served on a free port, with the named characters in its database."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's chromium is needed for the end-to-end suite (apt-get install chromium)"
        )
    with fresh_database_url(tmp_path_factory.mktemp("e2e"), "e2e") as url:
        engine = create_db_engine(url)
        migrate.upgrade(engine)
        factory = make_session_factory(engine)
        session: Session = factory()
        world = make_world(session)
        # Riley had a bad night and a sore knee this morning: Asha's queue has a case to act on.
        riley = session.get(User, world.riley.user_id)
        assert riley is not None
        checkins.submit_checkin(
            session,
            actor_for_user(session, riley),
            world.riley.id,
            CheckInCreate(
                sleep_quality=1,
                energy=1,
                recovery=1,
                stress=2,
                pain_severity=7,
                pain_location="right knee",
                illness=True,
            ),
            now=utcnow(),
        )
        session.commit()
        session.close()
        engine.dispose()
        port = _free_port()
        log_path = tmp_path_factory.mktemp("e2e-log") / "server.log"
        log = log_path.open("wb")
        env = {
            **os.environ,
            "RUNSEASON_DATABASE_URL": url,
            "RUNSEASON_ENV": "dev",
            "RUNSEASON_LOG_FORMAT": "json",
            # The periodic jobs (rollover, digests) would change the queues under the browser;
            # their own tests call them with an injected clock.
            "RUNSEASON_SCHEDULER": "off",
        }
        # Started outside the repository, so its `.streamlit` folder does not hide what the
        # server itself must set (as in a container's working directory).
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "runseason"), "serve", "ui", "--port", str(port)],
            cwd=tmp_path_factory.mktemp("e2e-cwd"),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{base}/_stcore/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.3)
            else:
                process.kill()
                raise RuntimeError(log_path.read_text(errors="replace")[-4000:])
            yield base
        finally:
            process.terminate()
            process.wait(timeout=20)
            log.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, object]) -> dict[str, object]:
    """Debian's chromium, not a downloaded browser."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "e2e"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where the suite writes screenshots of the main pages."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    """Playwright's base URL is the live server."""
    return live_server
