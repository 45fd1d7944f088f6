"""The rules a coach checks first, over a grid of plans: 5 km to the marathon, 12 to 48 weeks,
20 to 120 km a week, 3 to 7 training days (each plan built once, every rule checked on all).

The rules' numbers are written here rather than imported, so a changed constant fails a test.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from datetime import timedelta

import pytest

from runseason.domain.periodization import (
    PlanDraft,
    PlanRequest,
    build_plan,
    hard_day_conflicts,
    plan_phases,
    volume_settings,
    week_volume,
    weekly_targets,
)
from runseason.domain.plan_model import HALF_MARATHON_M, LEVELS, MARATHON_M, WeekDraft
from tests.domain.test_periodization import CATALOGUE, TODAY, make_request

DISTANCES = (5_000.0, 10_000.0, HALF_MARATHON_M, MARATHON_M)
LENGTHS = (12, 16, 24, 48)
VOLUMES_KM = (20, 45, 90, 120)
DAY_SETS = {
    3: frozenset({1, 3, 6}),
    4: frozenset({1, 3, 5, 6}),
    5: frozenset({0, 1, 3, 5, 6}),
    6: frozenset({0, 1, 2, 3, 5, 6}),
    7: frozenset(range(7)),
}
LOADING = ("base", "build", "peak")
EPSILON_M = 1e-6
# Targets are whole 100 m.
ROUND_M = 100.0


@dataclass(frozen=True)
class Built:
    """A request of the grid and its plan."""

    req: PlanRequest
    plan: PlanDraft

    def delivered_m(self, week: WeekDraft) -> float:
        """What a week's sessions add up to (B/C races count, the A race does not)."""
        pace = self.req.easy_pace_s_per_km
        training = week_volume((s for s in week.sessions if s.role != "race"), pace_s_per_km=pace)
        races = (s for s in week.sessions if s.role == "race" and s.date != self.plan.race_date)
        return training + week_volume(races)

    def lowered(self) -> set[int]:
        """Weeks the plan says it lowered."""
        return {w.week_index or 0 for w in self.plan.warnings if w.kind == "volume_lowered"}

    def peak_m(self) -> float:
        """The plan's peak weekly volume (the coach's or the default)."""
        return volume_settings(self.req, len(self.plan.weeks)).peak_weekly_distance_m


@functools.cache
def grid() -> tuple[Built, ...]:
    """Every plan of the grid; the level turns with the combination, so all three appear."""
    built = []
    combos = itertools.product(DISTANCES, LENGTHS, VOLUMES_KM, sorted(DAY_SETS))
    for n, (distance_m, weeks, volume_km, days) in enumerate(combos):
        req = make_request(
            race_distance_m=distance_m,
            weeks=weeks,
            current_weekly_distance_m=volume_km * 1000.0,
            available_weekdays=DAY_SETS[days],
            level=LEVELS[n % 3],
            easy_pace_s_per_km=300.0 if volume_km >= 90 else 360.0,
        )
        built.append(Built(req, build_plan(req, CATALOGUE, today=TODAY)))
    return tuple(built)


def test_the_grid_covers_every_distance_length_volume_and_availability() -> None:
    reqs = [b.req for b in grid()]
    assert {r.race_distance_m for r in reqs} == set(DISTANCES)
    assert {r.weeks for r in reqs} == {12, 16, 24, 48}
    assert {r.current_weekly_distance_m for r in reqs} == {20_000.0, 45_000.0, 90_000.0, 120_000.0}
    assert {len(r.available_weekdays) for r in reqs} == {3, 4, 5, 6, 7}


def test_the_long_run_is_a_hard_day_with_no_quality_session_next_to_it() -> None:
    for b in grid():
        sessions = [s for w in b.plan.weeks for s in w.sessions]
        assert hard_day_conflicts(sessions) == ()
        quality_days = {s.date for s in sessions if s.role == "quality"}
        for long_run in (s for s in sessions if s.role == "long"):
            around = {long_run.date - timedelta(days=1), long_run.date + timedelta(days=1)}
            assert not around & quality_days, (b.req, long_run.date)


