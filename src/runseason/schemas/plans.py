"""Race goals and training plans at the boundary."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field, model_validator

from runseason.schemas.common import Input, Output


class GoalCreate(Input):
    """A race the athlete trains for."""

    name: str = Field(min_length=2, max_length=200)
    distance_m: float = Field(ge=800, le=250_000)
    race_date: date
    target_time_s: float | None = Field(None, gt=60, le=48 * 3600)
    priority: Literal["A", "B", "C"] = "A"


class GoalUpdate(Input):
    """A change to a race goal; fields left out stay as they are."""

    name: str | None = Field(None, min_length=2, max_length=200)
    distance_m: float | None = Field(None, ge=800, le=250_000)
    race_date: date | None = None
    target_time_s: float | None = Field(None, gt=60, le=48 * 3600)
    priority: Literal["A", "B", "C"] | None = None
    status: Literal["planned", "completed", "cancelled"] | None = None


class GoalRead(Output):
    """A stored race goal."""

    id: int
    athlete_id: int
    name: str
    distance_m: float
    race_date: date
    target_time_s: float | None
    priority: str
    status: str


class PlanCreate(Input):
    """What the coach asks the plan builder for."""

    goal_id: int | None = None
    race_distance_m: float | None = Field(None, ge=3000, le=100_000)
    race_date: date | None = None
    start_date: date | None = None
    weeks: int | None = Field(None, ge=4, le=52)
    name: str | None = Field(None, max_length=200)
    current_weekly_distance_m: float | None = Field(None, ge=5_000, le=250_000)
    available_weekdays: list[int] | None = Field(None, min_length=3, max_length=7)
    long_run_weekday: int | None = Field(None, ge=0, le=6)
    goal_time_s: float | None = Field(None, gt=600, le=12 * 3600)
    peak_weekly_distance_m: float | None = Field(None, ge=5_000, le=250_000)
    unavailable_dates: list[date] = Field(default_factory=list, max_length=366)
    # The athlete's active plan is replaced (and kept as an earlier plan) only when asked.
    replace_active: bool = False

    @model_validator(mode="after")
    def _a_race(self) -> PlanCreate:
        if self.goal_id is None and (self.race_distance_m is None or self.race_date is None):
            raise ValueError("give a goal, or a race distance and date")
        if self.available_weekdays and not all(0 <= d <= 6 for d in self.available_weekdays):
            raise ValueError("weekdays are 0 (Monday) to 6 (Sunday)")
        return self


class PlannedSessionRead(Output):
    """One planned session."""

    id: int
    plan_id: int
    scheduled_date: date
    title: str
    category: str
    role: str
    is_hard: bool
    planned_duration_s: float
    planned_distance_m: float | None
    planned_load: float
    targets: dict[str, Any]
    status: str
    origin: str
    template_code: str | None
    coach_note: str | None


class PlanWeekRead(Output):
    """One week of a plan."""

    id: int
    week_index: int
    start_date: date
    phase: str
    is_cutback: bool
    is_taper: bool
    is_race_week: bool
    target_distance_m: float
    long_run_distance_m: float


class PlanRead(Output):
    """A plan with its weeks and sessions."""

    id: int
    athlete_id: int
    goal_id: int | None
    name: str
    start_date: date
    end_date: date
    weeks: int
    status: str
    version: int
    warnings: list[str] = Field(default_factory=list)
    unavailable_dates: list[date] = Field(default_factory=list)
    week_list: list[PlanWeekRead] = Field(default_factory=list)
    sessions: list[PlannedSessionRead] = Field(default_factory=list)


class PlanChange(Input):
    """A change to a stored plan; with ``plan_version`` it is refused (409) if the plan has moved
    on since that version (another coach's edit), so nobody overwrites a change they never saw."""

    plan_version: int | None = Field(
        None, ge=1, description="The plan version the change was made on (optimistic concurrency)."
    )


class SessionEdit(PlanChange):
    """A coach's change to one planned session."""

    scheduled_date: date | None = None
    title: str | None = Field(None, min_length=1, max_length=200)
    planned_duration_s: float | None = Field(None, gt=0, le=6 * 3600)
    planned_distance_m: float | None = Field(None, ge=0, le=100_000)
    status: Literal["planned", "cancelled", "skipped"] | None = None
    coach_note: str | None = Field(None, max_length=1000)
    reason: str = Field("edited by the coach", max_length=500)


class PlanRevisionRead(Output):
    """One version of a plan."""

    id: int
    version: int
    kind: str
    reason: str | None
    created_at: datetime
    snapshot: dict[str, Any]


class ProjectionDay(Output):
    """Projected fitness if the plan is followed."""

    day: date
    planned_load: float
    ctl: float
    atl: float
    form: float


class SessionAdd(PlanChange):
    """A session the coach adds from a library template."""

    scheduled_date: date
    template_id: int = Field(ge=1)
    planned_duration_s: float | None = Field(None, gt=0, le=6 * 3600)
    coach_note: str | None = Field(None, max_length=1000)
    reason: str = Field("added by the coach", max_length=500)


class SessionReplace(PlanChange):
    """Put another template in a session's place (same day)."""

    template_id: int = Field(ge=1)
    reason: str = Field("replaced by the coach", max_length=500)


class SessionSwap(PlanChange):
    """Exchange the days of two sessions of the same plan."""

    first_id: int = Field(ge=1)
    second_id: int = Field(ge=1)
    reason: str = Field("swapped by the coach", max_length=500)


class WeekScale(PlanChange):
    """Change a week's volume: every session still to come scales by ``factor``."""

    factor: float = Field(ge=0.3, le=1.5)
    reason: str = Field("week volume changed by the coach", max_length=500)


class PlanRegenerate(PlanChange):
    """Rebuild the plan from a date forward, keeping everything before it.

    ``unavailable_dates``, when given, replaces the plan's list of days the athlete cannot train.
    """

    from_date: date
    unavailable_dates: list[date] | None = Field(None, max_length=366)
    reason: str = Field("regenerated by the coach", max_length=500)


class CalendarSessionRead(Output):
    """One session of the calendar: as first planned, as planned now, and as done."""

    id: int
    scheduled_date: date
    title: str
    category: str
    status: str
    planned_duration_s: float
    planned_distance_m: float | None
    coach_note: str | None
    done_duration_s: float | None = None
    done_distance_m: float | None = None
    logs: int = 0
    excused_by: str | None = None
    original_date: date | None = None  # None for a session the coach added
    original_title: str | None = None
    original_duration_s: float | None = None
    changed: bool = False
    comments: int = 0  # messages in the session's thread


class CalendarWeekRead(Output):
    """One week of the calendar, numbered from 1, with its sessions planned and done."""

    id: int
    number: int
    start_date: date
    phase: str
    is_cutback: bool
    is_race_week: bool
    target_distance_m: float
    done_distance_m: float
    is_current: bool
    sessions: list[CalendarSessionRead] = Field(default_factory=list)


class PlanCalendarRead(Output):
    """A plan week by week, original beside current beside executed."""

    plan_id: int
    name: str
    start_date: date
    end_date: date
    version: int
    today: date
    current_week: int  # the number of the week holding today (1 before, the last after)
    weeks: list[CalendarWeekRead] = Field(default_factory=list)


class PlanSummaryRead(Output):
    """A plan in the athlete's list of plans (the active one and the earlier ones)."""

    id: int
    name: str
    start_date: date
    end_date: date
    weeks: int
    status: str
    version: int
    created_at: datetime
