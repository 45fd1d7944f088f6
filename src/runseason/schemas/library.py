"""Session templates at the boundary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, Field

from runseason.domain.plan_model import CATEGORIES, LEVELS, PHASES
from runseason.domain.workout_structure import validate_structure
from runseason.errors import InvalidInput
from runseason.schemas.common import Input, Output


def _checked_structure(value: dict[str, Any]) -> dict[str, Any]:
    try:
        validate_structure(value)
    except InvalidInput as error:
        raise ValueError(error.message) from None
    return value


# A workout's structure, checked wherever one comes in (a template made or changed, a preview).
WorkoutStructure = Annotated[dict[str, Any], AfterValidator(_checked_structure)]

if TYPE_CHECKING:
    Category = str
    Phase = str
    Level = str
else:
    # The lists live once, in the domain; a Literal of them validates and documents the choices.
    Category = Literal[CATEGORIES]
    Phase = Literal[PHASES]
    Level = Literal[LEVELS]


class TemplateRead(Output):
    """A template as browsed in the library."""

    id: int
    organization_id: int | None
    code: str
    name: str
    category: str
    purpose: str
    phases: list[str]
    level: str
    is_hard: bool
    rpe_target: float
    scalable: bool
    structure: dict[str, Any]
    estimated_duration_s: float
    estimated_load: float
    is_builtin: bool
    is_archived: bool
    cloned_from_id: int | None


class TemplateCreate(Input):
    """An organization's own template."""

    code: str = Field(min_length=2, max_length=80, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: str = Field(min_length=2, max_length=200)
    category: Category
    purpose: str = Field("", max_length=500)
    phases: list[Phase] = Field(min_length=1)
    level: Level = "intermediate"
    is_hard: bool = False
    scalable: bool = False
    structure: WorkoutStructure


class TemplateUpdate(Input):
    """Changes to an organization's own template."""

    name: str | None = Field(None, min_length=2, max_length=200)
    purpose: str | None = Field(None, max_length=500)
    phases: list[Phase] | None = Field(None, min_length=1)
    level: Level | None = None
    is_hard: bool | None = None
    structure: WorkoutStructure | None = None


class ResolvedStepRead(Output):
    """A step with this athlete's pace."""

    duration_s: float
    zone: str
    pace_s_per_km: float | None
    distance_m: float | None


class TemplatePreview(Output):
    """A template resolved for one athlete."""

    template: TemplateRead
    steps: list[ResolvedStepRead]
    distance_m: float | None


class WorkoutPreviewAsk(Input):
    """A workout structure (as in ``TemplateCreate``) to resolve for one of your athletes."""

    athlete_id: int = Field(ge=1, le=2**63 - 1)
    structure: WorkoutStructure


class PreviewStepRead(Output):
    """One step with the athlete's own targets, and its time and distance at the zone's pace."""

    name: str
    intensity: str
    zone: str
    target: str
    duration_s: float | None
    distance_m: float | None
    pace_s_per_km: tuple[float, float] | None
    hr_bpm: tuple[int, int] | None
    effort: str
    estimated_duration_s: float | None
    estimated_distance_m: float | None


class PreviewPartRead(Output):
    """A step, or steps repeated ``times`` times."""

    times: int
    steps: list[PreviewStepRead]


class WorkoutPreviewRead(Output):
    """A workout resolved for one athlete: paces in their zones, heart rates in bpm, totals.

    A total is null when a step's pace is unknown (the athlete has no pace zones yet).
    """

    athlete_id: int
    unit: str
    parts: list[PreviewPartRead]
    duration_s: float | None
    distance_m: float | None
    has_pace_zones: bool
    has_heart_rate_zones: bool
