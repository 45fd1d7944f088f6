"""The portfolio over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.factories import World

Headers = dict[str, dict[str, str]]


@pytest.fixture(autouse=True)
def _joined_last_year(db: Session, world: World) -> None:
    """The characters joined before the test clock's season began."""
    for athlete in (world.greta, world.sam, world.riley, world.ramp):
        athlete.created_at = datetime(2025, 6, 1, tzinfo=UTC)
    db.flush()


def test_a_coach_reads_this_seasons_portfolio(
    client: TestClient, headers: Headers, world: World
) -> None:
    read = client.get("/api/v1/portfolio", headers=headers["cole"])
    assert read.status_code == 200, read.text
    body = read.json()
    assert body["athletes"] == 2
    assert body["adherence"] is None  # nothing planned yet: no rate, not a zero


def test_an_admin_names_a_coach_and_others_are_refused(
    client: TestClient, headers: Headers, world: World
) -> None:
    one = client.get(
        "/api/v1/portfolio", params={"coach_id": world.asha.id}, headers=headers["ada"]
    )
    assert one.status_code == 200, one.text
    assert one.json()["athletes"] == 2
    refused = client.get(
        "/api/v1/portfolio", params={"coach_id": world.asha.id}, headers=headers["cole"]
    )
    assert refused.status_code == 422
    assert "coach_id" in refused.text
    assert client.get("/api/v1/portfolio", headers=headers["greta"]).status_code == 403
    bad = client.get("/api/v1/portfolio", params={"season": "next"}, headers=headers["cole"])
    assert bad.status_code == 422
    assert "season" in bad.text
