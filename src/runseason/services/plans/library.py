"""The session library: built-in templates for everyone, and each organization's own."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from runseason.db.models import SessionTemplate
from runseason.domain.library import LIBRARY_VERSION, builtin_templates, resolve, structure_load
from runseason.domain.plan_model import CatalogueEntry
from runseason.domain.session_shape import EFFORT_WORDS, Zones, shape_of
from runseason.domain.workout import Repeat, Step, step_estimate, workout_of, workout_totals
from runseason.domain.workout_structure import structure_duration_s
from runseason.errors import Conflict, NotFound, PermissionDenied
from runseason.schemas.common import Page
from runseason.schemas.library import (
    PreviewPartRead,
    PreviewStepRead,
    ResolvedStepRead,
    TemplateCreate,
    TemplatePreview,
    TemplateRead,
    TemplateUpdate,
    WorkoutPreviewAsk,
    WorkoutPreviewRead,
)
from runseason.services.briefing import athlete_zones
from runseason.services.identity.access import (
    Actor,
    get_athlete,
    require_role,
    require_write,
    use_case,
)
from runseason.services.paging import page_offset


def sync_builtin_library(session: Session) -> int:
    """Insert or update the built-in templates (idempotent); returns how many changed."""
    existing = {
        t.code: t
        for t in session.scalars(
            select(SessionTemplate).where(SessionTemplate.organization_id.is_(None))
        )
    }
    changed = 0
    for spec in builtin_templates():
        row = existing.get(spec.code)
        if row is not None and row.library_version == LIBRARY_VERSION:
            continue
        if row is None:
            row = SessionTemplate(organization_id=None, code=spec.code, is_builtin=True)
            session.add(row)
        row.name, row.category, row.purpose = spec.name, spec.category, spec.purpose
        row.phases, row.level, row.is_hard = list(spec.phases), spec.level, spec.is_hard
        row.rpe_target, row.scalable, row.structure = (
            spec.rpe_target,
            spec.scalable,
            dict(spec.structure),
        )
        row.estimated_duration_s, row.estimated_load = spec.duration_s, spec.load
        row.estimated_distance_m, row.library_version = None, LIBRARY_VERSION
        changed += 1
    session.flush()
    return changed


def _visible(actor: Actor) -> object:
    return or_(
        SessionTemplate.organization_id.is_(None),
        SessionTemplate.organization_id == actor.organization_id,
    )


def list_templates(
    session: Session,
    actor: Actor,
    *,
    category: str | None = None,
    phase: str | None = None,
    level: str | None = None,
    search: str | None = None,
    include_archived: bool = False,
    page: int = 1,
    page_size: int = 25,
) -> Page[TemplateRead]:
    """Browse and filter the templates the actor's organization can use."""
    offset = page_offset(page, page_size)
    query = select(SessionTemplate).where(_visible(actor))  # type: ignore[arg-type]
    if not include_archived:
        query = query.where(SessionTemplate.is_archived.is_(False))
    if category:
        query = query.where(SessionTemplate.category == category)
    if level:
        query = query.where(SessionTemplate.level == level)
    if search:
        query = query.where(SessionTemplate.name.ilike(f"%{search.strip()}%"))
    rows = list(
        session.scalars(
            query.order_by(
                SessionTemplate.category, SessionTemplate.estimated_duration_s, SessionTemplate.code
            )
        )
    )
    if phase:
        rows = [r for r in rows if phase in r.phases]
    items = [TemplateRead.model_validate(r) for r in rows[offset : offset + page_size]]
    return Page[TemplateRead](items=items, page=page, page_size=page_size, total=len(rows))


def get_template(session: Session, actor: Actor, template_id: int) -> TemplateRead:
    """One template (built-in or the actor's organization's)."""
    return TemplateRead.model_validate(_get(session, actor, template_id))


def _get(session: Session, actor: Actor, template_id: int) -> SessionTemplate:
    row = session.get(SessionTemplate, template_id)
    if row is None or row.organization_id not in (None, actor.organization_id):
        raise NotFound("template not found")
    return row


def template_row(session: Session, actor: Actor, template_id: int) -> SessionTemplate:
    """A template the actor's organization may use (built-in or its own); NotFound otherwise."""
    return _get(session, actor, template_id)


def _own(session: Session, actor: Actor, template_id: int) -> SessionTemplate:
    row = _get(session, actor, template_id)
    require_role(actor, "admin", "coach")
    require_write(actor)
    if row.organization_id is None:
        raise PermissionDenied("Built-in templates are read-only; clone one to change it.")
    return row


def _check_code(session: Session, actor: Actor, code: str) -> None:
    taken = session.scalar(
        select(func.count()).where(_visible(actor), SessionTemplate.code == code)  # type: ignore[arg-type]
    )
    if taken:
        raise Conflict(f"A template with the code '{code}' already exists; choose another code.")


