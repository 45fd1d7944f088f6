"""Workout files over HTTP: a FIT file the decoder reads back, a ZWO file, and the refusals."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.exports.test_fit_workout import read_fit
from tests.factories import World
from tests.services.test_workouts import greta_plan


def test_an_athlete_downloads_a_session_for_the_watch_and_the_treadmill(
    client: TestClient, headers: dict[str, dict[str, str]], db: Session, world: World
) -> None:
    row = next(r for r in greta_plan(db, world) if r.is_hard)
    url = f"/api/v1/planned-sessions/{row.id}/workout"
    fit = client.get(url, headers=headers["greta"])
    assert fit.status_code == 200, fit.text
    assert fit.headers["content-type"] == "application/vnd.ant.fit"
    assert "attachment" in fit.headers["content-disposition"]
    messages = read_fit(fit.content)
    assert messages["workout"][0]["sport"] == "running"
    assert len(messages["workout_step"]) >= 2
    zwo = client.get(url, params={"format": "zwo"}, headers=headers["greta"])
    assert zwo.status_code == 200
    assert ET.fromstring(zwo.content).tag == "workout_file"


def test_unknown_formats_and_other_tenants_are_refused(
    client: TestClient, headers: dict[str, dict[str, str]], db: Session, world: World
) -> None:
    row = greta_plan(db, world)[0]
    url = f"/api/v1/planned-sessions/{row.id}/workout"
    bad = client.get(url, params={"format": "tcx"}, headers=headers["greta"])
    assert bad.status_code == 422
    assert "format" in bad.text
    assert client.get(url, headers=headers["otto"]).status_code == 404