def test_cutbacks_come_every_nth_week_of_a_phase_never_first_nor_before_the_taper() -> None:
    for b in grid():
        weeks = b.plan.weeks
        for i, week in enumerate(weeks):
            first_of_phase = i == 0 or weeks[i - 1].phase != week.phase
            before_taper = i + 1 < len(weeks) and weeks[i + 1].phase == "taper"
            in_phase = sum(1 for w in weeks[: i + 1] if w.phase == week.phase)
            expected = week.phase in LOADING and in_phase % 4 == 0 and not before_taper
            assert week.is_cutback == expected, (b.req, week.index)
            assert not (week.is_cutback and (first_of_phase or before_taper))


def test_long_plans_give_extra_weeks_to_base_and_hold_at_most_six_peak_weeks() -> None:
    for b in grid():
        phases = [w.phase for w in b.plan.weeks]
        counts = {p: phases.count(p) for p in ("base", "build", "peak", "taper")}
        assert 3 <= counts["peak"] <= 6
        assert min(counts["base"], counts["build"]) >= 3
        if len(phases) >= 24:
            assert counts["base"] > max(counts["build"], counts["peak"], counts["taper"])


def test_the_default_peak_rises_at_most_ten_percent_a_week_and_ten_percent_over_16_weeks() -> None:
    for b in grid():
        current_m = b.req.current_weekly_distance_m
        phases = plan_phases(b.req, len(b.plan.weeks))
        targets = weekly_targets(phases, volume_settings(b.req, len(b.plan.weeks)))
        loaded = [t.distance_m for t in targets if t.phase in LOADING and not t.is_cutback]
        assert loaded[0] == current_m
        for before, after in itertools.pairwise(loaded):
            assert after <= before * 1.10 + EPSILON_M
        if len(b.plan.weeks) >= 16:
            assert max(loaded) >= current_m * 1.10 - EPSILON_M
        planned = [
            w.target_distance_m for w in b.plan.weeks if w.phase in LOADING and not w.is_cutback
        ]
        for i, after in enumerate(planned[1:], start=1):
            assert after <= max(current_m, *planned[:i]) * 1.10 + EPSILON_M


def test_every_loading_week_delivers_within_ten_percent_of_its_target() -> None:
    for b in grid():
        for week in b.plan.weeks:
            delivered_m = b.delivered_m(week)
            assert delivered_m <= week.target_distance_m + EPSILON_M
            if week.phase in LOADING:
                assert delivered_m >= 0.90 * week.target_distance_m, (b.req, week.index)


def test_loaded_weeks_progress_steadily_and_fall_only_in_a_cutback_or_the_taper() -> None:
    # A coach reads a plan as a staircase: each loaded week at most one step (10 %) over the
    # loaded weeks before it (or the current volume) and never below the one before it; only
    # cutbacks and the taper come down (the days' capacity used to zigzag 3-day plans).
    for b in grid():
        highest_m = b.req.current_weekly_distance_m
        previous_m = None
        for week in b.plan.weeks:
            if week.phase not in LOADING or week.is_cutback:
                continue
            target_m = week.target_distance_m
            if previous_m is not None:
                assert target_m >= previous_m - ROUND_M, (b.req, week.index)
            assert target_m <= highest_m * 1.10 + ROUND_M, (b.req, week.index)
            previous_m = target_m
            highest_m = max(highest_m, target_m)


def test_a_target_the_days_cannot_hold_is_lowered_with_a_warning() -> None:
    lowered_plans = 0
    for b in grid():
        phases = plan_phases(b.req, len(b.plan.weeks))
        targets = weekly_targets(phases, volume_settings(b.req, len(b.plan.weeks)))
        for week, target in zip(b.plan.weeks, targets, strict=True):
            lowered = week.target_distance_m < target.distance_m - EPSILON_M
            if lowered and not week.is_race_week:
                assert week.index in b.lowered(), (b.req, week.index)
        lowered_plans += bool(b.lowered())
    assert lowered_plans > 0