def create_template(session: Session, actor: Actor, data: TemplateCreate) -> TemplateRead:
    """Add a template to the organization's library."""
    require_role(actor, "admin", "coach")
    require_write(actor)
    _check_code(session, actor, data.code)
    row = SessionTemplate(
        organization_id=actor.organization_id,
        code=data.code,
        name=data.name,
        category=data.category,
        purpose=data.purpose,
        phases=list(data.phases),
        level=data.level,
        is_hard=data.is_hard,
        scalable=data.scalable,
        structure=data.structure,
        created_by_id=actor.user_id,
        estimated_duration_s=structure_duration_s(data.structure),
        estimated_load=structure_load(data.structure),
        rpe_target=0.0,
        is_builtin=False,
    )
    row.rpe_target = round(row.estimated_load * 4.5 / (row.estimated_duration_s / 60), 1)
    session.add(row)
    session.flush()
    return TemplateRead.model_validate(row)


def clone_template(
    session: Session, actor: Actor, template_id: int, *, code: str | None = None
) -> TemplateRead:
    """Copy a template (often a built-in one) into the organization's library to adapt it."""
    source = _get(session, actor, template_id)
    data = TemplateCreate(
        code=code or f"{source.code}-copy"[:80],
        name=f"{source.name} (copy)"[:200],
        category=source.category,
        purpose=source.purpose,
        phases=list(source.phases),
        level=source.level if source.level != "elite" else "advanced",
        is_hard=source.is_hard,
        scalable=source.scalable,
        structure=dict(source.structure),
    )
    created = create_template(session, actor, data)
    row = session.get(SessionTemplate, created.id)
    assert row is not None
    row.cloned_from_id = source.id
    session.flush()
    return TemplateRead.model_validate(row)


def update_template(
    session: Session, actor: Actor, template_id: int, data: TemplateUpdate
) -> TemplateRead:
    """Change one of the organization's own templates."""
    row = _own(session, actor, template_id)
    for name, value in data.model_dump(exclude_unset=True).items():
        setattr(row, name, value)
    row.estimated_duration_s = structure_duration_s(row.structure)
    row.estimated_load = structure_load(row.structure)
    session.flush()
    return TemplateRead.model_validate(row)


def archive_template(session: Session, actor: Actor, template_id: int) -> TemplateRead:
    """Hide an own template from new plans (plans that use it keep it)."""
    row = _own(session, actor, template_id)
    row.is_archived = True
    session.flush()
    return TemplateRead.model_validate(row)


def preview_template(
    session: Session, actor: Actor, template_id: int, athlete_id: int
) -> TemplatePreview:
    """A template with paces and distances resolved for one athlete."""
    athlete = get_athlete(session, actor, athlete_id)
    row = _get(session, actor, template_id)
    steps, distance = resolve(row.structure, athlete.vdot)
    return TemplatePreview(
        template=TemplateRead.model_validate(row),
        steps=[ResolvedStepRead.model_validate(asdict(s)) for s in steps],
        distance_m=distance,
    )


RECOVERY_EFFORT = "2/10, very easy"


def _preview_step(step: Step, zones: Zones) -> PreviewStepRead:
    seconds, metres = step_estimate(step, zones)
    resting = step.intensity == "recovery" or step.zone in ("jog", "walk")
    effort = RECOVERY_EFFORT if resting else EFFORT_WORDS.get(step.zone, EFFORT_WORDS["E"])
    return PreviewStepRead(
        name=step.name,
        intensity=step.intensity,
        zone=step.zone,
        target=step.target,
        duration_s=step.duration_s,
        distance_m=step.distance_m,
        pace_s_per_km=step.pace_s_per_km,
        hr_bpm=step.hr_bpm,
        effort=effort,
        estimated_duration_s=seconds,
        estimated_distance_m=metres,
    )


@use_case("athlete")
def preview_workout(session: Session, actor: Actor, data: WorkoutPreviewAsk) -> WorkoutPreviewRead:
    """A workout structure resolved for one athlete: the same steps and targets a watch file of
    it carries (their pace and heart-rate zones), and its total time and distance."""
    athlete = get_athlete(session, actor, data.athlete_id)
    require_role(actor, "admin", "coach")
    zones = athlete_zones(athlete)
    workout = workout_of("Preview", shape_of(data.structure, "", 0.0), zones)
    parts = [
        PreviewPartRead(
            times=part.times if isinstance(part, Repeat) else 1,
            steps=[
                _preview_step(s, zones)
                for s in (part.steps if isinstance(part, Repeat) else (part,))
            ],
        )
        for part in workout.parts
    ]
    seconds, metres = workout_totals(workout, zones)
    return WorkoutPreviewRead(
        athlete_id=athlete.id,
        unit=zones.unit,
        parts=parts,
        duration_s=seconds,
        distance_m=metres,
        has_pace_zones=bool(zones.pace),
        has_heart_rate_zones=bool(zones.heart_rate),
    )


def catalogue_for(session: Session, organization_id: int) -> tuple[CatalogueEntry, ...]:
    """What the plan builder may choose from for an organization."""
    rows = session.scalars(
        select(SessionTemplate).where(
            or_(
                SessionTemplate.organization_id.is_(None),
                SessionTemplate.organization_id == organization_id,
            ),
            SessionTemplate.is_archived.is_(False),
        )
    )
    return tuple(
        CatalogueEntry(
            r.code,
            r.category,
            tuple(r.phases),
            r.is_hard,
            r.level if r.level != "elite" else "advanced",
            r.scalable,
            r.estimated_duration_s,
        )
        for r in rows
    )
