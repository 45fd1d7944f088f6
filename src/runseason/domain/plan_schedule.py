"""Day-level scheduling: which day gets the race, the long run, quality, strides and easy runs.

Placement order, so scarce days go to the sessions that matter most:

1. Races are fixed and hard (see ``plan_calendar`` for mini-tapers and recovery days). A B or C
   race cuts its week's volume by 20 % or 10 % (our defaults), and the race counts in that volume;
   when the race alone is longer than that, the week holds the race and no training.
2. Long runs, week by week, on the preferred weekday or the nearest open day to it; a B race
   replaces the week's long run. A long run never grows more than the long-run cap over the
   longest one planned before it. A hard long-run template keeps clear of other hard days.
3. Quality sessions, week by week after all long runs are placed, on open days outside
   mini-tapers and not next to any hard day (unless the coach allows consecutive hard days), as
   far as possible from the other hard days.
4. A recovery run the day after a B or C race, one strides session in base and build weeks (only
   when the easy runs left can still carry the week's volume), then easy runs sharing what is
   left of the volume (at least 3 km each, never longer than the week's long run), spread out
   across the free days.

A week's training days are capped by level (4 / 6 / 7, races aside) and its planned volume never
exceeds its target: a session that does not fit the remaining volume is left out, so a week with
few open days can fall short of its target but never overshoots it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from runseason.domain.plan_calendar import Calendar, next_to, spread_pick
from runseason.domain.plan_model import (
    LEVELS,
    CatalogueEntry,
    PlanRequest,
    SessionDraft,
    WeekDraft,
    WeekTarget,
)
from runseason.domain.plan_sessions import (
    estimated_distance_m,
    fixed_session,
    floor_distance_m,
    race_duration_s,
    race_session,
    scaled_session,
)
from runseason.domain.plan_templates import TemplatePicker

# A B or C race's week runs this much lighter, race included (our defaults).
SECONDARY_VOLUME_CUT: dict[str, float] = {"B": 0.20, "C": 0.10}
# Training days per week by level, races aside (our defaults).
MAX_RUN_DAYS = (4, 6, 7)
MIN_EASY_RUN_M = 3_000.0
MIN_RECOVERY_RUN_M = 2_000.0
RECOVERY_RUN_S = 30 * 60.0
STRIDES_PHASES = frozenset({"base", "build"})
_EPSILON_M = 1e-6


@dataclass(slots=True)
class WeekState:
    """What has been placed so far in one week, and how much volume is left."""

    target: WeekTarget
    days: tuple[date, ...]
    target_distance_m: float
    budget_m: float
    sessions: dict[date, SessionDraft] = field(default_factory=dict)
    long_run_m: float = 0.0

    def add(self, session: SessionDraft, volume_m: float) -> None:
        """Place a session and spend its volume."""
        self.sessions[session.date] = session
        self.budget_m -= volume_m

    def run_days(self) -> int:
        """Training days used so far (races aside)."""
        return sum(1 for s in self.sessions.values() if s.role != "race")

    def to_draft(self) -> WeekDraft:
        """The finished week as a frozen draft."""
        t = self.target
        sessions = tuple(self.sessions[d] for d in sorted(self.sessions))
        return WeekDraft(
            index=t.index,
            start_date=self.days[0],
            phase=t.phase,
            is_cutback=t.is_cutback,
            is_taper=t.is_taper,
            is_race_week=t.is_race_week,
            target_distance_m=self.target_distance_m,
            long_run_distance_m=self.long_run_m,
            sessions=sessions,
            quality_target=t.quality_sessions,
        )


class Scheduler:
    """Places sessions week by week, remembering hard days and template rotation across weeks."""

    def __init__(
        self,
        req: PlanRequest,
        calendar: Calendar,
        picker: TemplatePicker,
        *,
        initial_long_run_m: float,
    ) -> None:
        self.req = req
        self.calendar = calendar
        self.picker = picker
        self.hard_days: set[date] = set(calendar.races)
        self.long_days: set[date] = set()
        self.quality_turns: dict[str, int] = {}
        self.longest_long_m = initial_long_run_m
        self.max_days = MAX_RUN_DAYS[LEVELS.index(req.level)]

    def open_week(self, target: WeekTarget, week_start: date) -> WeekState:
        """A week with its races placed and its volume budget set."""
        days = tuple(week_start + timedelta(days=i) for i in range(7))
        state = WeekState(target, days, target.distance_m, target.distance_m)
        secondary_m = 0.0
        for day in (d for d in days if d in self.calendar.races):
            race = self.calendar.races[day]
            duration_s = race_duration_s(
                race.distance_m,
                goal_time_s=self.req.goal_time_s,
                goal_distance_m=self.req.race_distance_m,
                easy_pace_s_per_km=self.req.easy_pace_s_per_km,
            )
            state.sessions[day] = race_session(
                day, distance_m=race.distance_m, duration_s=duration_s, phase=target.phase
            )
            if race.priority != "A":  # the A race stands outside the taper's volume
                state.target_distance_m *= 1.0 - SECONDARY_VOLUME_CUT[race.priority]
                secondary_m += race.distance_m
        state.budget_m = max(state.target_distance_m - secondary_m, 0.0)
        return state

    def place_long_run(self, state: WeekState) -> None:
        """Put the week's long run on the best open day (none in a B-race week)."""
        target = state.target
        if target.long_run_distance_m <= 0 or self._has_b_race(state):
            return
        entry = self.picker.pick("long", target.phase, target.index - 1)
        assert entry is not None  # build_plan checked the catalogue
        cap_m = self.longest_long_m + self.req.max_long_run_increase_m
        distance_m = floor_distance_m(min(target.long_run_distance_m, state.budget_m, cap_m))
        candidates = [
            d
            for d in self._free_days(state)
            if d not in self.calendar.no_hard
            and (not entry.is_hard or self._may_be_hard_next_to_others(d))
        ]
        if not candidates or distance_m < MIN_EASY_RUN_M:
            return
        preferred = self.calendar.preferred_long_weekday
        day = min(candidates, key=lambda d: (abs(d.weekday() - preferred), d))
        state.add(self._scaled(entry, day, "long", target.phase, distance_m), distance_m)
        state.long_run_m = distance_m
        self.longest_long_m = max(self.longest_long_m, distance_m)
        self.long_days.add(day)
        if entry.is_hard:
            self.hard_days.add(day)

    def place_quality(self, state: WeekState) -> None:
        """Place the week's quality sessions on open days away from other hard days."""
        phase = state.target.phase
        for _ in range(state.target.quality_sessions):
            turn = self.quality_turns.get(phase, 0)
            entry = self.picker.pick("quality", phase, turn)
            if entry is None or state.run_days() >= self.max_days:
                return
            volume_m = estimated_distance_m(entry, self.req.easy_pace_s_per_km)
            candidates = [
                d
                for d in self._free_days(state)
                if d not in self.calendar.no_hard and self._may_be_hard_next_to_others(d)
            ]
            if not candidates or volume_m > state.budget_m + _EPSILON_M:
                return
            day = spread_pick(candidates, self._key_days_near(state))
            state.add(fixed_session(entry, day, role="quality", phase=phase), volume_m)
            self.hard_days.add(day)
            self.quality_turns[phase] = turn + 1

    def complete_week(self, state: WeekState) -> None:
        """Add recovery runs, strides and easy runs to finish the week."""
        self._place_recovery_runs(state)
        self._place_strides(state)
        self._place_easy_runs(state)

    def _place_recovery_runs(self, state: WeekState) -> None:
        phase = state.target.phase
        for day in self._free_days(state):
            if day not in self.calendar.recovery_days or state.run_days() >= self.max_days:
                continue
            entry = self.picker.pick("recovery", phase, state.target.index - 1)
            by_time_m = RECOVERY_RUN_S / self.req.easy_pace_s_per_km * 1000.0
            distance_m = floor_distance_m(min(by_time_m, state.budget_m))
            if entry is not None and distance_m >= MIN_RECOVERY_RUN_M:
                state.add(self._scaled(entry, day, "recovery", phase, distance_m), distance_m)

    def _place_strides(self, state: WeekState) -> None:
        phase = state.target.phase
        if phase not in STRIDES_PHASES or state.run_days() >= self.max_days:
            return
        entry = self.picker.pick("strides", phase, state.target.index - 1)
        candidates = self._easy_days(state)
        if entry is None or not candidates:
            return
        volume_m = estimated_distance_m(entry, self.req.easy_pace_s_per_km)
        easy_days_after = min(len(candidates), self.max_days - state.run_days()) - 1
        easy_cap_m = state.long_run_m if state.long_run_m > 0 else math.inf
        carried = state.budget_m - volume_m <= easy_days_after * easy_cap_m + _EPSILON_M
        if volume_m <= state.budget_m + _EPSILON_M and carried:
            day = spread_pick(candidates, set(state.sessions))
            state.add(fixed_session(entry, day, role="strides", phase=phase), volume_m)

    def _place_easy_runs(self, state: WeekState) -> None:
        phase = state.target.phase
        role = "recovery" if phase == "recovery" else "easy"
        entry = self.picker.pick(role, phase, state.target.index - 1)
        candidates = self._easy_days(state)
        days_left = self.max_days - state.run_days()
        count = min(len(candidates), days_left, math.floor(state.budget_m / MIN_EASY_RUN_M + 1e-9))
        if entry is None or count <= 0:
            return
        share_m = state.budget_m / count
        if state.long_run_m > 0:
            share_m = min(share_m, state.long_run_m)
        distance_m = floor_distance_m(share_m)
        for _ in range(count):
            day = spread_pick(candidates, set(state.sessions))
            candidates.remove(day)
            state.add(self._scaled(entry, day, role, phase, distance_m), distance_m)

    def _scaled(
        self, entry: CatalogueEntry, day: date, role: str, phase: str, distance_m: float
    ) -> SessionDraft:
        return scaled_session(
            entry,
            day,
            role=role,
            phase=phase,
            distance_m=distance_m,
            easy_pace_s_per_km=self.req.easy_pace_s_per_km,
        )

    def _free_days(self, state: WeekState) -> list[date]:
        return [d for d in state.days if d in self.calendar.open_days and d not in state.sessions]

    def _easy_days(self, state: WeekState) -> list[date]:
        return [d for d in self._free_days(state) if d not in self.calendar.recovery_days]

    def _has_b_race(self, state: WeekState) -> bool:
        races = self.calendar.races
        return any(races[d].priority == "B" for d in state.days if d in races)

    def _may_be_hard_next_to_others(self, day: date) -> bool:
        return self.req.allow_consecutive_hard or not next_to(day, self.hard_days)

    def _key_days_near(self, state: WeekState) -> set[date]:
        window = [state.days[0] + timedelta(days=i) for i in range(-7, 14)]
        return {d for d in window if d in self.hard_days or d in self.long_days}
