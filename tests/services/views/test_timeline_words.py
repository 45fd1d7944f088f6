"""The timeline's words, kind by kind: what a coach reads for each row, and no codes left behind."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import (
    AvailabilityException,
    CaseNote,
    CheckIn,
    HealthCase,
    PlanRevision,
    Recommendation,
    TimelineEvent,
    TrainingPlan,
)
from runseason.schemas.timeline import KIND_LABELS
from runseason.schemas.training import TrainingLogCreate
from runseason.services import training
from runseason.services.views import timeline_words as words
from tests.factories import NOW, World, actor
from tests.services.coaching_days import check_in, plan_today, riley_red_patch


def _tenant(world: World) -> dict[str, int]:
    return {"organization_id": world.north.id, "athlete_id": world.riley.id}


def _stored(db: Session, row: Any) -> int:
    db.add(row)
    db.flush()
    return int(row.id)


def test_every_kind_read_from_its_own_table_has_its_words() -> None:
    assert set(words.TITLES) == (set(KIND_LABELS) - {"intervention", "task"}) | {"event"}


def test_a_check_in_says_its_readiness_illness_pain_and_note(db: Session, world: World) -> None:
    made = check_in(
        db, world, world.riley, 0, illness=True, pain_severity=4, pain_location="left knee",
        note="Legs heavy " + "x" * 200,
    )  # fmt: skip
    (text,) = words.checkins(db, [made.id], "km").values()
    assert text.startswith("Check-in: readiness ")
    assert '; feeling ill; pain 4/10 (left knee): "Legs heavy ' in text
    assert text.endswith('…"')
    assert len(text.split(': "', 1)[1]) == 160 + 1  # the note cut to 160 characters, and a quote


def test_a_session_says_its_sport_distance_time_and_load(db: Session, world: World) -> None:
    coach = actor(db, world.asha)
    run = TrainingLogCreate(local_date=NOW.date(), duration_s=4500, distance_m=12_000, rpe=5)
    log = training.log_session(db, coach, world.riley.id, run, now=NOW)
    race = TrainingLogCreate(
        local_date=NOW.date(), duration_s=1500, distance_m=5000, rpe=9, kind="race", notes="PB"
    )
    raced = training.log_session(db, coach, world.riley.id, race, now=NOW)
    said = words.sessions(db, [log.id, raced.id], "km")
    assert said[log.id] == f"Run: 12.00 km in 1:15:00, load {log.load:.0f}"
    assert said[raced.id] == f'Race: 5.00 km in 25:00, load {raced.load:.0f}: "PB"'
    assert words.sessions(db, [log.id], "mi")[log.id].startswith("Run: 7.46 mi in ")


def test_a_plan_change_says_its_version_what_changed_and_why(db: Session, world: World) -> None:
    plan_today(db, world, world.riley)
    plan = db.scalars(select(TrainingPlan).where(TrainingPlan.athlete_id == world.riley.id)).one()
    base = {"organization_id": world.north.id, "plan_id": plan.id}
    first = _stored(db, PlanRevision(**base, version=1, kind="generated"))
    swap = _stored(db, PlanRevision(**base, version=2, kind="swap", reason="rain on Tuesday"))
    odd = _stored(db, PlanRevision(**base, version=3, kind="moved_by_hand"))
    said = words.plan_edits(db, [first, swap, odd], "km")
    assert said == {
        first: "Plan created: Plan",
        swap: "Plan version 2: two sessions swapped (rain on Tuesday)",
        odd: "Plan version 3: moved by hand",
    }


def test_a_note_says_whether_the_athlete_sees_it_and_is_cut_when_long(
    db: Session, world: World
) -> None:
    short = _stored(db, CaseNote(**_tenant(world), body="Knee sore", shared_with_athlete=True))
    long = _stored(db, CaseNote(**_tenant(world), body="y" * 300))
    said = words.notes(db, [short, long], "km")
    assert said[short] == "Note (shared with the athlete): Knee sore"
    assert said[long] == "Note: " + "y" * 159 + "…"


def test_a_recommendation_is_said_by_its_title(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    rec = db.scalars(select(Recommendation).where(Recommendation.athlete_id == world.riley.id))
    first = next(iter(rec))
    assert words.recommendations(db, [first.id], "km") == {
        first.id: f"Recommendation: {first.title}"
    }


def test_a_health_case_says_its_kind_and_where(db: Session, world: World) -> None:
    day = NOW.date()
    knee = _stored(db, HealthCase(**_tenant(world), kind="injury", location="knee", started_on=day))
    flu = _stored(db, HealthCase(**_tenant(world), kind="illness", started_on=day))
    said = words.health_cases(db, [knee, flu], "km")
    assert said == {knee: "Injury case opened: knee", flu: "Illness case opened"}


def test_marked_days_say_why_and_which_days(db: Session, world: World) -> None:
    one = date(2027, 3, 3)
    sick = _stored(
        db, AvailabilityException(**_tenant(world), kind="sick", start_date=one, end_date=one)
    )
    away = _stored(
        db,
        AvailabilityException(
            **_tenant(world),
            kind="travelling",
            start_date=one + timedelta(days=7),
            end_date=one + timedelta(days=10),
        ),
    )
    said = words.marked_days(db, [sick, away], "km")
    assert said == {
        sick: "Marked sick: Wed 3 Mar 2027",
        away: "Marked travelling: Wed 10 Mar 2027 to Sat 13 Mar 2027",
    }


def _event(db: Session, world: World, kind: str, title: str, **more: Any) -> int:
    return _stored(db, TimelineEvent(**_tenant(world), kind=kind, title=title, **more))


def test_events_put_words_in_place_of_their_codes(db: Session, world: World) -> None:
    ids = {
        "opened": _event(db, world, "intervention_opened", "Pain 5/10 (knee)"),
        "acknowledged": _event(
            db, world, "intervention_acknowledge", "Pain 5/10 (knee): acknowledge"
        ),
        "rejected": _event(
            db, world, "recommendation_note", "Rest day: note", payload={"decision": "reject"}
        ),
        "undone": _event(
            db, world, "recommendation_reopen", "Rest day: reopen", payload={"undo": True}
        ),
        "recorded": _event(db, world, "milestone", "First 10 km"),
        "task": _event(db, world, "task_done", "Call the physio", ref_type="task"),
        "case": _event(db, world, "injury_return_to_run", "Knee", ref_type="health_case"),
        "closed": _event(db, world, "illness_closed", "Flu", ref_type="health_case"),
    }
    said = words.events(db, list(ids.values()), "km")
    assert {name: said[i] for name, i in ids.items()} == {
        "opened": "Intervention opened: Pain 5/10 (knee)",
        "acknowledged": "Intervention acknowledged: Pain 5/10 (knee)",
        "rejected": "Recommendation rejected: Rest day",
        "undone": "Recommendation undone, the plan as it was: Rest day",
        "recorded": "Milestone recorded: First 10 km",
        "task": "Task: Call the physio",
        "case": "Injury: return to run started",
        "closed": "Illness: case closed",
    }


def test_ids_not_found_are_left_out(db: Session, world: World) -> None:
    for read in words.TITLES.values():
        assert read(db, [987_654], "km") == {}
    assert db.scalar(select(CheckIn.id).where(CheckIn.id == 987_654)) is None
