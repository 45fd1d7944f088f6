"""Invariants of the plan builder over random valid requests (hypothesis).

Requests vary the length (12–48 weeks), race distance (5 km, 10 km, half, marathon), anchor (start,
race or both), training days (at least 3, with a random long-run day), unavailable dates, volume
(15–120 km a week), level, cutback cadence and depth, caps, pace, goal, B/C races and recovery
weeks, over a catalogue whose long runs are easy or (in a second catalogue) hard.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from runseason.domain.periodization import (
    CatalogueEntry,
    PlanDraft,
    PlanRequest,
    SecondaryRace,
    WeekTarget,
    build_plan,
    hard_day_conflicts,
    plan_phases,
    taper_weeks,
    volume_settings,
    week_volume,
    weekly_targets,
)
from runseason.domain.plan_model import (
    HALF_MARATHON_M,
    LEVELS,
    MARATHON_M,
    QUALITY_CATEGORIES,
    level_rank,
)
from runseason.domain.plan_volume import initial_long_run_m
from tests.domain.test_periodization import CATALOGUE, TODAY, all_sessions

PHASE_ORDER = ("base", "build", "peak", "taper", "recovery")
HARD_LONG_CATALOGUE = tuple(
    dataclasses.replace(e, is_hard=True) if e.category == "long" else e for e in CATALOGUE
)
CATALOGUES = {"easy long runs": CATALOGUE, "hard long runs": HARD_LONG_CATALOGUE}
EPSILON_M = 1e-6
# The documented rules, stated here rather than imported so a changed constant fails the tests:
# days without hard training before a race, and the volume cut of a B or C race's week.
MINI_TAPER_DAYS = {"A": 3, "B": 3, "C": 2}
SECONDARY_VOLUME_CUT = {"B": 0.20, "C": 0.10}


@dataclass(frozen=True)
class Case:
    """One generated request with its 'today' and catalogue."""

    req: PlanRequest
    today: date
    catalogue: tuple[CatalogueEntry, ...]
    training_weeks: int

    def build(self) -> PlanDraft:
        """The plan of this case."""
        return build_plan(self.req, self.catalogue, today=self.today)

    def targets(self) -> tuple[WeekTarget, ...]:
        """The volume targets the plan was built from (before B/C race cuts)."""
        phases = plan_phases(self.req, self.training_weeks)
        return weekly_targets(phases, volume_settings(self.req, self.training_weeks))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@st.composite
def secondary_races(draw: st.DrawFn, first_monday: date, weeks: int) -> tuple[SecondaryRace, ...]:
    """Zero to two B/C races from week 2 to two weeks before the race week, not adjacent.

    Two weeks clear of the race week, so no B/C race can fall the day before the A race (which
    the builder rightly refuses).
    """
    picked = draw(st.lists(st.integers(1, weeks - 3), max_size=2, unique=True))
    races = []
    for week in sorted(picked):
        day = first_monday + timedelta(weeks=week, days=draw(st.integers(0, 6)))
        distance_m = draw(st.sampled_from((5_000.0, 10_000.0, HALF_MARATHON_M)))
        races.append(SecondaryRace(day, distance_m, draw(st.sampled_from(("B", "C")))))
    if len(races) == 2:
        assume((races[1].date - races[0].date).days >= 2)
    return tuple(races)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A random valid plan request."""
    today = TODAY + timedelta(days=draw(st.integers(0, 6)))
    weeks = draw(st.integers(12, 48))
    distance_m = draw(st.sampled_from((5_000.0, 10_000.0, HALF_MARATHON_M, MARATHON_M)))
    days = draw(st.frozensets(st.integers(0, 6), min_size=3))
    start = today + timedelta(days=draw(st.integers(0, 20)))
    first_monday = _monday(start)
    race_day = first_monday + timedelta(weeks=weeks - 1, days=draw(st.integers(0, 6)))
    anchor = draw(st.sampled_from(("start", "race", "both")))
    away = draw(st.frozensets(st.integers(0, weeks * 7 - 1), max_size=30))
    goal_pace = draw(st.none() | st.floats(180.0, 420.0))
    req = PlanRequest(
        race_distance_m=distance_m,
        race_date=None if anchor == "start" else race_day,
        start_date=None if anchor == "race" else start,
        weeks=None if anchor == "both" and draw(st.booleans()) else weeks,
        current_weekly_distance_m=draw(st.integers(15, 120)) * 1000.0,
        level=draw(st.sampled_from(LEVELS)),
        available_weekdays=days,
        unavailable_dates=frozenset(first_monday + timedelta(days=d) for d in away),
        long_run_weekday=draw(st.none() | st.sampled_from(sorted(days))),
        easy_pace_s_per_km=draw(st.floats(270.0, 450.0)),
        goal_time_s=None if goal_pace is None else goal_pace * distance_m / 1000.0,
        cutback_every=draw(st.sampled_from((0, 3, 4, 4))),
        cutback_reduction=draw(st.floats(0.20, 0.30)),
        max_weekly_increase=draw(st.floats(0.05, 0.20)),
        max_long_run_increase_m=draw(st.sampled_from((1_500.0, 2_000.0, 3_000.0))),
        secondary_races=draw(secondary_races(first_monday, weeks)),
        recovery_weeks=draw(st.integers(0, 2)),
    )
    catalogue = CATALOGUES[draw(st.sampled_from(sorted(CATALOGUES)))]
    return Case(req, today, catalogue, weeks)


