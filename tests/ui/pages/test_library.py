"""Coach · Session library: write a workout and see it for an athlete; browse, clone, edit."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import Athlete, SessionTemplate
from runseason.domain.session_shape import Zones, shape_of
from runseason.domain.units import format_distance, format_duration, pace_in
from runseason.domain.workout import heart_rate_bounds, pace_bounds, workout_of, workout_totals
from runseason.schemas.accounts import AthleteUpdate
from runseason.services.briefing import athlete_zones
from runseason.services.identity import users
from runseason.services.plans import library
from tests.factories import World, actor
from tests.ui.conftest import Open, button_of, text_of


def test_renders_for_a_coach(open_page: Open, world: World) -> None:
    at = open_page(world.asha, "library")
    assert at.title


def test_the_coach_clones_a_template_and_edits_the_copy(
    open_page: Open, world: World, db: Session
) -> None:
    library.sync_builtin_library(db)
    at = open_page(world.asha, "library")
    next(b for b in at.button if b.label == "Clone into our library to adapt").click()
    at.run()
    assert not at.exception
    assert any("Cloned as" in s.value for s in at.success)
    copy = db.scalar(
        select(SessionTemplate).where(SessionTemplate.organization_id == world.north.id)
    )
    assert copy is not None
    at.text_input[0].set_value(copy.name)  # search: the built-in one and our copy
    at.run()
    name_box = next(t for t in at.text_input if t.label == "Name")
    name_box.set_value("Our tempo")
    button_of(at, "Save changes").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    db.refresh(copy)
    assert copy.name == "Our tempo"


def _athlete_ready(db: Session, world: World, unit: str = "km") -> Zones:
    """Riley (Asha's athlete) with a VDOT, a threshold heart rate and a unit; their zones."""
    coach = actor(db, world.asha)
    update = AthleteUpdate(vdot=50, lthr=170, hr_max=195, hr_rest=48, unit_preference=unit)
    users.update_athlete(db, coach, world.riley.id, update)
    athlete = db.get(Athlete, world.riley.id)
    assert athlete is not None
    return athlete_zones(athlete)


def _writing(open_page: Open, world: World) -> AppTest:
    at = open_page(world.asha, "library")
    resolve = next(s for s in at.selectbox if s.label == "Resolve for")
    resolve.set_value(world.riley.id).run()
    assert not at.exception
    return at


def _box(at: AppTest, label: str) -> Any:
    return next(t for t in at.text_input if t.label == label)


def _preview(at: AppTest) -> pd.DataFrame:
    frame: pd.DataFrame = at.dataframe[-1].value
    return frame


def _pace(bounds: tuple[float, float], unit: str) -> str:
    slow, fast = (format_duration(pace_in(v, unit)) for v in bounds)  # type: ignore[arg-type]
    return f"{fast}–{slow} /{unit}"


def test_the_default_workout_is_resolved_with_the_athletes_own_paces_and_heart_rates(
    open_page: Open, world: World, db: Session
) -> None:
    zones = _athlete_ready(db, world)
    at = _writing(open_page, world)
    rows = _preview(at)
    assert list(rows["Step"]) == ["Warm-up", "6 × Interval pace", "6 × Easy jog", "Cool-down"]
    work = rows.iloc[1]
    assert work["Planned"] == "800 m"
    assert work["Target"] == _pace(pace_bounds("I", zones), "km")  # type: ignore[arg-type]
    low, high = heart_rate_bounds("I", zones)  # type: ignore[misc]
    assert work["Heart rate"] == f"{low}–{high} bpm"
    assert rows.iloc[2]["Planned"] == "1:30"
    # the watch export's own steps and totals, for the same structure
    structure = {
        "warmup_s": 900,
        "steps": [
            {
                "repeat": 6,
                "work": {"distance_m": 800, "zone": "I"},
                "recover": {"duration_s": 90, "zone": "jog"},
            }
        ],
        "cooldown_s": 600,
    }
    seconds, metres = workout_totals(workout_of("x", shape_of(structure, "", 0), zones), zones)
    assert seconds is not None
    assert metres is not None
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Total time": format_duration(seconds),
        "Total distance": format_distance(metres, "km"),
    }
    text = text_of(at) + rows.to_string()
    assert "_" not in text.replace("wk-", "")


def test_a_miler_sees_paces_per_mile_and_a_heart_rate_target_in_bpm(
    open_page: Open, world: World, db: Session
) -> None:
    zones = _athlete_ready(db, world, unit="mi")
    at = _writing(open_page, world)
    target = next(s for s in at.selectbox if s.label == "Target")
    target.set_value("heart_rate").run()
    _box(at, "Work (time or distance)").set_value("3 min").run()
    assert not at.exception
    rows = _preview(at)
    work = rows.iloc[1]
    low, high = heart_rate_bounds("I", zones)  # type: ignore[misc]
    assert work["Target"] == f"{low}–{high} bpm"
    assert work["Planned"] == "3:00"
    assert work["Pace"] == "-"
    assert "/mi" in rows.iloc[0]["Target"]
    assert " mi" in work["Distance each"]


def test_a_bad_amount_names_the_row_and_field_and_keeps_what_was_typed(
    open_page: Open, world: World, db: Session
) -> None:
    _athlete_ready(db, world)
    at = _writing(open_page, world)
    _box(at, "Work (time or distance)").set_value("8oo").run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Main set row 1, work: '8oo' is not clear; write a time or a distance with its unit, "
        "e.g. 3:00, 90 s, 3 min, 800 m or 2 km."
    ]
    assert _box(at, "Work (time or distance)").value == "8oo"
    assert not [m for m in at.metric if m.label == "Total time"]
    _box(at, "Work (time or distance)").set_value("30 km").run()
    (error,) = at.error
    assert error.value.startswith("Whole session: between 5 minutes and 6 hours (this one is")


def test_the_coach_adds_a_row_removes_one_and_saves_the_workout(
    open_page: Open, world: World, db: Session
) -> None:
    _athlete_ready(db, world)
    at = _writing(open_page, world)
    button_of(at, "Add a row").click()  # type: ignore[attr-defined]
    at.run()
    assert [n.label for n in at.number_input if n.label.endswith("repeats")] == [
        "Row 1: repeats",
        "Row 2: repeats",
    ]
    works = [t for t in at.text_input if t.label == "Work (time or distance)"]
    works[1].set_value("2 km").run()
    assert not at.error, [e.value for e in at.error]
    rows = _preview(at)
    assert "Threshold pace" in list(rows["Step"])
    button_of(at, "Add a row").click()  # type: ignore[attr-defined]
    at.run()
    assert at.error  # a new row waits for its work
    next(b for b in reversed(at.button) if b.label == "Remove").click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    _box(at, "Workout name").set_value("6 × 800 m and 2 km threshold")
    button_of(at, "Save the workout").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    saved = db.scalar(
        select(SessionTemplate).where(SessionTemplate.name == "6 × 800 m and 2 km threshold")
    )
    assert saved is not None
    assert saved.organization_id == world.north.id
    assert [b["repeat"] for b in saved.structure["steps"]] == [6, 1]
    assert saved.structure["steps"][0]["work"] == {
        "distance_m": 800.0,
        "zone": "I",
        "target": "pace",
    }
    assert saved.structure["steps"][1]["work"]["distance_m"] == 2000.0
    assert any("saved to your library" in t.value for t in at.toast)
