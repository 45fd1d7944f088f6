"""Values of the periodized plan: the request, the catalogue it draws on and the draft it yields.

Every value here is frozen; the plan builder (``runseason.domain.periodization``) only reads them.
Distances are metres, durations seconds, paces seconds per kilometre, weekdays 0 = Monday.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

PHASES = ("base", "build", "peak", "taper", "recovery")
TRAINING_PHASES = ("base", "build", "peak", "taper")
LOADING_PHASES = frozenset({"base", "build", "peak"})
LEVELS = ("beginner", "intermediate", "advanced")
CATEGORIES = (
    "easy",
    "recovery",
    "long",
    "progression",
    "tempo",
    "threshold_intervals",
    "vo2max_intervals",
    "hills",
    "fartlek",
    "strides_speed",
    "race_pace",
)
SCALABLE_CATEGORIES = frozenset({"easy", "recovery", "long"})
QUALITY_CATEGORIES = frozenset(CATEGORIES) - SCALABLE_CATEGORIES
ROLES = ("easy", "long", "quality", "recovery", "race", "strides")
SECONDARY_PRIORITIES = ("B", "C")
RACE_TEMPLATE_CODE = "race"
RACE_CATEGORY = "race"
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

HALF_MARATHON_M = 21_097.5
MARATHON_M = 42_195.0

# Session-RPE (Foster et al. 2001): load = RPE (CR-10) × minutes. The RPE of each category is our
# documented estimate of how the session usually feels, so a draft carries a load before any
# template is resolved; the session library may refine it per template.
RPE_BY_CATEGORY: Mapping[str, float] = MappingProxyType(
    {
        "recovery": 2.0,
        "easy": 3.0,
        "long": 4.0,
        "strides_speed": 4.0,
        "progression": 5.0,
        "fartlek": 6.0,
        "tempo": 6.0,
        "race_pace": 6.0,
        "threshold_intervals": 7.0,
        "hills": 7.0,
        "vo2max_intervals": 8.0,
        RACE_CATEGORY: 9.0,
    }
)


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One session template the builder may choose (a minimal view of the session library)."""

    code: str
    category: str
    phases: tuple[str, ...]
    is_hard: bool
    level: str
    scalable: bool
    duration_s: float


@dataclass(frozen=True, slots=True)
class SecondaryRace:
    """A B or C race inside the plan: it gets a mini-taper and a recovery day."""

    date: date
    distance_m: float
    priority: str


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """What a coach asks for: the A race, the time frame, the athlete's volume and week."""

    race_distance_m: float
    race_date: date | None
    start_date: date | None
    weeks: int | None
    current_weekly_distance_m: float
    level: str
    available_weekdays: frozenset[int]
    unavailable_dates: frozenset[date]
    long_run_weekday: int | None
    easy_pace_s_per_km: float
    goal_time_s: float | None
    cutback_every: int = 4
    cutback_reduction: float = 0.25
    max_weekly_increase: float = 0.10
    max_long_run_increase_m: float = 3000.0
    peak_weekly_distance_m: float | None = None
    secondary_races: tuple[SecondaryRace, ...] = ()
    allow_consecutive_hard: bool = False
    current_long_run_m: float | None = None
    recovery_weeks: int = 0


@dataclass(frozen=True, slots=True)
class WeekTarget:
    """The volume side of one week, before any day is chosen."""

    index: int
    phase: str
    is_cutback: bool
    is_taper: bool
    is_race_week: bool
    distance_m: float
    long_run_distance_m: float
    quality_sessions: int
    # Most the week may hold against the reference loaded volume (see ``plan_schedule``).
    reference_ratio: float = 1.0


@dataclass(frozen=True, slots=True)
class SessionDraft:
    """One planned session: its template, targets and planned load (session-RPE)."""

    date: date
    template_code: str
    category: str
    is_hard: bool
    role: str
    distance_m: float | None
    duration_s: float
    planned_load: float
    phase: str
    target_pace_s_per_km: float | None
    target_rpe: float


@dataclass(frozen=True, slots=True)
class WeekDraft:
    """One week of the draft; ``target_distance_m`` counts everything run except the A race."""

    index: int
    start_date: date
    phase: str
    is_cutback: bool
    is_taper: bool
    is_race_week: bool
    target_distance_m: float
    long_run_distance_m: float
    sessions: tuple[SessionDraft, ...]
    quality_target: int = 0


@dataclass(frozen=True, slots=True)
class PlanWarning:
    """Something the coach should know about a plan: a lowered week or a short longest run.

    ``kind`` is ``volume_lowered`` (a week's days cannot hold its target, ``requested_m`` →
    ``planned_m`` on ``run_days`` days) or ``short_long_run`` (a marathon plan's longest run,
    ``planned_m``, stays under ``requested_m``).
    """

    kind: str
    week_index: int | None
    requested_m: float
    planned_m: float
    run_days: int = 0


@dataclass(frozen=True, slots=True)
class PlanDraft:
    """A whole plan, not yet stored: the weeks start on the Monday of the start date's week."""

    start_date: date
    race_date: date
    weeks: tuple[WeekDraft, ...]
    warnings: tuple[PlanWarning, ...] = ()


def level_rank(level: str) -> int:
    """Position of a level in beginner < intermediate < advanced."""
    return LEVELS.index(level)


def planned_load(category: str, duration_s: float) -> float:
    """Session-RPE load of a session of this category and length."""
    # Foster et al. (2001): session load = RPE (CR-10) × duration in minutes
    return RPE_BY_CATEGORY[category] * duration_s / 60.0
