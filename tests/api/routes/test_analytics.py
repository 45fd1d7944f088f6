"""Load history, race predictions and being on track over HTTP."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.factories import NOW, World

TODAY = NOW.date()
Headers = dict[str, dict[str, str]]


def test_the_load_history_covers_the_window_asked_for(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/load-history"
    history = client.get(path, params={"days": 14}, headers=headers["cole"])
    assert history.status_code == 200, history.text
    assert "not a validated injury predictor" in history.json()["caution"]
    assert client.get(path, params={"days": 3}, headers=headers["cole"]).status_code == 422


def test_a_prediction_follows_a_logged_race(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/prediction"
    assert client.get(path, headers=headers["cole"]).json() is None
    race = {
        "local_date": NOW.date().isoformat(),
        "duration_s": 1200,
        "distance_m": 5000,
        "kind": "race",
    }
    logged = client.post(
        f"/api/v1/athletes/{world.greta.id}/logs", json=race, headers=headers["cole"]
    )
    assert logged.status_code == 201, logged.text
    predicted = client.get(path, params={"distance_m": 10000}, headers=headers["cole"]).json()
    assert predicted["low_s"] < predicted["high_s"]


def test_the_organization_week_by_week_for_an_admin_and_a_coach(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = "/api/v1/analytics/distributions"
    read = client.get(path, params={"weeks": 4}, headers=headers["ada"])
    assert read.status_code == 200, read.text
    assert set(read.json()) == {"weeks", "readiness", "risk", "adherence", "load"}
    refused = client.get(path, params={"coach_id": world.asha.id}, headers=headers["cole"])
    assert refused.status_code == 422
    assert "coach_id" in refused.text
    assert client.get(path, params={"weeks": 0}, headers=headers["ada"]).status_code == 422
    assert client.get(path, headers=headers["greta"]).status_code == 403


def test_on_track_and_the_load_trends(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    url = f"/api/v1/athletes/{world.greta.id}/on-track"
    assert client.get(url, headers=headers["cole"]).json() is None
    client.patch(f"/api/v1/athletes/{world.greta.id}", json={"vdot": 48}, headers=headers["cole"])
    client.post(
        f"/api/v1/athletes/{world.greta.id}/plans",
        json={
            "race_distance_m": 10_000,
            "race_date": (TODAY + timedelta(weeks=12)).isoformat(),
            "goal_time_s": 2400,
        },
        headers=headers["cole"],
    )
    projected = client.get(url, headers=headers["greta"])
    assert projected.status_code == 200, projected.text
    body = projected.json()
    assert body["fast_s"] <= body["slow_s"]
    assert body["goal_time_s"] == 2400
    assert body["verdict"] in {"on track", "within reach", "behind"}
    assert client.get(url, headers=headers["otto"]).status_code == 404
    client.post(
        f"/api/v1/athletes/{world.greta.id}/logs",
        json={"local_date": TODAY.isoformat(), "duration_s": 3000, "rpe": 5},
        headers=headers["greta"],
    )
    history = client.get(
        f"/api/v1/athletes/{world.greta.id}/load-history", headers=headers["cole"]
    ).json()
    last = history["days"][-1]
    assert {"ramp", "strain", "acwr_uncoupled"} <= set(last)


def test_the_load_history_carries_the_plan_projected_to_race_day(
    client: TestClient, headers: Headers, world: World
) -> None:
    race = NOW.date() + timedelta(weeks=12)
    coach = headers["asha"]
    goal = client.post(
        f"/api/v1/athletes/{world.riley.id}/goals",
        json={"name": "Lakeside half", "distance_m": 21097.5, "race_date": race.isoformat()},
        headers=coach,
    ).json()
    built = client.post(
        f"/api/v1/athletes/{world.riley.id}/plans", json={"goal_id": goal["id"]}, headers=coach
    )
    assert built.status_code == 201, built.text
    path = f"/api/v1/athletes/{world.riley.id}/load-history"
    read = client.get(path, params={"days": 14}, headers=coach).json()
    assert (read["race_day"], read["race_name"]) == (race.isoformat(), "Lakeside half")
    projected = read["projection"]
    assert date.fromisoformat(projected[-1]["day"]) == race
    assert sum(d["planned_load"] for d in projected) > 0
    assert projected[-1]["ctl"] > 0
    assert set(projected[0]) == {"day", "planned_load", "ctl", "atl", "form"}
