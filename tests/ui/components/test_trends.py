"""The long view on Progress (athlete) and on the coach's athlete page."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy.orm import Session

from runseason.schemas.training import TrainingLogCreate
from runseason.services import training
from tests.factories import NOW, World, actor
from tests.ui.conftest import Open, text_of


def _races(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    for back, seconds, title in ((200, 1290, "Spring 5K"), (30, 1245, "Parkrun")):
        data = TrainingLogCreate(
            local_date=NOW.date() - timedelta(days=back),
            duration_s=seconds,
            distance_m=5000.0,
            kind="race",
            title=title,
        )
        training.log_session(db, coach, world.greta.id, data, now=NOW)


def test_the_athlete_sees_their_vdot_chart_races_and_personal_bests(
    open_page: Open, world: World, db: Session
) -> None:
    _races(db, world)
    at = open_page(world.user_of(world.greta, db), "progress")
    assert not at.exception
    text = text_of(at)
    assert "The long view" in text
    assert "VDOT" in text
    bests = next(d.value for d in at.dataframe if "Previous best" in list(d.value.columns))
    assert list(bests["Time"]) == ["20:45", "21:30"]
    assert list(bests["Previous best"]) == ["21:30", "first"]
    races = next(d.value for d in at.dataframe if "Race" in list(d.value.columns))
    assert list(races["Race"]) == ["Parkrun", "Spring 5K"]
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    titles = [s["encoding"]["y"].get("title") for s in specs if "y" in s.get("encoding", {})]
    assert {"VDOT", "Threshold pace"} <= set(titles)


def test_the_coach_reads_the_long_view_by_year(open_page: Open, world: World, db: Session) -> None:
    _races(db, world)
    at = open_page(world.cole, "athlete")
    assert not at.exception
    by = next(s for s in at.get("button_group") if "Trends by" in str(s.proto.label))
    by.set_value("year").run()  # type: ignore[attr-defined]
    assert not at.exception
    behind = next(d.value for d in at.dataframe if "Record" in list(d.value.columns))
    assert str(NOW.year) in set(behind["Period"]) | {str(NOW.year - 1)}
    assert any(r.startswith("Parkrun: 5 km in 20:45") for r in behind["Record"])


def test_an_athlete_without_history_is_told_so(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), "progress")
    assert not at.exception
    assert "No races, time trials, runs or morning readings in this window yet." in text_of(at)