def test_the_long_run_stays_within_its_time_cap_and_a_sensible_share_of_its_week() -> None:
    for b in grid():
        high_volume = b.req.race_distance_m >= 30_000 and b.peak_m() >= 90_000
        cap_s = (180 if high_volume else 150) * 60.0
        for week in b.plan.weeks:
            for long_run in (s for s in week.sessions if s.role == "long"):
                assert long_run.duration_s <= cap_s + 1e-6
                runs = sum(1 for s in week.sessions if s.role != "race")
                share = 0.45 if runs <= 3 else 0.40 if runs == 4 else 0.30
                assert long_run.distance_m is not None
                assert long_run.distance_m <= share * week.target_distance_m + 100.0, (
                    b.req,
                    week.index,
                )
                easy = [s.distance_m or 0.0 for s in week.sessions if s.role == "easy"]
                days = min(len(b.req.available_weekdays), 4 if b.req.level == "beginner" else 7)
                ratio = 0.75 if days <= 4 else 1.0
                assert max(easy, default=0.0) <= ratio * long_run.distance_m + 100.0


def test_a_marathon_plan_whose_longest_run_stays_under_28_km_says_so() -> None:
    said = 0
    for b in grid():
        longest_m = max(w.long_run_distance_m for w in b.plan.weeks)
        warned = any(w.kind == "short_long_run" for w in b.plan.warnings)
        assert warned == (b.req.race_distance_m == MARATHON_M and longest_m < 28_000.0)
        said += warned
    assert said > 0


def test_the_taper_lasts_two_weeks_three_for_high_volume_marathoners_and_keeps_intensity() -> None:
    for b in grid():
        weeks = b.plan.weeks
        taper = [w for w in weeks if w.phase == "taper"]
        high_volume = b.req.race_distance_m == MARATHON_M and b.peak_m() >= 90_000
        assert len(taper) == (3 if high_volume else 2)
        loaded = [w for w in weeks if w.phase in LOADING and not w.is_cutback]
        reference_m = max(w.target_distance_m for w in loaded[-3:])
        first_cut = 1 - taper[0].target_distance_m / reference_m
        last_cut = 1 - taper[-1].target_distance_m / reference_m
        if taper[0].index not in b.lowered():
            assert 0.20 - 1e-9 <= first_cut <= 0.30 + 1e-9
        assert first_cut >= 0.20 - 1e-9
        assert last_cut >= 0.40 - 1e-9  # the race week may hold less when its days are few
        phases = plan_phases(b.req, len(weeks))
        targets = weekly_targets(phases, volume_settings(b.req, len(weeks)))
        planned = [t for t in targets if t.phase in LOADING and not t.is_cutback][-1].distance_m
        assert 0.40 - 1e-9 <= 1 - targets[len(weeks) - 1].distance_m / planned <= 0.60 + 1e-9
        assert all(w.quality_target >= 1 for w in taper)
        if len(b.req.available_weekdays) >= 5:
            assert all(any(s.role == "quality" for s in w.sessions) for w in taper)


@pytest.mark.parametrize(("days", "volume_km"), [(3, 60), (4, 100)])
def test_few_days_lower_a_marathon_week_and_keep_the_long_run_in_proportion(
    days: int, volume_km: int
) -> None:
    req = make_request(
        race_distance_m=MARATHON_M,
        weeks=18,
        current_weekly_distance_m=volume_km * 1000.0,
        available_weekdays=DAY_SETS[days],
    )
    plan = build_plan(req, CATALOGUE, today=TODAY)
    first = plan.weeks[0]
    assert first.target_distance_m < volume_km * 1000.0
    assert 1 in {w.week_index for w in plan.warnings if w.kind == "volume_lowered"}
    assert first.long_run_distance_m <= (0.45 if days == 3 else 0.40) * first.target_distance_m
    easy = [s.distance_m or 0.0 for s in first.sessions if s.role == "easy"]
    assert max(easy) <= 0.75 * first.long_run_distance_m


def test_a_coach_who_asks_for_a_flat_plan_gets_one() -> None:
    req = make_request(
        weeks=20, current_weekly_distance_m=50_000.0, peak_weekly_distance_m=50_000.0
    )
    plan = build_plan(req, CATALOGUE, today=TODAY)
    loaded = [w.target_distance_m for w in plan.weeks if w.phase in LOADING and not w.is_cutback]
    assert loaded == [50_000.0] * len(loaded)
    rising = build_plan(
        make_request(weeks=20, current_weekly_distance_m=50_000.0), CATALOGUE, today=TODAY
    )
    assert max(w.target_distance_m for w in rising.weeks) >= 55_000.0
