"""The briefing over HTTP: targets as labelled words, heat and altitude, the dew-point refusal."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import CheckIn
from tests.factories import World
from tests.services.test_briefing import EASY, VO2, fit, plan_today

INTERNAL = re.compile(r"pace_s_per_km|\brpe\b|warmup_s|cooldown_s|duration_s\"\s*:\s*\{")
MORNING = {"sleep_quality": 4, "energy": 4, "recovery": 4, "stress": 4}


def post(client: TestClient, headers: dict[str, str], athlete_id: int, **values: object):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/athletes/{athlete_id}/checkins", json={**MORNING, **values}, headers=headers
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"temperature_c": 20.0, "dew_point_c": 25.0}, "dew_point_c: "),
        ({"dew_point_c": 10.0}, "dew_point_c: "),
    ],
)
def test_a_dew_point_above_the_temperature_is_refused_naming_the_field(
    client: TestClient,
    headers: dict[str, dict[str, str]],
    world: World,
    db: Session,
    values: dict[str, float],
    message: str,
) -> None:
    answer = post(client, headers["greta"], world.greta.id, **values)
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "invalid_input"
    assert message in body["detail"]
    assert "dew point" in body["detail"]
    stored = db.scalar(select(func.count()).where(CheckIn.athlete_id == world.greta.id))
    assert stored == 0  # nothing written


def test_the_check_in_answer_carries_heat_adjusted_targets_in_words(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    fit(db, world.greta)
    plan_today(db, world.greta, EASY)
    answer = post(client, headers["greta"], world.greta.id, temperature_c=30, dew_point_c=22)
    assert answer.status_code == 201, answer.text
    brief = answer.json()["briefing"]
    assert brief["decision"] == "go"
    assert brief["adjustments"] == ["Heat (30 °C with a dew point of 22 °C): paces 5.7% slower."]
    targets = {t["label"]: t["text"] for t in brief["targets"]}
    assert re.fullmatch(r"\d:\d\d–\d:\d\d /km", targets["Pace"])
    assert targets["Heart rate"] == "141–147 bpm"
    assert INTERNAL.search(json.dumps(brief)) is None


def test_home_altitude_set_on_the_profile_reaches_the_briefing_in_feet(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    fit(db, world.greta, "mi")
    plan_today(db, world.greta, VO2)
    url = f"/api/v1/athletes/{world.greta.id}"
    patched = client.patch(url, json={"home_altitude_m": 1750}, headers=headers["cole"])
    assert patched.status_code == 200, patched.text
    assert patched.json()["home_altitude_m"] == 1750
    brief = client.get(f"{url}/briefing", headers=headers["greta"]).json()
    assert brief["adjustments"] == ["Altitude 5,741 ft: paces 6.2% slower."]
    assert brief["decision_label"] == "Check in first"
    labels = [t["label"] for t in brief["targets"]]
    assert labels == ["Warm-up", "Main set", "Pace", "Heart rate", "Effort", "Cool-down"]
    assert brief["targets"][2]["text"].endswith("/mi (interval pace)")


def test_a_home_altitude_out_of_range_is_refused(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    url = f"/api/v1/athletes/{world.greta.id}"
    answer = client.patch(url, json={"home_altitude_m": 9000}, headers=headers["cole"])
    assert answer.status_code == 422
    assert "home_altitude_m" in answer.json()["detail"]


def test_without_a_check_in_the_briefing_asks_for_one(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    answer = client.get(f"/api/v1/athletes/{world.greta.id}/briefing", headers=headers["greta"])
    assert answer.status_code == 200, answer.text
    assert answer.json()["readiness_score"] is None
    foreign = client.get(f"/api/v1/athletes/{world.greta.id}/briefing", headers=headers["otto"])
    assert foreign.status_code == 404
