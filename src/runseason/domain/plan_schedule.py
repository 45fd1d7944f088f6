"""Day-level scheduling: which day gets the race, the long run, quality, strides and easy runs.

Placement order, so scarce days go to the sessions that matter most:

1. Races are fixed and hard (see ``plan_calendar`` for mini-tapers and recovery days). A B or C
   race cuts its week's volume by 20 % or 10 % (our defaults), and the race counts in that volume.
2. Long-run days, week by week, on the preferred weekday or the nearest open day to it; a B race
   replaces the week's long run. The long run counts as a hard day: no quality session the day
   before or after it, and no long run next to another hard day.
3. Quality sessions, week by week after every long-run day is chosen, on open days outside
   mini-tapers and not next to any hard day (unless the coach allows consecutive hard days), as
   far as possible from the other hard days.
4. Then each week is completed in order: a recovery run the day after a B or C race; the week's
   target is lowered when its days cannot hold it (``plan_capacity``); the long run gets its
   distance (never more than the long-run cap over the longest one before it); one strides
   session in base and build weeks when the week's volume still fits; easy runs share what is
   left (at least 3 km each, never longer than the long run), spread across the free days.

A week's training days are capped by level (4 / 6 / 7, races aside). Its planned volume never
exceeds its target and stays within 10 % of it: when the sessions fall further short, the target
is lowered to what they hold and the plan carries a warning.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta

from runseason.domain.plan_calendar import Calendar, next_to, spread_pick
from runseason.domain.plan_capacity import easy_ratio, long_share, week_capacity_m
from runseason.domain.plan_model import (
    LEVELS,
    LOADING_PHASES,
    CatalogueEntry,
    PlanRequest,
    PlanWarning,
    SessionDraft,
    WeekTarget,
)
from runseason.domain.plan_sessions import (
    estimated_distance_m,
    fixed_session,
    floor_distance_m,
    race_duration_s,
    race_session,
    scaled_session,
    week_volume,
)
from runseason.domain.plan_templates import TemplatePicker
from runseason.domain.plan_volume import VolumeSettings, long_run_limit_m
from runseason.domain.plan_week import WeekState, independent_days

# A B or C race's week runs this much lighter, race included (our defaults).
SECONDARY_VOLUME_CUT: dict[str, float] = {"B": 0.20, "C": 0.10}
# Training days per week by level, races aside (our defaults).
MAX_RUN_DAYS = (4, 6, 7)
MIN_EASY_RUN_M = 3_000.0
MIN_RECOVERY_RUN_M = 2_000.0
RECOVERY_RUN_S = 30 * 60.0
STRIDES_PHASES = frozenset({"base", "build"})
# A week's sessions deliver at least this share of its target, or the target is lowered.
DELIVERY_FLOOR = 0.90
KEEP_TARGET_SHARE = 0.95
_EPSILON_M = 1e-6
ROUND_M = 100.0


class Scheduler:
    """Places sessions week by week, remembering hard days and template rotation across weeks."""

    def __init__(
        self,
        req: PlanRequest,
        calendar: Calendar,
        picker: TemplatePicker,
        settings: VolumeSettings,
        *,
        initial_long_run_m: float,
        ceilings: Mapping[int, float] | None = None,
    ) -> None:
        self.req = req
        self.calendar = calendar
        self.picker = picker
        self.settings = settings
        self.hard_days: set[date] = set(calendar.races)
        self.quality_turns: dict[str, int] = {}
        self.longest_long_m = initial_long_run_m
        self.max_days = MAX_RUN_DAYS[LEVELS.index(req.level)]
        self.warnings: list[PlanWarning] = []
        self.loaded_m: list[float] = [settings.current_weekly_distance_m]
        # loaded weeks held at what the loaded weeks after them hold (plan_capacity)
        self.ceilings: Mapping[int, float] = ceilings or {}

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
                state.race_cut *= 1.0 - SECONDARY_VOLUME_CUT[race.priority]
                state.target_distance_m *= 1.0 - SECONDARY_VOLUME_CUT[race.priority]
                secondary_m += race.distance_m
        state.budget_m = max(state.target_distance_m - secondary_m, 0.0)
        return state

    def choose_long_day(self, state: WeekState) -> None:
        """Reserve the week's long-run day (none in race week or a B-race week)."""
        if state.target.long_run_distance_m <= 0 or self._has_b_race(state):
            return
        candidates = [
            d
            for d in self._free_days(state)
            if d not in self.calendar.no_hard and self._may_be_hard(d)
        ]
        if not candidates:
            return
        preferred = self.calendar.preferred_long_weekday
        state.long_day = min(candidates, key=lambda d: (abs(d.weekday() - preferred), d))
        self.hard_days.add(state.long_day)

    def place_quality(self, state: WeekState) -> None:
        """Place the week's quality sessions on open days away from other hard days."""
        phase = state.target.phase
        reserve_m = state.target.long_run_distance_m if state.long_day is not None else 0.0
        # Two days of the week stay for the long run and easy running, one when only two are open.
        wanted = min(state.target.quality_sessions, max(self._open_run_days(state) - 2, 1))
        for placed in range(wanted):
            turn = self.quality_turns.get(phase, 0)
            entry = self.picker.pick("quality", phase, turn)
            if entry is None or state.run_days() >= self.max_days:
                return
            volume_m = estimated_distance_m(entry, self.req.easy_pace_s_per_km)
            candidates = [
                d
                for d in self._free_days(state)
                if d not in self.calendar.no_hard and self._may_be_hard(d)
            ]
            if not candidates or volume_m > state.budget_m - reserve_m + _EPSILON_M:
                return
            day = self._quality_day(state, candidates, wanted - placed - 1)
            state.add(fixed_session(entry, day, role="quality", phase=phase), volume_m)
            self.hard_days.add(day)
            self.quality_turns[phase] = turn + 1

    def _quality_day(self, state: WeekState, candidates: list[date], still_wanted: int) -> date:
        """The candidate that leaves room for the sessions still wanted, then the most spread."""

        def room(day: date) -> int:
            if self.req.allow_consecutive_hard:
                return still_wanted
            left = [d for d in candidates if abs((d - day).days) > 1]
            return min(independent_days(left), still_wanted)

        best = max(room(d) for d in candidates)
        return spread_pick([d for d in candidates if room(d) == best], self._key_days_near(state))

    def complete_week(self, state: WeekState) -> None:
        """Recovery runs, the fitted target, strides, the long run and easy runs."""
        self._place_recovery_runs(state)
        self._fit_target(state)
        strides = self._strides_entry(state)
        if strides is not None and self._fits_with_strides(state, strides):
            self._place_strides(state, strides)
        self._place_long_run(state)
        self._place_easy_runs(state)
        self._check_delivery(state)
        if state.target.phase in LOADING_PHASES and not state.target.is_cutback:
            self.loaded_m.append(state.target_distance_m / state.race_cut)

    def _long_cap_m(self, state: WeekState) -> float:
        """The long run's absolute cap this week: its target, time and jump caps."""
        jump_m = self.longest_long_m + self.req.max_long_run_increase_m
        if self._open_run_days(state) >= 5:
            return min(state.target.long_run_distance_m, jump_m)
        by_time_m = self.settings.long_run_max_s() / self.req.easy_pace_s_per_km * 1000.0
        return min(by_time_m, jump_m)

    def _easy_cap_m(self, state: WeekState) -> float:
        """How long an easy run may be: the long run's length, or the week's long-run limit."""
        if state.long_day is not None:
            long_m = state.long_run_m if state.long_run_m > 0 else self._long_cap_m(state)
            return long_m * easy_ratio(self._open_run_days(state))
        s = self.settings
        return long_run_limit_m(
            state.target_distance_m, s.race_distance_m, s.easy_pace_s_per_km, s.long_run_max_s()
        )

    def _open_run_days(self, state: WeekState) -> int:
        """Run days the week can use: those placed plus the free easy days, within the cap."""
        return min(state.run_days() + len(self._easy_days(state)), self.max_days)

    def _capacity_m(self, state: WeekState, extra_fixed_m: float, easy_days: int) -> float:
        fixed_m = state.target_distance_m - state.budget_m + extra_fixed_m
        has_long = state.long_day is not None
        cap_m = self._long_cap_m(state) if has_long else self._easy_cap_m(state)
        days = self._open_run_days(state)
        return week_capacity_m(
            fixed_m=fixed_m,
            long_cap_m=cap_m,
            easy_days=easy_days,
            share=long_share(days),
            has_long=has_long,
            ratio=easy_ratio(days),
        )

    def _easy_day_count(self, state: WeekState) -> int:
        return max(min(len(self._easy_days(state)), self.max_days - state.run_days()), 0)

    def _fits_with_strides(self, state: WeekState, entry: CatalogueEntry) -> bool:
        """Strides take an easy day: place them only when the week's volume still fits."""
        volume_m = self._volume(entry)
        days = self._easy_day_count(state)
        left_m = state.budget_m - volume_m - self._long_run_for(state, state.target_distance_m)
        if left_m < -_EPSILON_M or ROUND_M < left_m < MIN_EASY_RUN_M or days == 0:
            return False
        with_strides = self._capacity_m(state, volume_m, days - 1)
        return with_strides >= state.target_distance_m - _EPSILON_M

    def _fit_target(self, state: WeekState) -> None:
        """Lower the week's target to what its days hold and to the weeks before it; say so.

        Easy runs are at least 3 km: when what the long run leaves is less, the week is fitted
        with one easy day fewer. A shortfall under 5 % keeps the target (the week still delivers
        within 10 % of it).
        """
        requested_m = state.target_distance_m
        fixed_m = requested_m - state.budget_m
        reference_m = self._reference_cap_m(state)
        for easy_days in range(self._easy_day_count(state), -1, -1):
            capacity_m = self._capacity_m(state, 0.0, easy_days)
            if capacity_m >= KEEP_TARGET_SHARE * requested_m:
                capacity_m = math.inf
            target_m = min(requested_m, capacity_m, reference_m)
            left_m = target_m - fixed_m - self._long_run_for(state, target_m)
            if easy_days == 0 or not ROUND_M < left_m < MIN_EASY_RUN_M:
                break
        if target_m < requested_m - _EPSILON_M:
            # what is placed already stays
            self._lower_target(state, max(floor_distance_m(target_m), fixed_m))

    def _long_run_for(self, state: WeekState, target_m: float) -> float:
        """The long run a week of this target gets (0 without a long-run day)."""
        if state.long_day is None:
            return 0.0
        share_m = long_share(self._open_run_days(state)) * target_m
        return floor_distance_m(min(self._long_cap_m(state), share_m))

    def _reference_cap_m(self, state: WeekState) -> float:
        """What the weeks already planned allow this one, once an earlier week was lowered.

        A loaded week grows at most the weekly cap over the highest loaded week before it (or the
        athlete's current volume); a cutback, taper or recovery week keeps its ratio to the
        highest of the last three loaded weeks, so one short week (a holiday) does not drag down
        the weeks after it.
        """
        target = state.target
        loaded = target.phase in LOADING_PHASES and not target.is_cutback
        reference_m = max(self.loaded_m) if loaded else max(self.loaded_m[-3:])
        ceiling_m = self.ceilings.get(target.index, math.inf)
        return min(reference_m * target.reference_ratio, ceiling_m) * state.race_cut

    def _lower_target(self, state: WeekState, new_target_m: float) -> None:
        """Lower a week's target; a training week says so (the race week is short by design)."""
        spent_m = state.target_distance_m - state.budget_m
        requested_m = state.target_distance_m
        state.target_distance_m = new_target_m
        state.budget_m = max(new_target_m - spent_m, 0.0)
        if state.target.is_race_week or state.target.phase == "recovery":
            return
        run_days = self._open_run_days(state)
        warning = PlanWarning(
            "volume_lowered", state.target.index, requested_m, new_target_m, run_days
        )
        self.warnings.append(warning)

    def _place_long_run(self, state: WeekState) -> None:
        day = state.long_day
        if day is None:
            return
        entry = self.picker.pick("long", state.target.phase, state.target.index - 1)
        assert entry is not None  # build_plan checked the catalogue
        long_m = self._long_run_for(state, state.target_distance_m)
        distance_m = floor_distance_m(min(long_m, state.budget_m))
        if distance_m < MIN_EASY_RUN_M:
            state.long_day = None
            return
        state.add(self._scaled(entry, day, "long", state.target.phase, distance_m), distance_m)
        state.long_run_m = distance_m
        self.longest_long_m = max(self.longest_long_m, distance_m)

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

    def _strides_entry(self, state: WeekState) -> CatalogueEntry | None:
        phase = state.target.phase
        if phase not in STRIDES_PHASES or state.run_days() >= self.max_days:
            return None
        return self.picker.pick("strides", phase, state.target.index - 1)

    def _place_strides(self, state: WeekState, entry: CatalogueEntry) -> None:
        candidates = self._easy_days(state)
        volume_m = self._volume(entry)
        if candidates and volume_m <= state.budget_m + _EPSILON_M:
            day = spread_pick(candidates, set(state.sessions))
            phase = state.target.phase
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
        distance_m = floor_distance_m(min(state.budget_m / count, self._easy_cap_m(state)))
        for _ in range(count):
            day = spread_pick(candidates, set(state.sessions))
            candidates.remove(day)
            state.add(self._scaled(entry, day, role, phase, distance_m), distance_m)

    def _check_delivery(self, state: WeekState) -> None:
        """Lower a target its sessions miss by more than 10 % (a last guard, with a warning)."""
        training = [s for s in state.sessions.values() if s.role != "race"]
        races = self.calendar.races
        secondary = [s for s in state.sessions.values() if s.role == "race"]
        delivered_m = week_volume(training, pace_s_per_km=self.req.easy_pace_s_per_km)
        delivered_m += week_volume(s for s in secondary if races[s.date].priority != "A")
        if delivered_m < DELIVERY_FLOOR * state.target_distance_m and delivered_m > 0:
            self._lower_target(state, delivered_m)

    def _volume(self, entry: CatalogueEntry | None) -> float:
        return 0.0 if entry is None else estimated_distance_m(entry, self.req.easy_pace_s_per_km)

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
        return [
            d
            for d in state.days
            if d in self.calendar.open_days and d not in state.sessions and d != state.long_day
        ]

    def _easy_days(self, state: WeekState) -> list[date]:
        return [d for d in self._free_days(state) if d not in self.calendar.recovery_days]

    def _has_b_race(self, state: WeekState) -> bool:
        races = self.calendar.races
        return any(races[d].priority == "B" for d in state.days if d in races)

    def _may_be_hard(self, day: date) -> bool:
        return self.req.allow_consecutive_hard or not next_to(day, self.hard_days)

    def _key_days_near(self, state: WeekState) -> set[date]:
        window = [state.days[0] + timedelta(days=i) for i in range(-7, 14)]
        return {d for d in window if d in self.hard_days}
