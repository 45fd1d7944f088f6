"""The platform in one process: the web app with the API mounted beside it."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from runseason.server import UI_SCRIPT, build_app


def test_the_api_answers_under_the_web_app_s_origin(db: Session) -> None:
    app = build_app()
    assert Path(app.script_path) == UI_SCRIPT
    with TestClient(app) as client:
        answer = client.get("/api/v1/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}
