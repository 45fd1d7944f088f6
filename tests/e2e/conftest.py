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
from runseason.db.session import create_db_engine, make_session_factory
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
        make_world(session)
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
        }
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "runseason"), "serve", "web", "--port", str(port)],
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


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    """Playwright's base URL is the live server."""
    return live_server
