"""The briefing through the real services: recovery signals move the day, outcomes in words."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, PlannedSession, TrainingPlan, User
from runseason.domain.dates import local_date
from runseason.schemas.briefing import BriefingRead
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.zones import ZoneOverride
from runseason.services import briefing, checkins
from runseason.services.identity.access import Actor
from runseason.services.plans import zones
from tests.factories import NOW, World, actor

VO2 = ("VO2max intervals 5 × 3 min", "vo2max_intervals", "vo2max_intervals-5x180s", 2700.0)
EASY = ("Easy run 45 min", "easy", "easy-45", 2700.0)
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def plan_today(db: Session, athlete: Athlete, session: tuple = VO2) -> PlannedSession:
    """A plan with one session today (by default the library's VO2max 5 × 3 min)."""
    title, category, code, duration = session
    today = local_date(NOW, athlete.timezone)
    plan = TrainingPlan(
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        name="Spring 10k",
        start_date=today,
        end_date=today + timedelta(days=70),
        weeks=10,
    )
    db.add(plan)
    db.flush()
    planned = PlannedSession(
        organization_id=athlete.organization_id,
        plan_id=plan.id,
        athlete_id=athlete.id,
        scheduled_date=today,
        title=title,
        category=category,
        template_code=code,
        role="quality" if category != "easy" else "easy",
        is_hard=category != "easy",
        planned_duration_s=duration,
        planned_load=60,
        targets={"rpe": 8.5},
    )
    db.add(planned)
    db.flush()
    return planned


def fit(db: Session, athlete: Athlete, unit: str = "km") -> None:
    """Greta's profile as a coach sets it: VDOT 45, LTHR 165, her unit (account and profile)."""
    athlete.vdot, athlete.lthr, athlete.unit_preference = 45.0, 165, unit
    user = db.get(User, athlete.user_id)
    assert user is not None
    user.unit_preference = unit
    db.flush()


def checkin(**values: object) -> CheckInCreate:
    return CheckInCreate.model_validate(
        {"sleep_quality": 5, "energy": 5, "recovery": 5, "stress": 5, **values}
    )


def history(
    db: Session, me: Actor, athlete: Athlete, days: int, values: Callable[[int], dict]
) -> None:
    """``days`` mornings before today, each checked in on its own morning."""
    for back in range(days, 0, -1):
        data = checkin(**values(back))
        checkins.submit_checkin(db, me, athlete.id, data, now=NOW - timedelta(days=back))


def greta(db: Session, world: World, unit: str = "km", session: tuple = VO2) -> Actor:
    fit(db, world.greta, unit)
    plan_today(db, world.greta, session)
    return actor(db, world.user_of(world.greta, db))


def words(read: BriefingRead) -> str:
    """Everything the athlete reads."""
    parts = [read.title, read.reason, read.decision_label, *read.factors, *read.adjustments]
    return " ".join([*parts, *(f"{t.label} {t.text}" for t in read.targets)])


def submit(db: Session, me: Actor, world: World, **values: object) -> BriefingRead:
    read = checkins.submit_checkin(db, me, world.greta.id, checkin(**values), now=NOW)
    handed = briefing.get_briefing(db, me, world.greta.id, now=NOW, checkin=read)
    assert SNAKE.search(words(handed)) is None, words(handed)
    return handed


def test_an_hrv_trend_1_3_sd_down_turns_the_day_amber_and_reduces_the_vo2max(
    db: Session, world: World
) -> None:
    me = greta(db, world)
    # 28 mornings of ln rMSSD at ln 60 ± 0.1, then six and today 1.3 SD down.
    low = 60.0 * math.exp(-0.13)
    history(db, me, world.greta, 34, lambda b: {"hrv_rmssd": 60.0 * math.exp(0.1 * (-1) ** b)})
    history(db, me, world.greta, 6, lambda b: {"hrv_rmssd": low})
    read = submit(db, me, world, hrv_rmssd=low)
    assert read.readiness_band == "amber"
    assert read.decision == "reduce"
    assert read.title == "Cruise intervals 4 × 3 min"
    assert "HRV 7-day average 1.3 SD below your norm" in read.reason
    assert any(f.startswith("HRV 7-day average 1.3 SD below") for f in read.factors)


def test_the_same_session_stays_when_hrv_is_in_its_normal_range(db: Session, world: World) -> None:
    me = greta(db, world)
    history(db, me, world.greta, 34, lambda b: {"hrv_rmssd": 60.0 * math.exp(0.1 * (-1) ** b)})
    read = submit(db, me, world, hrv_rmssd=60.0)
    assert (read.readiness_band, read.decision) == ("green", "go")
    assert read.title == "VO2max intervals 5 × 3 min"


def test_a_resting_heart_rate_6_bpm_up_reduces_the_session(db: Session, world: World) -> None:
    me = greta(db, world)
    history(db, me, world.greta, 28, lambda b: {"resting_hr": 48 + b % 2 * 2})
    read = submit(db, me, world, resting_hr=55)
    assert (read.readiness_band, read.decision) == ("amber", "reduce")
    assert "resting heart rate 55 bpm, 6 bpm above your norm of 49" in read.reason


def test_a_short_night_counts(db: Session, world: World) -> None:
    me = greta(db, world)
    history(db, me, world.greta, 20, lambda b: {"sleep_hours": 8.0})
    read = submit(db, me, world, sleep_hours=6.0)
    assert read.readiness_score is not None
    assert read.readiness_score < 70
    assert read.decision == "reduce"
    assert any("slept 6 h, 3.0 SD below your norm" in f for f in read.factors)


def test_a_flat_history_uses_the_sd_floor_instead_of_dropping_hrv(
    db: Session, world: World
) -> None:
    me = greta(db, world)
    history(db, me, world.greta, 20, lambda b: {"hrv_rmssd": 60.0})
    read = submit(db, me, world, hrv_rmssd=25.0)
    assert read.readiness_band == "red"
    assert read.decision == "swap"
    assert read.title == "Recovery run 30 min"
    assert any(f.startswith("HRV 7-day average") for f in read.factors)


@pytest.mark.parametrize(
    ("values", "decision", "phrase"),
    [
        ({}, "go", "train as planned"),
        ({"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 3}, "reduce", "amber"),
        ({"sleep_quality": 1, "energy": 2, "recovery": 2, "stress": 2}, "swap", "recovery run"),
        ({"illness": True}, "rest", "You feel ill"),
        ({"pain_severity": 4, "pain_location": "knee"}, "rest", "Pain 4/10 (knee): no running"),
        ({"pain_severity": 6}, "talk_to_coach", "talk to your coach before your next session"),
        ({"pain_severity": 9}, "see_clinician", "See a doctor or physiotherapist"),
        ({"pain_severity": 2, "pain_alters_gait": True}, "see_clinician", "changes how you run"),
        ({"illness": True, "fever": True}, "talk_to_coach", "ill with a fever"),
    ],
)
def test_each_outcome_in_words(
    db: Session, world: World, values: dict[str, object], decision: str, phrase: str
) -> None:
    me = greta(db, world)
    read = submit(db, me, world, **values)
    assert read.decision == decision
    assert phrase in read.reason
    assert "(reduced)" not in read.title


def test_pain_rising_three_days_running_means_talk_to_the_coach(db: Session, world: World) -> None:
    me = greta(db, world)
    history(db, me, world.greta, 2, lambda b: {"pain_severity": 3 - b})
    read = submit(db, me, world, pain_severity=3)
    assert read.decision == "talk_to_coach"
    assert "risen three days running (1, 2, 3 out of 10)" in read.reason


@pytest.mark.parametrize(
    ("unit", "pace", "distance"),
    [("km", r"\d:\d\d–\d:\d\d /km", r"\d+\.\d\d km"), ("mi", r"\d+:\d\d–\d+:\d\d /mi", r"mi$")],
)
def test_targets_in_the_athletes_unit_with_heart_rate_from_their_zones(
    db: Session, world: World, unit: str, pace: str, distance: str
) -> None:
    me = greta(db, world, unit, EASY)
    read = submit(db, me, world)
    targets = {t.label: t.text for t in read.targets}
    assert re.fullmatch(pace, targets["Pace"])
    assert targets["Heart rate"] == "141–147 bpm"  # Friel Z2 from LTHR 165
    assert read.distance_text is not None
    assert re.search(distance, read.distance_text)
    assert read.duration_text == "45:00"


def test_no_internal_key_reaches_the_api_answer(db: Session, world: World) -> None:
    me = greta(db, world)
    read = briefing.get_briefing(db, me, world.greta.id, now=NOW)
    assert read.decision == "check_in_first"
    assert [t.label for t in read.targets] == [
        "Warm-up",
        "Main set",
        "Pace",
        "Heart rate",
        "Effort",
        "Cool-down",
    ]
    assert "pace_s_per_km" not in read.model_dump_json()
    assert "rpe" not in read.model_dump_json()


@pytest.mark.parametrize(
    "values",
    [{}, {"sleep_quality": 5, "energy": 5, "recovery": 5}, {"pain_severity": 6}, {"illness": True}],
)
def test_a_briefing_from_the_check_in_just_stored_matches_one_read_back(
    db: Session, world: World, values: dict[str, object]
) -> None:
    """The check-in route hands its fresh check-in to the briefing instead of reading it back."""
    me = greta(db, world)
    read = checkins.submit_checkin(db, me, world.greta.id, checkin(**values), now=NOW)
    handed = briefing.get_briefing(db, me, world.greta.id, now=NOW, checkin=read)
    db.expire_all()
    assert handed == briefing.get_briefing(db, me, world.greta.id, now=NOW)
    assert handed.readiness_score == read.readiness_score is not None


def test_a_back_dated_check_in_handed_over_is_not_taken_for_today(
    db: Session, world: World
) -> None:
    me = greta(db, world)
    yesterday = local_date(NOW, world.greta.timezone) - timedelta(days=1)
    read = checkins.submit_checkin(
        db, me, world.greta.id, checkin(local_date=yesterday.isoformat()), now=NOW
    )
    assert read.local_date == yesterday
    handed = briefing.get_briefing(db, me, world.greta.id, now=NOW, checkin=read)
    assert handed.decision == "check_in_first"
    assert handed.readiness_score is None


def test_heat_on_the_check_in_slows_the_paces_and_says_why(db: Session, world: World) -> None:
    me = greta(db, world, session=EASY)
    cool = submit(db, me, world)
    hot = submit(db, me, world, temperature_c=30.0, dew_point_c=22.0)
    assert hot.adjustments == ["Heat (30 °C with a dew point of 22 °C): paces 5.7% slower."]
    assert "Paces are adjusted for the conditions" in hot.reason
    pace = {t.label: t.text for t in cool.targets}["Pace"]
    assert {t.label: t.text for t in hot.targets}["Pace"] != pace


def test_too_hot_for_hard_running_swaps_the_vo2max_for_an_easy_run(
    db: Session, world: World
) -> None:
    me = greta(db, world)
    read = submit(db, me, world, temperature_c=36.0, dew_point_c=29.0)
    assert read.decision == "swap"
    assert read.title == "Easy run 45 min"
    assert "Too hot and humid for hard running" in read.reason


@pytest.mark.parametrize(
    ("home_m", "given_m", "unit", "reason"),
    [
        (1750.0, None, "km", "Altitude 1,750 m: paces 6.2% slower."),
        (None, 1750.0, "mi", "Altitude 5,741 ft: paces 6.2% slower."),
        (2500.0, 0.0, "km", None),  # the check-in's altitude wins over home
    ],
)
def test_altitude_from_the_check_in_or_the_home(
    db: Session, world: World, home_m: float | None, given_m: float | None, unit: str, reason: str
) -> None:
    me = greta(db, world, unit, EASY)
    world.greta.home_altitude_m = home_m
    db.flush()
    read = submit(db, me, world, **({} if given_m is None else {"altitude_m": given_m}))
    assert read.adjustments == ([] if reason is None else [reason])


def test_home_altitude_counts_before_the_check_in(db: Session, world: World) -> None:
    me = greta(db, world, session=EASY)
    world.greta.home_altitude_m = 2000.0
    db.flush()
    read = briefing.get_briefing(db, me, world.greta.id, now=NOW)
    assert read.decision == "check_in_first"
    assert read.adjustments == ["Altitude 2,000 m: paces 7.8% slower."]


def test_a_coachs_zone_override_reaches_the_targets(db: Session, world: World) -> None:
    me = greta(db, world, session=EASY)
    before = {t.label: t.text for t in submit(db, me, world).targets}
    coach = actor(db, world.cole)
    zones.override_zone(
        db, coach, world.greta.id, ZoneOverride(kind="pace", name="E", low=400, high=380)
    )
    zones.override_zone(
        db, coach, world.greta.id, ZoneOverride(kind="heart_rate", name="Z2", low=130, high=140)
    )
    after = {t.label: t.text for t in submit(db, me, world).targets}
    assert before["Pace"] != after["Pace"]
    assert after["Pace"] == "6:20–6:40 /km"
    assert after["Heart rate"] == "130–140 bpm"
