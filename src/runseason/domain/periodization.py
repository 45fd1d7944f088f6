"""The periodized plan builder: from a coach's request and a session catalogue to a dated plan.

A plan of 12 to 48 weeks runs Base → Build → Peak → Taper (→ optional recovery weeks after the
A race). The pieces live in their own modules and are re-exported here:

- ``plan_model``: the request, catalogue entry and draft values, and the session-RPE table.
- ``plan_validation``: every check on a request (``validate_plan_request``) and its dates.
- ``plan_phases``: ``phase_layout`` (proportions by race distance, Daniels' drop order).
- ``plan_volume``: ``weekly_targets`` (progression cap, cutbacks, taper, long run, quality count).
- ``plan_calendar``, ``plan_schedule`` and ``plan_week``: which day gets which session.
- ``plan_capacity``: what a week's free days can hold, so a week's target is one it delivers.
- ``plan_sessions``: session drafts with targets and planned load; the editing rules
  ``hard_day_conflicts`` (the long run counts as a hard day) and ``week_volume``.
- ``plan_text``: session titles from planned values and the warnings, in the athlete's unit.

A plan carries ``warnings``: weeks lowered because the available days cannot hold them, and a
marathon plan whose longest run stays under 28 km.

Weeks start on the Monday of the start date's week; ``PlanDraft.start_date`` is the first day a
session may be planned (the requested start, or that Monday when anchored to the race, and never
before today). The builder is deterministic: the same request and catalogue give the same plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from runseason.domain.plan_calendar import Calendar, build_calendar
from runseason.domain.plan_capacity import steady_ceilings
from runseason.domain.plan_model import (
    LOADING_PHASES,
    CatalogueEntry,
    PlanDraft,
    PlanRequest,
    PlanWarning,
    SecondaryRace,
    SessionDraft,
    WeekDraft,
    WeekTarget,
    planned_load,
)
from runseason.domain.plan_phases import LONG_RACE_MIN_M, phase_layout, taper_weeks
from runseason.domain.plan_schedule import Scheduler
from runseason.domain.plan_sessions import hard_day_conflicts, week_volume
from runseason.domain.plan_templates import TemplatePicker
from runseason.domain.plan_validation import plan_dates, validate_plan_request
from runseason.domain.plan_volume import (
    VolumeSettings,
    default_peak_weekly_distance_m,
    initial_long_run_m,
    weekly_targets,
)
from runseason.domain.plan_week import WeekState

# Passes of the scheduler to hold loaded weeks at what the weeks after them hold (a lowered
# week has a shorter long run, which can lower the weeks after it: three passes settle the grid).
STEADY_PASSES = 4
# Our default: most marathon plans reach a long run of 28–32 km (Daniels, Pfitzinger).
MARATHON_LONGEST_RUN_M = 28_000.0

__all__ = [
    "CatalogueEntry",
    "PlanDraft",
    "PlanRequest",
    "PlanWarning",
    "SecondaryRace",
    "SessionDraft",
    "VolumeSettings",
    "WeekDraft",
    "WeekTarget",
    "build_plan",
    "hard_day_conflicts",
    "phase_layout",
    "plan_phases",
    "planned_load",
    "taper_weeks",
    "validate_plan_request",
    "volume_settings",
    "week_volume",
    "weekly_targets",
]


def volume_settings(req: PlanRequest, training_weeks: int) -> VolumeSettings:
    """The volume knobs of a request, with the peak weekly volume filled in."""
    peak_m = req.peak_weekly_distance_m
    if peak_m is None:
        peak_m = default_peak_weekly_distance_m(
            req.race_distance_m,
            req.level,
            req.current_weekly_distance_m,
            weeks=training_weeks,
            max_weekly_increase=req.max_weekly_increase,
        )
    return VolumeSettings(
        race_distance_m=req.race_distance_m,
        current_weekly_distance_m=req.current_weekly_distance_m,
        peak_weekly_distance_m=peak_m,
        level=req.level,
        easy_pace_s_per_km=req.easy_pace_s_per_km,
        cutback_every=req.cutback_every,
        cutback_reduction=req.cutback_reduction,
        max_weekly_increase=req.max_weekly_increase,
        max_long_run_increase_m=req.max_long_run_increase_m,
        current_long_run_m=req.current_long_run_m,
    )


def plan_phases(req: PlanRequest, training_weeks: int) -> tuple[str, ...]:
    """The phase of every week of a request: the layout, then any recovery weeks."""
    peak_m = volume_settings(req, training_weeks).peak_weekly_distance_m
    layout = phase_layout(training_weeks, req.race_distance_m, peak_weekly_distance_m=peak_m)
    return layout + ("recovery",) * req.recovery_weeks


def build_plan(req: PlanRequest, catalogue: Sequence[CatalogueEntry], *, today: date) -> PlanDraft:
    """Build the whole plan, or raise ``InvalidInput`` without building anything."""
    validate_plan_request(req, today=today)
    dates = plan_dates(req, today=today)
    phases = plan_phases(req, dates.weeks)
    picker = TemplatePicker(catalogue, req.level)
    for phase in sorted(set(phases)):
        for role in ("recovery",) if phase == "recovery" else ("easy", "long"):
            picker.require(role, phase)
    settings = volume_settings(req, dates.weeks)
    targets = weekly_targets(phases, settings)
    calendar = build_calendar(req, dates, len(phases))
    ceilings: dict[int, float] = {}
    for _ in range(STEADY_PASSES):
        weeks_at = [(t, dates.first_monday + timedelta(weeks=t.index - 1)) for t in targets]
        scheduler, states = _schedule(req, calendar, picker, settings, weeks_at, ceilings)
        loaded = [
            (s.target.index, s.target_distance_m / s.race_cut, _regular(s, req, calendar))
            for s in states
            if _loaded(s)
        ]
        found = steady_ceilings(loaded)
        if not found:
            break
        for index, ceiling_m in found.items():
            ceilings[index] = min(ceilings.get(index, ceiling_m), ceiling_m)
    weeks = tuple(s.to_draft() for s in states)
    warnings = (*scheduler.warnings, *long_run_warnings(req.race_distance_m, weeks))
    return PlanDraft(dates.start_date, dates.race_date, weeks, warnings)


def _loaded(state: WeekState) -> bool:
    return state.target.phase in LOADING_PHASES and not state.target.is_cutback


def _regular(state: WeekState, req: PlanRequest, calendar: Calendar) -> bool:
    """A week with all its usual days open and no race near: what the athlete's days hold."""
    open_days = [d for d in state.days if d in calendar.open_days]
    near_race = any(d in calendar.no_hard or d in calendar.races for d in state.days)
    return len(open_days) == len(req.available_weekdays) and not near_race


