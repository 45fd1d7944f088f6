"""The athlete's day over HTTP: refused sessions, marked days, adherence, race day, load trends
and the whole timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.api.conftest import Clock, login
from tests.factories import NOW, World
from tests.services.coaching_days import riley_red_patch
from tests.services.test_activity_import import gpx_run

TODAY = NOW.date()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"duration_s": 900, "distance_m": 10_000}, "Distance and duration"),
        (
            {"duration_s": 13_000, "distance_m": 10_000, "sport": "treadmill"},
            "Distance and duration",
        ),
        ({"duration_s": 40_000, "distance_m": 305_000, "sport": "bike"}, "Distance: 305.00 km"),
        ({"duration_s": 49 * 3600, "sport": "hike"}, "Duration: 49:00:00"),
        ({"duration_s": 3000, "avg_hr": 260}, "avg_hr"),
        ({"duration_s": 3000, "max_hr": 20}, "max_hr"),
    ],
)
def test_implausible_sessions_are_refused_naming_the_field(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, body: dict, field: str
) -> None:
    sent = {"local_date": TODAY.isoformat(), "rpe": 5, **body}
    response = client.post(
        f"/api/v1/athletes/{world.greta.id}/logs", json=sent, headers=headers["greta"]
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "invalid_input"
    assert field in response.json()["detail"]
    listed = client.get(f"/api/v1/athletes/{world.greta.id}/logs", headers=headers["greta"])
    assert listed.json()["total"] == 0


def test_only_a_coach_confirms_an_unusual_session(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    sent = {
        "local_date": TODAY.isoformat(),
        "duration_s": 800,
        "distance_m": 10_000,
        "confirm_unusual": True,
    }
    url = f"/api/v1/athletes/{world.greta.id}/logs"
    assert client.post(url, json=sent, headers=headers["greta"]).status_code == 403
    confirmed = client.post(url, json=sent, headers=headers["cole"])
    assert confirmed.status_code == 201, confirmed.text
    assert confirmed.json()["load_details"]["unusual_confirmed"] == "distance_m"


def test_a_bike_ride_is_scored_by_rpe_and_counted_at_its_factor(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    client.patch(
        f"/api/v1/athletes/{world.greta.id}",
        json={"hr_rest": 50, "hr_max": 190, "lthr": 170},
        headers=headers["cole"],
    )
    sent = {"local_date": TODAY.isoformat(), "duration_s": 3600, "rpe": 6, "avg_hr": 150}
    ride = client.post(
        f"/api/v1/athletes/{world.greta.id}/logs",
        json={**sent, "sport": "bike"},
        headers=headers["greta"],
    ).json()
    assert ride["load_model"] == "rpe"
    assert ride["load"] == pytest.approx(360 / 4.5 * 0.7)


def test_marking_listing_and_removing_days(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    url = f"/api/v1/athletes/{world.greta.id}/day-exceptions"
    body = {"kind": "sick", "start_date": (TODAY - timedelta(days=2)).isoformat()}
    made = client.post(url, json={**body, "end_date": TODAY.isoformat()}, headers=headers["greta"])
    assert made.status_code == 201, made.text
    again = client.post(url, json=body, headers=headers["cole"])
    assert again.status_code == 409
    wrong = client.post(
        url,
        json={**body, "end_date": (TODAY - timedelta(days=5)).isoformat()},
        headers=headers["cole"],
    )
    assert wrong.status_code == 422
    assert "end_date" in wrong.json()["detail"]
    assert client.get(url, headers=headers["otto"]).status_code == 404
    listed = client.get(url, headers=headers["cole"]).json()
    assert [d["kind"] for d in listed] == ["sick"]
    gone = client.delete(f"/api/v1/day-exceptions/{made.json()['id']}", headers=headers["cole"])
    assert gone.status_code == 204
    assert client.get(url, headers=headers["cole"]).json() == []


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


def test_the_timeline_pages_and_filters_the_whole_story(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    riley_red_patch(db, world)
    url = f"/api/v1/athletes/{world.riley.id}/timeline"
    whole = client.get(url, params={"page_size": 100}, headers=headers["asha"]).json()
    kinds = {e["kind"] for e in whole["items"]}
    assert {"checkin", "recommendation", "intervention"} <= kinds
    only = client.get(
        url, params=[("kind", "checkin"), ("page_size", 2)], headers=headers["asha"]
    ).json()
    assert only["total"] == 3
    assert len(only["items"]) == 2
    assert {e["label"] for e in only["items"]} == {"Check-in"}
    bad = client.get(url, params={"kind": "gossip"}, headers=headers["asha"])
    assert bad.status_code == 422
    assert client.get(url, headers=headers["riley"]).status_code == 403


def test_an_implausible_file_is_refused_unless_a_coach_confirms_it(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    content = gpx_run(seconds=60, metres_per_point=1000)  # 10 km in 10 minutes
    url = f"/api/v1/athletes/{world.greta.id}/logs/upload"
    files = {"file": ("fast.gpx", content, "application/gpx+xml")}
    refused = client.post(url, files=files, headers=headers["greta"])
    assert refused.status_code == 422
    assert "Distance and duration" in refused.json()["detail"]
    confirmed = client.post(
        url, files=files, data={"confirm_unusual": "true"}, headers=headers["cole"]
    )
    assert confirmed.status_code == 201, confirmed.text
