"""The platform in one process: the web app with the API mounted beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from streamlit import config as st_config

from runseason.server import UI_SCRIPT, build_app


def test_the_api_answers_under_the_web_app_s_origin(db: Session) -> None:
    app = build_app()
    assert Path(app.script_path) == UI_SCRIPT
    with TestClient(app) as client:
        answer = client.get("/api/v1/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_the_web_app_hides_streamlit_s_developer_chrome_wherever_it_starts(
    db: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no `.streamlit` folder here: the server's own options count
    st_config.set_option("client.toolbarMode", "developer")
    build_app()
    assert st_config.get_option("client.toolbarMode") == "minimal"
    assert st_config.get_option("client.showErrorDetails") == "none"
