"""Adherence over HTTP: missed sessions are red, and days marked later excuse them."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.api.conftest import Clock, login
from tests.factories import NOW, World

TODAY = NOW.date()


def test_adherence_excuses_the_marked_days(
    client: TestClient,
    headers: dict[str, dict[str, str]],
    world: World,
    clock: Clock,
    db: Session,
) -> None:
    race = (TODAY + timedelta(weeks=14)).isoformat()
    plan = client.post(
        f"/api/v1/athletes/{world.greta.id}/plans",
        json={"race_distance_m": 10_000, "race_date": race},
        headers=headers["cole"],
    ).json()
    week = [
        s
        for s in plan["sessions"]
        if s["scheduled_date"] < (TODAY + timedelta(days=7)).isoformat() and s["role"] != "rest"
    ]
    clock.moment = NOW + timedelta(days=8)  # a week later: sign in again
    cole = login(client, world.cole.email)
    greta = login(client, world.user_of(world.greta, db).email)
    url = f"/api/v1/athletes/{world.greta.id}/adherence?weeks=3"
    before = client.get(url, headers=cole).json()
    missed = [s for w in before["weeks"] for s in w["sessions"] if s["status"] == "missed"]
    assert len(missed) >= len(week) > 0
    assert all(s["band"] == "red" for s in missed)
    client.post(
        f"/api/v1/athletes/{world.greta.id}/day-exceptions",
        json={
            "kind": "travelling",
            "start_date": TODAY.isoformat(),
            "end_date": (TODAY + timedelta(days=6)).isoformat(),
        },
        headers=greta,
    )
    after = client.get(url, headers=greta).json()
    excused = [s for w in after["weeks"] for s in w["sessions"] if s["status"] == "excused"]
    assert {s["planned_session_id"] for s in excused} >= {s["id"] for s in week}
    assert all(s["excused_by"] == "travelling" and s["band"] is None for s in excused)
    assert [e["kind"] for e in after["exceptions"]] == ["travelling"]