PROPERTY = settings(max_examples=150, deadline=None)


def _secondary_cut(case: Case, week_start: date) -> float:
    """The factor a week's target keeps after its B/C race cuts."""
    factor = 1.0
    for race in case.req.secondary_races:
        if week_start <= race.date < week_start + timedelta(days=7):
            factor *= 1.0 - SECONDARY_VOLUME_CUT[race.priority]
    return factor


@PROPERTY
@given(cases())
def test_plan_has_one_week_per_requested_week_plus_recovery_weeks(case: Case) -> None:
    plan = case.build()
    assert len(plan.weeks) == case.training_weeks + case.req.recovery_weeks
    assert [w.index for w in plan.weeks] == list(range(1, len(plan.weeks) + 1))
    first = plan.weeks[0].start_date
    assert first.weekday() == 0
    assert [w.start_date for w in plan.weeks] == [
        first + timedelta(weeks=i) for i in range(len(plan.weeks))
    ]


@PROPERTY
@given(cases())
def test_phases_run_base_build_peak_taper_with_three_weeks_each_and_the_distance_taper(
    case: Case,
) -> None:
    plan = case.build()
    ranks = [PHASE_ORDER.index(w.phase) for w in plan.weeks]
    assert ranks == sorted(ranks)
    phases = [w.phase for w in plan.weeks]
    assert min(phases.count(p) for p in ("base", "build", "peak")) >= 3
    peak_m = volume_settings(case.req, case.training_weeks).peak_weekly_distance_m
    assert phases.count("taper") == taper_weeks(case.req.race_distance_m, peak_m)
    assert phases.count("recovery") == case.req.recovery_weeks


@PROPERTY
@given(cases())
def test_taper_ends_in_the_race_week_with_the_race_on_race_day(case: Case) -> None:
    plan = case.build()
    race_week = plan.weeks[case.training_weeks - 1]
    assert [w.index for w in plan.weeks if w.is_race_week] == [race_week.index]
    assert race_week.is_taper
    assert race_week.phase == "taper"
    assert [w.phase for w in plan.weeks[case.training_weeks :]] == ["recovery"] * len(
        plan.weeks[case.training_weeks :]
    )
    assert race_week.start_date <= plan.race_date < race_week.start_date + timedelta(days=7)
    race = race_week.sessions[-1]
    assert (race.date, race.role, race.distance_m) == (
        plan.race_date,
        "race",
        case.req.race_distance_m,
    )
    assert race_week.long_run_distance_m == 0


def _lowered(plan: PlanDraft) -> set[int]:
    """Weeks whose target the plan says it lowered."""
    return {w.week_index or 0 for w in plan.warnings if w.kind == "volume_lowered"}


@PROPERTY
@given(cases())
def test_cutback_weeks_come_every_nth_week_of_a_phase_20_to_30_percent_lighter(case: Case) -> None:
    plan = case.build()
    every = case.req.cutback_every
    last_loaded_m = None
    phases = [w.phase for w in plan.weeks]
    for i, (week, target) in enumerate(zip(plan.weeks, case.targets(), strict=True)):
        in_phase = phases[: i + 1].count(week.phase)
        before_taper = i + 1 < len(phases) and phases[i + 1] == "taper"
        expected = (
            every > 0
            and in_phase % every == 0
            and week.phase in {"base", "build", "peak"}
            and not before_taper
        )
        assert week.is_cutback == expected
        planned_m = target.distance_m * _secondary_cut(case, week.start_date)
        assert week.target_distance_m <= planned_m + EPSILON_M
        # the race week and the recovery weeks after it may hold less without a warning
        quiet = week.is_race_week or week.phase == "recovery"
        if week.index not in _lowered(plan) and not quiet:
            assert week.target_distance_m == planned_m
        if week.is_cutback:
            assert last_loaded_m is not None
            cut = 1 - target.distance_m / last_loaded_m
            assert 0.20 - 1e-9 <= cut <= 0.30 + 1e-9
            assert abs(cut - case.req.cutback_reduction) < 1e-9
        elif week.phase in {"base", "build", "peak"}:
            last_loaded_m = target.distance_m


