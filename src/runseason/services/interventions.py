"""A coach's work on interventions: acknowledge, snooze, resolve, reopen; each one logged."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import AthleteSnapshot, Intervention
from runseason.domain.interventions import sla_state
from runseason.errors import Conflict
from runseason.schemas.coaching import InterventionRead, InterventionResolve, InterventionSnooze
from runseason.schemas.common import Page
from runseason.services import case_events
from runseason.services.coaching_settings import effective_settings
from runseason.services.identity.access import Actor, get_athlete, get_owned, require_role, use_case
from runseason.services.paging import EVERYTHING, ListWindow, read_page
from runseason.services.recommendations import rules_of


def read(session: Session, row: Intervention, now: datetime) -> InterventionRead:
    """The public view with its SLA state."""
    rules = rules_of(effective_settings(session, row.organization_id))
    return InterventionRead.model_validate(row).model_copy(
        update={"sla": sla_state(row.opened_at, now, rules)}
    )


def _staff_get(session: Session, actor: Actor, intervention_id: int) -> Intervention:
    row = get_owned(session, actor, Intervention, intervention_id, write=True)
    require_role(actor, "admin", "coach")
    return row


def _log(
    session: Session,
    actor: Actor,
    row: Intervention,
    action: str,
    payload: dict[str, object],
    now: datetime,
) -> None:
    case_events.record_coach_action(
        session,
        organization_id=row.organization_id,
        athlete_id=row.athlete_id,
        intervention_id=row.id,
        actor_id=actor.user_id,
        action=action,
        payload=payload,
        subject="intervention",
        subject_title=row.title,
        subject_id=row.id,
        now=now,
    )


def _open_count(session: Session, athlete_id: int) -> None:
    snap = session.get(AthleteSnapshot, athlete_id)
    if snap is not None:
        snap.open_interventions = len(
            session.scalars(
                select(Intervention.id).where(
                    Intervention.athlete_id == athlete_id, Intervention.status != "resolved"
                )
            ).all()
        )


@use_case("intervention", writes=True)
def acknowledge_intervention(
    session: Session, actor: Actor, intervention_id: int, *, now: datetime
) -> InterventionRead:
    """The coach has seen it and is on it."""
    row = _staff_get(session, actor, intervention_id)
    if row.status == "resolved":
        raise Conflict("This intervention is already resolved.")
    row.status, row.acknowledged_at = "acknowledged", now
    _log(session, actor, row, "acknowledge", {}, now)
    session.flush()
    return read(session, row, now)


@use_case("intervention", writes=True)
def snooze_intervention(
    session: Session, actor: Actor, intervention_id: int, data: InterventionSnooze, *, now: datetime
) -> InterventionRead:
    """Set it aside for some hours; it returns to the queue afterwards."""
    row = _staff_get(session, actor, intervention_id)
    if row.status == "resolved":
        raise Conflict("This intervention is already resolved.")
    row.status, row.snoozed_until = "snoozed", now + timedelta(hours=data.hours)
    _log(session, actor, row, "snooze", {"hours": data.hours}, now)
    session.flush()
    return read(session, row, now)


@use_case("intervention", writes=True)
def resolve_intervention(
    session: Session,
    actor: Actor,
    intervention_id: int,
    data: InterventionResolve,
    *,
    now: datetime,
) -> InterventionRead:
    """Close it with its outcome; the cause then cools down before it can reopen."""
    row = _staff_get(session, actor, intervention_id)
    if row.status == "resolved":
        raise Conflict("This intervention is already resolved.")
    row.status, row.resolved_at, row.resolved_by_id = "resolved", now, actor.user_id
    row.outcome = data.outcome
    _log(session, actor, row, "resolve", {"outcome": data.outcome}, now)
    session.flush()
    _open_count(session, row.athlete_id)
    session.flush()
    return read(session, row, now)


@use_case("intervention", writes=True)
def reopen_intervention(
    session: Session, actor: Actor, intervention_id: int, *, now: datetime
) -> InterventionRead:
    """Open a resolved intervention again (a cause the engine saw clear, but the coach did not);
    its SLA clock starts again."""
    row = _staff_get(session, actor, intervention_id)
    if row.status != "resolved":
        raise Conflict("This intervention is still open.")
    twin = session.scalar(
        select(Intervention.id).where(
            Intervention.athlete_id == row.athlete_id,
            Intervention.cause == row.cause,
            Intervention.status != "resolved",
        )
    )
    if twin is not None:
        raise Conflict("Another intervention for this cause is already open.")
    row.status, row.opened_at, row.cleared_at = "open", now, None
    row.resolved_at, row.resolved_by_id, row.outcome = None, None, None
    _log(session, actor, row, "reopen", {}, now)
    session.flush()
    _open_count(session, row.athlete_id)
    session.flush()
    return read(session, row, now)


@use_case("intervention")
def get_intervention(
    session: Session, actor: Actor, intervention_id: int, *, now: datetime
) -> InterventionRead:
    """One intervention with its SLA state."""
    row = get_owned(session, actor, Intervention, intervention_id)
    require_role(actor, "admin", "coach")
    return read(session, row, now)


@use_case("athlete")
def list_athlete_interventions(
    session: Session,
    actor: Actor,
    athlete_id: int,
    *,
    now: datetime,
    window: ListWindow = EVERYTHING,
    include_resolved: bool = False,
) -> Page[InterventionRead]:
    """An athlete's interventions, newest first (a date range: opened within it)."""
    athlete = get_athlete(session, actor, athlete_id)
    require_role(actor, "admin", "coach")
    query = select(Intervention).where(Intervention.athlete_id == athlete_id)
    if not include_resolved:
        query = query.where(Intervention.status != "resolved")
    query = query.order_by(Intervention.opened_at.desc(), Intervention.id.desc())
    return read_page(
        session,
        query,
        lambda row: read(session, row, now),
        window,
        dated_by=Intervention.opened_at,
        zone=athlete.timezone,
    )
