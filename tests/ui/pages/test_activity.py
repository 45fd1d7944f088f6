"""Activity: one imported session in depth, for the athlete and the coach."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.orm import Session

from runseason.schemas.accounts import AthleteUpdate
from runseason.services.activity_import import import_activity
from runseason.services.identity import users
from tests.factories import NOW, World, actor
from tests.parsers.conftest import read
from tests.ui.conftest import Open, text_of

FIT_DAY_NOW = datetime(2017, 6, 12, 12, tzinfo=NOW.tzinfo)


def _imported(db: Session, world: World) -> int:
    coach = actor(db, world.cole)
    users.update_athlete(
        db, coach, world.greta.id, AthleteUpdate(lthr=170, vdot=50, hr_rest=50, hr_max=190)
    )
    content = read("activity-small-fenix2-run.fit")
    return import_activity(db, coach, world.greta.id, "run.fit", content, now=FIT_DAY_NOW).id


def _chart_titles(at: object) -> list[str]:
    titles = []
    for chart in at.get("vega_lite_chart"):  # type: ignore[attr-defined]
        spec = json.loads(chart.proto.spec)
        for panel in spec.get("vconcat", [spec]):
            title = panel.get("title") or panel.get("encoding", {}).get("y", {}).get("title")
            titles.append(str(title))
    return titles


def test_the_athlete_sees_traces_splits_laps_and_zones(
    open_page: Open, world: World, db: Session
) -> None:
    _imported(db, world)
    at = open_page(world.user_of(world.greta, db), "activity")
    text = text_of(at)
    assert "Splits per kilometre" in text
    assert "Laps" in text
    assert "Route" in text
    assert "Running stress" not in text  # no threshold pace: the heart-rate trace scored it
    assert "Heart-rate stress (TRIMP) from the recorded heart-rate trace" in text
    titles = _chart_titles(at)
    assert {"Pace (min/km)", "Heart rate (bpm)", "Elevation (m)"} <= set(titles)
    assert "Time in heart-rate zones" in titles
    assert "Time in pace zones (grade-adjusted)" in titles
    splits = at.dataframe[0].value
    assert list(splits["Distance"][:2]) == ["1.00 km", "1.00 km"]
    assert all(":" in pace and pace.endswith("/km") for pace in splits["Pace"][:9])
    assert all(hr.endswith(" bpm") for hr in splits["Heart rate"][:9])
    assert "_" not in " ".join(titles)


def test_the_coach_opens_an_athletes_session_from_the_url(
    open_page: Open, world: World, db: Session
) -> None:
    log_id = _imported(db, world)
    at = open_page(world.cole, None)
    at.query_params["athlete"] = str(world.greta.id)
    at.query_params["activity"] = str(log_id)
    at.switch_page("pages/activity.py")
    at.run()
    assert not at.exception
    assert at.selectbox[0].value == world.greta.id
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Distance"] == "9.01 km"
    assert metrics["Average heart rate"].endswith(" bpm")


def test_a_session_logged_by_hand_says_there_is_nothing_to_chart(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.user_of(world.riley, db), "log")
    next(b for b in at.button if b.label == "Save session").click()
    at.run()
    at.switch_page("pages/activity.py")
    at.run()
    assert "no recorded samples" in text_of(at)


def test_the_coach_accepts_a_suggested_vdot_and_ignores_the_threshold(
    open_page: Open, world: World, db: Session
) -> None:
    log_id = _imported(db, world)  # the profile has VDOT 50, LTHR 170, HRmax 190
    coach = actor(db, world.cole)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(vdot=35, lthr=150))
    at = open_page(world.cole, None)
    at.query_params["athlete"] = str(world.greta.id)
    at.query_params["activity"] = str(log_id)
    at.switch_page("pages/activity.py")
    at.run()
    text = text_of(at)
    assert "What the recorded sessions suggest" in text
    assert "VDOT from a best effort" in text
    assert "(now 35.0), from the best 5 km in" in text
    at.button(key=f"accept-vdot-{log_id}").click().run()
    at.button(key=f"ignore-lthr-{log_id}").click().run()
    assert not at.exception
    db.refresh(world.greta)
    assert world.greta.vdot is not None
    assert world.greta.vdot > 35
    assert world.greta.lthr == 150
    assert "VDOT from a best effort" not in text_of(at)
    assert "Threshold heart rate" not in text_of(at)