@PROPERTY
@given(cases())
def test_weekly_volume_never_grows_past_the_cap_and_never_exceeds_its_target(case: Case) -> None:
    # Cutback and B/C-race weeks are dips: growth is capped against the highest week before,
    # measured before the race cut (checked on its own in the cutback property).
    plan = case.build()
    cap = 1.0 + case.req.max_weekly_increase
    highest_m = case.req.current_weekly_distance_m
    for week, target in zip(plan.weeks, case.targets(), strict=True):
        assert target.distance_m <= highest_m * cap + EPSILON_M
        assert week.target_distance_m <= target.distance_m + EPSILON_M
        highest_m = max(highest_m, target.distance_m)
        pace = case.req.easy_pace_s_per_km
        training = [s for s in week.sessions if s.role != "race"]
        races_m = week_volume(
            s for s in week.sessions if s.role == "race" and s.date != plan.race_date
        )
        planned_m = week_volume(training, pace_s_per_km=pace)
        assert planned_m + races_m <= week.target_distance_m + EPSILON_M or planned_m == 0
        if week.phase in {"base", "build", "peak"}:
            assert planned_m + races_m >= 0.90 * week.target_distance_m - EPSILON_M


@PROPERTY
@given(cases())
def test_taper_cuts_volume_a_quarter_then_about_half_below_the_last_loaded_week(
    case: Case,
) -> None:
    targets = case.targets()
    pre_taper = [t for t in targets if t.phase in {"base", "build", "peak"} and not t.is_cutback]
    taper = [t for t in targets if t.is_taper]
    cuts = [1 - t.distance_m / pre_taper[-1].distance_m for t in taper]
    assert 0.20 - 1e-9 <= cuts[0] <= 0.30 + 1e-9
    assert 0.40 - 1e-9 <= cuts[-1] <= 0.60 + 1e-9
    assert cuts == sorted(cuts)


@PROPERTY
@given(cases())
def test_long_runs_never_jump_past_the_cap(case: Case) -> None:
    plan = case.build()
    longest_m = initial_long_run_m(volume_settings(case.req, case.training_weeks))
    for week in plan.weeks:
        for long_run in (s for s in week.sessions if s.role == "long"):
            assert long_run.distance_m is not None
            assert long_run.distance_m <= longest_m + case.req.max_long_run_increase_m + 1e-6
            assert long_run.distance_m == week.long_run_distance_m
            longest_m = max(longest_m, long_run.distance_m)


@PROPERTY
@given(cases())
def test_no_two_hard_days_in_a_row(case: Case) -> None:
    plan = case.build()
    assert hard_day_conflicts(all_sessions(plan)) == ()


@PROPERTY
@given(cases())
def test_sessions_fall_only_on_available_days_from_the_first_session_day(case: Case) -> None:
    plan = case.build()
    race_week_end = _monday(plan.race_date) + timedelta(days=7)
    race_days = {plan.race_date, *(r.date for r in case.req.secondary_races)}
    assert plan.start_date >= case.today
    for item in all_sessions(plan):
        if item.role == "race":
            assert item.date in race_days
            continue
        assert item.date.weekday() in case.req.available_weekdays
        assert item.date not in case.req.unavailable_dates
        assert item.date >= plan.start_date
        assert not plan.race_date <= item.date < race_week_end


@PROPERTY
@given(cases())
def test_every_session_uses_a_catalogue_template_suited_to_its_phase_and_role(case: Case) -> None:
    plan = case.build()
    by_code = {e.code: e for e in case.catalogue}
    roles = {
        "long": {"long"},
        "easy": {"easy"},
        "recovery": {"recovery", "easy"},
        "strides": {"strides_speed"},
        "quality": QUALITY_CATEGORIES,
    }
    for week in plan.weeks:
        for item in week.sessions:
            assert item.phase == week.phase
            if item.role == "race":
                assert (item.template_code, item.is_hard) == ("race", True)
                continue
            template = by_code[item.template_code]
            assert week.phase in template.phases
            assert template.category == item.category
            assert item.category in roles[item.role]
            assert level_rank(template.level) <= level_rank(case.req.level)
            assert item.is_hard == template.is_hard
            if item.role == "quality":
                assert item.is_hard
            elif item.role != "long":
                assert not item.is_hard
            assert (item.distance_m is None) == (not template.scalable)


@PROPERTY
@given(cases())
def test_quality_sessions_never_exceed_the_phase_and_level_count(case: Case) -> None:
    plan = case.build()
    for week, target in zip(plan.weeks, case.targets(), strict=True):
        assert week.quality_target == target.quality_sessions
        assert sum(1 for s in week.sessions if s.role == "quality") <= target.quality_sessions


@PROPERTY
@given(cases())
def test_races_get_a_mini_taper_and_an_easy_day_after(case: Case) -> None:
    plan = case.build()
    hard_training = {s.date for s in all_sessions(plan) if s.is_hard and s.role != "race"}
    races = [(plan.race_date, "A")] + [(r.date, r.priority) for r in case.req.secondary_races]
    for day, priority in races:
        quiet = {day - timedelta(days=n) for n in range(1, MINI_TAPER_DAYS[priority] + 1)}
        assert not quiet & hard_training
        assert day + timedelta(days=1) not in hard_training


@settings(max_examples=40, deadline=None)
@given(cases())
def test_the_same_request_always_gives_the_same_plan(case: Case) -> None:
    plan = case.build()
    assert build_plan(case.req, tuple(reversed(case.catalogue)), today=case.today) == plan
