"""Plans over HTTP: build one, move a session, and find the move in the plan's history."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.factories import NOW, World


def test_moving_a_session_is_versioned(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    race = (NOW.date() + timedelta(weeks=16)).isoformat()
    built = client.post(
        f"/api/v1/athletes/{world.riley.id}/plans",
        json={"race_distance_m": 21097.5, "race_date": race},
        headers=headers["asha"],
    )
    assert built.status_code == 201, built.text
    plan = built.json()
    first = next(s for s in plan["sessions"] if s["status"] == "planned")
    new_day = (date.fromisoformat(first["scheduled_date"]) + timedelta(days=1)).isoformat()
    moved = client.patch(
        f"/api/v1/planned-sessions/{first['id']}",
        json={"scheduled_date": new_day, "reason": "travel"},
        headers=headers["asha"],
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["version"] == plan["version"] + 1
    history = client.get(f"/api/v1/plans/{plan['id']}/revisions", headers=headers["asha"]).json()
    assert history[-1]["reason"] == "travel"
    change = history[-1]["snapshot"]["changes"][0]
    assert change["after"]["scheduled_date"] == new_day
    refused = client.patch(
        f"/api/v1/planned-sessions/{first['id']}",
        json={"scheduled_date": "2031-01-01"},
        headers=headers["asha"],
    )
    assert refused.status_code == 422


def test_goals_change_and_delete_over_http_keeping_the_plans_link(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    race = (NOW.date() + timedelta(weeks=16)).isoformat()
    coach = headers["asha"]
    made = client.post(
        f"/api/v1/athletes/{world.riley.id}/goals",
        json={"name": "Lakeside half", "distance_m": 21097.5, "race_date": race},
        headers=coach,
    )
    assert made.status_code == 201, made.text
    goal = made.json()
    plan = client.post(
        f"/api/v1/athletes/{world.riley.id}/plans", json={"goal_id": goal["id"]}, headers=coach
    ).json()
    changed = client.patch(
        f"/api/v1/goals/{goal['id']}",
        json={"name": "Lakeside half marathon", "target_time_s": 6300},
        headers=coach,
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["name"] == "Lakeside half marathon"
    assert changed.json()["target_time_s"] == 6300
    past = client.patch(
        f"/api/v1/goals/{goal['id']}", json={"race_date": "2020-01-01"}, headers=coach
    )
    assert past.status_code == 422
    assert past.json() == {
        "error": "invalid_input",
        "detail": "The race date must be in the future.",
    }
    refused = client.delete(f"/api/v1/goals/{goal['id']}", headers=coach)
    assert refused.status_code == 409
    assert refused.json()["error"] == "conflict"
    assert "active plan" in refused.json()["detail"]
    linked = client.get(f"/api/v1/plans/{plan['id']}", headers=coach).json()
    assert linked["goal_id"] == goal["id"]
    spare = client.post(
        f"/api/v1/athletes/{world.riley.id}/goals",
        json={"name": "Parkrun", "distance_m": 5000, "race_date": race, "priority": "C"},
        headers=coach,
    ).json()
    assert client.delete(f"/api/v1/goals/{spare['id']}", headers=coach).status_code == 204
    names = [
        g["name"]
        for g in client.get(f"/api/v1/athletes/{world.riley.id}/goals", headers=coach).json()[
            "items"
        ]
    ]
    assert names == ["Lakeside half marathon"]


def test_a_plan_over_http_keeps_days_away_free_and_carries_its_warnings(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    monday = NOW.date() + timedelta(days=7 - NOW.date().weekday())
    away = [(monday + timedelta(weeks=2, days=i)).isoformat() for i in range(7)]
    built = client.post(
        f"/api/v1/athletes/{world.riley.id}/plans",
        json={
            "race_distance_m": 42195,
            "race_date": (monday + timedelta(weeks=17, days=6)).isoformat(),
            "start_date": monday.isoformat(),
            "current_weekly_distance_m": 60000,
            "available_weekdays": [1, 3, 6],
            "unavailable_dates": away,
        },
        headers=headers["asha"],
    )
    assert built.status_code == 201, built.text
    plan = built.json()
    assert plan["unavailable_dates"] == away
    assert not {s["scheduled_date"] for s in plan["sessions"]} & set(away)
    assert any("cannot hold the planned volume" in w for w in plan["warnings"])
    travel = [(monday + timedelta(weeks=5, days=i)).isoformat() for i in (1, 3)]
    again = client.post(
        f"/api/v1/plans/{plan['id']}/regenerate",
        json={"from_date": monday.isoformat(), "unavailable_dates": travel},
        headers=headers["asha"],
    )
    assert again.status_code == 200, again.text
    assert again.json()["unavailable_dates"] == travel
    assert not {s["scheduled_date"] for s in again.json()["sessions"]} & set(travel)
    bad = client.post(
        f"/api/v1/athletes/{world.riley.id}/plans",
        json={"race_distance_m": 10000, "race_date": "2027-05-01", "unavailable_dates": ["soon"]},
        headers=headers["asha"],
    )
    assert bad.status_code == 422
    assert "unavailable_dates" in bad.text


def test_a_change_on_a_stale_plan_version_gets_409_and_writes_nothing(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    race = (NOW.date() + timedelta(weeks=16)).isoformat()
    coach = headers["asha"]
    built = client.post(
        f"/api/v1/athletes/{world.riley.id}/plans",
        json={"race_distance_m": 21097.5, "race_date": race},
        headers=coach,
    ).json()
    opened = client.get(f"/api/v1/plans/{built['id']}", headers=coach)
    etag = opened.headers["etag"]
    assert etag == f'"{built["version"]}"'
    first = next(s for s in built["sessions"] if s["status"] == "planned")
    url = f"/api/v1/planned-sessions/{first['id']}"
    mine = client.patch(url, json={"title": "Hill repeats"}, headers={**coach, "If-Match": etag})
    assert mine.status_code == 200, mine.text
    assert mine.headers["etag"] == f'"{built["version"] + 1}"'
    theirs = client.patch(url, json={"title": "Flat tempo"}, headers={**coach, "If-Match": etag})
    assert theirs.status_code == 409
    assert theirs.json()["error"] == "conflict"
    assert f"version {built['version'] + 1}" in theirs.json()["detail"]
    in_body = client.patch(
        url, json={"title": "Flat tempo", "plan_version": built["version"]}, headers=coach
    )
    assert in_body.status_code == 409
    now = client.get(f"/api/v1/plans/{built['id']}", headers=coach).json()
    assert now["version"] == built["version"] + 1
    assert next(s for s in now["sessions"] if s["id"] == first["id"])["title"] == "Hill repeats"
    history = client.get(f"/api/v1/plans/{built['id']}/revisions", headers=coach).json()
    assert len(history) == 2
    garbled = client.patch(url, json={"title": "X"}, headers={**coach, "If-Match": "soon"})
    assert garbled.status_code == 422
    assert "If-Match" in garbled.json()["detail"]


def test_a_new_plan_over_an_active_one_gets_409_naming_it_unless_asked_to_replace(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    path = f"/api/v1/athletes/{world.riley.id}/plans"
    race = (NOW.date() + timedelta(weeks=16)).isoformat()
    first = client.post(
        path,
        json={"race_distance_m": 10000, "race_date": race, "name": "Autumn 10K"},
        headers=headers["asha"],
    )
    assert first.status_code == 201, first.text
    asked = {"race_distance_m": 5000, "race_date": race}
    refused = client.post(path, json=asked, headers=headers["asha"])
    assert refused.status_code == 409
    assert refused.json()["error"] == "conflict"
    assert '"Autumn 10K"' in refused.json()["detail"]
    assert f"id {first.json()['id']}" in refused.json()["detail"]
    assert "replace_active" in refused.json()["detail"]
    active = client.get(f"/api/v1/athletes/{world.riley.id}/plan", headers=headers["asha"])
    assert active.json()["id"] == first.json()["id"]

    replaced = client.post(path, json={**asked, "replace_active": True}, headers=headers["asha"])
    assert replaced.status_code == 201, replaced.text
    active = client.get(f"/api/v1/athletes/{world.riley.id}/plan", headers=headers["asha"])
    assert active.json()["id"] == replaced.json()["id"]
