"""A planned session as a file for the athlete's watch (FIT) or treadmill app (ZWO).

The session's shape comes from its template's structure (or the built-in library's, or its
category and planned time), its targets from the athlete's zones with the coach's overrides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, PlannedSession, SessionTemplate
from runseason.domain.briefing import library_structure
from runseason.domain.session_shape import Shape, Zones, shape_of, targets_of
from runseason.domain.workout import Workout, workout_of
from runseason.errors import InvalidInput
from runseason.exports.fit_workout import encode_fit_workout
from runseason.exports.zwo import encode_zwo
from runseason.services.briefing import athlete_zones
from runseason.services.identity.access import Actor, get_owned, use_case
from runseason.services.plans.stored import title_of, unit_of

WorkoutFormat = Literal["fit", "zwo"]
MEDIA_TYPES = {"fit": "application/vnd.ant.fit", "zwo": "application/xml"}
UNSTRUCTURED = frozenset({"rest", "cross"})


@dataclass(frozen=True, slots=True)
class WorkoutFile:
    """A downloadable workout: its file name, media type and bytes."""

    filename: str
    media_type: str
    content: bytes


def structures_of(session: Session, rows: list[PlannedSession]) -> dict[int, dict[str, Any]]:
    """Each template's stored structure by template id (one query for all the rows)."""
    ids = {r.template_id for r in rows if r.template_id is not None}
    if not ids:
        return {}
    found = session.execute(
        select(SessionTemplate.id, SessionTemplate.structure).where(SessionTemplate.id.in_(ids))
    )
    return {row.id: row.structure for row in found if row.structure}


def shape_of_planned(row: PlannedSession, structures: dict[int, dict[str, Any]]) -> Shape:
    """The session's warm-up, blocks and cool-down."""
    structure = structures.get(row.template_id or 0) or library_structure(row.template_code)
    return shape_of(structure, row.category, row.planned_duration_s)


def target_lines(row: PlannedSession, shape: Shape, zones: Zones) -> list[str]:
    """The session's targets in words, one "Label: text" line each, in the athlete's units."""
    return [
        f"{t.label}: {t.text}" for t in targets_of(shape, zones, recovery=row.role == "recovery")
    ]


def planned_workout(row: PlannedSession, shape: Shape, zones: Zones) -> Workout:
    """The session as workout steps (a continuous run by distance when planned by distance)."""
    by_distance = row.planned_distance_m if len(shape.blocks) == 1 and not shape.warmup_s else None
    return workout_of(title_of(row, zones.unit), shape, zones, by_distance)


def _filename(title: str, day: Any, extension: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "workout"
    return f"{day.isoformat()}-{slug}.{extension}"


@use_case("planned_session")
def export_workout(
    session: Session, actor: Actor, session_id: int, fmt: WorkoutFormat, *, now: datetime
) -> WorkoutFile:
    """A planned session as a FIT workout (for the watch) or a ZWO workout (treadmill apps)."""
    row = get_owned(session, actor, PlannedSession, session_id)
    if row.category in UNSTRUCTURED or row.planned_duration_s <= 0:
        raise InvalidInput("A rest day or cross-training has no running workout to export.")
    athlete = session.get(Athlete, row.athlete_id)
    assert athlete is not None
    zones = athlete_zones(athlete)
    shape = shape_of_planned(row, structures_of(session, [row]))
    workout = planned_workout(row, shape, zones)
    if fmt == "fit":
        content = encode_fit_workout(workout, created=now)
    else:
        threshold = zones.pace.get("T")
        middle = (threshold[0] + threshold[1]) / 2 if threshold else None
        note = "\n".join(
            target_lines(row, shape, zones) + ([row.coach_note] if row.coach_note else [])
        )
        content = encode_zwo(workout, threshold_s_per_km=middle, description=note)
    title = title_of(row, unit_of(athlete))
    return WorkoutFile(_filename(title, row.scheduled_date, fmt), MEDIA_TYPES[fmt], content)
