"""Every row of the signal table through the real services: check-ins, logs, plans and goals go
in, the engine's recommendation of the day comes out with the table's answer (docs/science.md)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import (
    Athlete,
    AthleteSnapshot,
    CoachAssignment,
    PlannedSession,
    TrainingPlan,
)
from runseason.domain.dates import local_date
from runseason.domain.recommendations import SIGNAL_TABLE
from runseason.domain.risk import bucket_of
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.coaching import RecommendationRead
from runseason.schemas.plans import GoalCreate
from runseason.schemas.training import TrainingLogCreate
from runseason.services import checkins, recommendations, training
from runseason.services.coaching_settings import update_organization_settings
from runseason.services.plans import goals
from runseason.services.refresh.snapshots import deferred_refresh
from tests.factories import NOW, World, actor, make_athlete

GOOD = {"sleep_quality": 4, "energy": 4, "recovery": 4, "stress": 4}
WEEK = [60, 0, 80, 40, 0, 100, 50]  # SCIENCE.md §5's week of loads


def today(athlete: Athlete) -> Any:
    return local_date(NOW, athlete.timezone)


def check_in(db: Session, world: World, athlete: Athlete, days_ago: int, **values: Any) -> None:
    me = actor(db, world.user_of(athlete, db))
    day = today(athlete) - timedelta(days=days_ago)
    data = CheckInCreate.model_validate({**GOOD, **values, "local_date": day})
    checkins.submit_checkin(db, me, athlete.id, data, now=NOW)


def log_loads(
    db: Session, world: World, athlete: Athlete, loads: list[float], runs_m: list[float] | None
) -> None:
    """One session per day with that load (at RPE 5), the last on today; one refresh."""
    me = actor(db, world.user_of(athlete, db))
    first = today(athlete) - timedelta(days=len(loads) - 1)
    per_hour = training.load_for(athlete, 3600, None, 5, None)[0]
    with deferred_refresh(db):
        for i, load in enumerate(loads):
            if load <= 0:
                continue
            distance = runs_m[i] if runs_m else None
            data = TrainingLogCreate(
                local_date=first + timedelta(days=i),
                duration_s=load / per_hour * 3600,
                rpe=5,
                distance_m=distance,
            )
            training.log_session(db, me, athlete.id, data, now=NOW)


def tune(db: Session, world: World, **changes: Any) -> None:
    update_organization_settings(db, actor(db, world.ada), changes)


def weight(db: Session, world: World, signal: str, value: float) -> None:
    tune(db, world, risk={"weight_overrides": {signal: value}})


def plan_days(db: Session, world: World, athlete: Athlete, days_ago: range, load: float) -> None:
    start = today(athlete) - timedelta(days=max(days_ago))
    plan = TrainingPlan(
        organization_id=world.north.id,
        athlete_id=athlete.id,
        name="Plan",
        start_date=start,
        end_date=start + timedelta(days=60),
        weeks=8,
    )
    db.add(plan)
    db.flush()
    for ago in days_ago:
        db.add(
            PlannedSession(
                organization_id=world.north.id,
                plan_id=plan.id,
                athlete_id=athlete.id,
                scheduled_date=today(athlete) - timedelta(days=ago),
                title="Steady run",
                category="easy",
                role="easy",
                is_hard=False,
                planned_duration_s=load / 5 * 60,
                planned_load=load,
            )
        )
    db.flush()


def baseline(db: Session, world: World, athlete: Athlete, **values: Any) -> None:
    """Twenty days of check-ins that vary a little (sleep 4, 5, 5, …), so z-scores exist."""
    tune(db, world, checkin_backdate_days=30)  # the history is entered at once
    for ago in range(20, 0, -1):
        sleep = 4 if ago % 3 == 0 else 5
        hrv = 60 if ago % 2 else 66
        check_in(db, world, athlete, ago, sleep_quality=sleep, hrv_rmssd=hrv, **values)


Scenario = Callable[[Session, World, Athlete], None]


def _checkins(*days: tuple[int, dict[str, Any]]) -> Scenario:
    def build(db: Session, world: World, athlete: Athlete) -> None:
        for ago, values in days:
            check_in(db, world, athlete, ago, **values)

    return build


def _wellness(sleep: int, signal_weight: float | None = None) -> Scenario:
    def build(db: Session, world: World, athlete: Athlete) -> None:
        if signal_weight is not None:
            weight(db, world, "wellness", signal_weight)
        baseline(db, world, athlete)
        check_in(db, world, athlete, 0, sleep_quality=sleep, hrv_rmssd=63)

    return build


def _hrv(rmssd: float, signal_weight: float | None = None) -> Scenario:
    def build(db: Session, world: World, athlete: Athlete) -> None:
        if signal_weight is not None:
            weight(db, world, "hrv", signal_weight)
        baseline(db, world, athlete, energy=4)
        check_in(db, world, athlete, 0, sleep_quality=5, hrv_rmssd=rmssd)

    return build


def _loads(loads: list[float], runs_m: list[float] | None = None, **settings: Any) -> Scenario:
    def build(db: Session, world: World, athlete: Athlete) -> None:
        if settings:
            tune(db, world, **settings)
        log_loads(db, world, athlete, loads, runs_m)

    return build


def _adherence(done_loads: list[float]) -> Scenario:
    """Six planned days of 50 and what was done on them (varied, so monotony stays low)."""

    def build(db: Session, world: World, athlete: Athlete) -> None:
        weight(db, world, "adherence", 0.9)
        plan_days(db, world, athlete, range(1, 7), 50)
        log_loads(db, world, athlete, [*done_loads, 0], None)

    return build


def _missed(db: Session, world: World, athlete: Athlete) -> None:
    plan_days(db, world, athlete, range(1, 7), 50)
    check_in(db, world, athlete, 0)


def _contact(db: Session, world: World, athlete: Athlete) -> None:
    weight(db, world, "contact", 0.5)
    for row in db.scalars(select(CoachAssignment).where(CoachAssignment.athlete_id == athlete.id)):
        row.started_at = NOW - timedelta(days=20)
    db.flush()
    check_in(db, world, athlete, 0)


def _race(db: Session, world: World, athlete: Athlete) -> None:
    weight(db, world, "race", 0.5)
    race = GoalCreate(name="Spring 10K", distance_m=10000, race_date=today(athlete) + timedelta(5))
    goals.create_goal(db, actor(db, world.cole), athlete.id, race, now=NOW)
    check_in(db, world, athlete, 0)


ill, pain = {"illness": True}, {"pain_location": "left calf"}
SCENARIOS: dict[tuple[str, str], Scenario] = {
    ("illness", "ill"): _checkins((0, ill)),
    ("illness", "persisting"): _checkins((2, ill), (1, ill), (0, ill)),
    ("pain", "low"): _checkins((0, {**pain, "pain_severity": 2})),
    ("pain", "same place"): _checkins(
        (1, {**pain, "pain_severity": 2}), (0, {**pain, "pain_severity": 2})
    ),
    ("pain", "high"): _checkins((0, {**pain, "pain_severity": 5})),
    ("pain", "persisting"): _checkins((0, {**pain, "pain_severity": 8})),
    ("readiness", "red"): _checkins(
        (0, {"sleep_quality": 2, "energy": 2, "recovery": 1, "stress": 2})
    ),
    ("readiness", "amber"): _checkins(
        (0, {"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 3})
    ),
    ("readiness", "falling"): _checkins(
        (3, {"sleep_quality": 5, "energy": 5, "recovery": 5, "stress": 5}), (0, {})
    ),
    ("wellness", "far below"): _wellness(2),
    ("wellness", "below"): _wellness(4, signal_weight=0.9),
    ("hrv", "far below"): _hrv(30),
    ("hrv", "below"): _hrv(50, signal_weight=0.9),
    ("spike", "above"): _loads([*WEEK * 4, 75], [x * 100 for x in WEEK * 4] + [15000]),
    ("acwr", "raised"): _loads([*WEEK * 5, *(x * 2.0 for x in WEEK)]),
    ("acwr", "high"): _loads([*WEEK * 5, *(x * 3.0 for x in WEEK)]),
    ("ramp", "above"): _loads(
        [*WEEK * 2, *(x * 2.5 for x in WEEK)],
        risk={"weight_overrides": {"ramp": 0.9}, "strain_threshold": 5000},
    ),
    ("form", "above"): _loads(
        [*WEEK * 5, *(x * 1.5 for x in WEEK)], risk={"weight_overrides": {"form": 0.9}}
    ),
    ("monotony", "above"): _loads(
        [50, 55] * 5, risk={"weight_overrides": {"monotony": 0.9}, "strain_threshold": 90000}
    ),
    ("strain", "above"): _loads(
        [*WEEK, *WEEK[:3]], risk={"weight_overrides": {"strain": 0.9}, "strain_threshold": 400}
    ),
    ("adherence", "over"): _adherence([40, 120] * 3),
    ("adherence", "under"): _adherence([10, 40] * 3),
    ("missed", "above"): _missed,
    ("silence", "above"): _checkins((4, {})),
    ("contact", "above"): _contact,
    ("race", "near"): _race,
}


def todays_recommendation(db: Session, world: World, athlete: Athlete) -> RecommendationRead:
    found = recommendations.find_recommendation_for_day(
        db, actor(db, world.cole), athlete.id, today(athlete)
    )
    assert found is not None
    return found


def test_every_row_of_the_table_has_a_service_scenario() -> None:
    assert set(SCENARIOS) == set(SIGNAL_TABLE)


@pytest.mark.parametrize("row", sorted(SIGNAL_TABLE), ids=" ".join)
def test_each_signal_gets_its_answer_through_the_engine(
    db: Session, world: World, row: tuple[str, str]
) -> None:
    athlete = make_athlete(db, world.north, "Tess Table", coach=world.cole)
    SCENARIOS[row](db, world, athlete)
    rec = todays_recommendation(db, world, athlete)
    snapshot = db.get(AthleteSnapshot, athlete.id)
    assert snapshot is not None
    signal = row[0]
    assert signal in [f["name"] for f in rec.factors]
    assert rec.type == SIGNAL_TABLE[row].type
    assert rec.bucket == snapshot.risk_bucket == bucket_of(snapshot.risk)
    assert rec.bucket != "stable" or rec.type in ("check_in", "rest_day", "medical_referral")
    assert "all clear" not in rec.rationale.lower()
    assert not re.search(r"[a-z]+_[a-z]+", rec.title + rec.rationale)