def _schedule(
    req: PlanRequest,
    calendar: Calendar,
    picker: TemplatePicker,
    settings: VolumeSettings,
    weeks_at: Sequence[tuple[WeekTarget, date]],
    ceilings: Mapping[int, float],
) -> tuple[Scheduler, list[WeekState]]:
    """Place every week's sessions, loaded weeks held at their ceilings (``steady_ceilings``)."""
    scheduler = Scheduler(
        req,
        calendar,
        picker,
        settings,
        initial_long_run_m=initial_long_run_m(settings),
        ceilings=ceilings,
    )
    states = [scheduler.open_week(target, monday) for target, monday in weeks_at]
    for state in states:
        scheduler.choose_long_day(state)
    for state in states:
        scheduler.place_quality(state)
    for state in states:
        scheduler.complete_week(state)
    return scheduler, states


def long_run_warnings(
    race_distance_m: float, weeks: Sequence[WeekDraft]
) -> tuple[PlanWarning, ...]:
    """A marathon plan whose longest run stays under 28 km says so."""
    if race_distance_m < LONG_RACE_MIN_M:
        return ()
    longest_m = max((w.long_run_distance_m for w in weeks), default=0.0)
    if longest_m >= MARATHON_LONGEST_RUN_M:
        return ()
    return (PlanWarning("short_long_run", None, MARATHON_LONGEST_RUN_M, longest_m),)
