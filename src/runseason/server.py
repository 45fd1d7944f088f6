"""The platform in one ASGI process: the Streamlit web app at ``/`` and the API at ``/api/v1``.

One origin means the browser's sign-in cookie, set by the API's sign-in page, reaches the web app
too. ``runseason start`` serves ``build_app`` with uvicorn; ``runseason serve api`` serves the API
alone for production deployments that scale it separately.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st
from starlette.routing import Mount
from streamlit import config as st_config

from runseason import worker
from runseason.api.app import create_app
from runseason.config import get_settings, startup_warnings
from runseason.logging import configure_logging, get_logger
from runseason.services import system

log = get_logger("runseason.server")
UI_SCRIPT = Path(__file__).resolve().parent / "ui" / "app.py"
# A product's chrome in every serving mode, whatever the working directory's `.streamlit`
# folder says: no toolbar, Deploy button or developer menu, no tracebacks, no usage stats.
UI_OPTIONS: dict[str, object] = {
    "client.toolbarMode": "minimal",
    "client.showErrorDetails": "none",
    "browser.gatherUsageStats": False,
    "server.runOnSave": False,
    # Captions are this colour at 60 % opacity: #0e1117 keeps them above WCAG's 4.5:1 on white.
    "theme.base": "light",
    "theme.textColor": "#0e1117",
    "theme.primaryColor": "#b8400c",  # 5.6:1 on white, so selected controls stay readable
}


@asynccontextmanager
async def _lifespan(_app: Any) -> AsyncIterator[dict[str, Any]]:
    # Streamlit prints an access line per request; the platform's own JSON logs are enough.
    logging.getLogger("uvicorn.access").disabled = True
    async with worker.lifespan(_app):
        yield {}


def _configure() -> None:
    settings = get_settings()
    configure_logging(settings, error_sink=system.record_error_event)
    for warning in startup_warnings(settings):
        log.warning("startup.unsafe_setting", detail=warning)


def build_api() -> Any:
    """The API alone (``runseason serve api``), with its unexpected errors kept for admins."""
    _configure()
    return create_app()


def build_app() -> Any:
    """The Streamlit app with the API mounted under ``/api``."""
    _configure()
    api = create_app(prefix="/v1")
    app = st.App(str(UI_SCRIPT), routes=[Mount("/api", app=api)], lifespan=_lifespan)
    for key, value in UI_OPTIONS.items():
        st_config.set_option(key, value, where_defined="runseason.server")
    return app
