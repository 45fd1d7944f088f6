"""Interventions: acknowledge, snooze, resolve and reopen, with their SLA state."""

from __future__ import annotations

from runseason.api.deps import CurrentActor, Db, Now, PathId, Window
from runseason.api.router import Router
from runseason.schemas.coaching import InterventionRead, InterventionResolve, InterventionSnooze
from runseason.schemas.common import Page
from runseason.services import interventions

router = Router(tags=["coaching"])


@router.get("/interventions/{intervention_id}", response_model=InterventionRead)
def get_intervention(
    intervention_id: PathId, actor: CurrentActor, session: Db, now: Now
) -> InterventionRead:
    """One intervention with its SLA state."""
    return interventions.get_intervention(session, actor, intervention_id, now=now)


@router.post("/interventions/{intervention_id}/acknowledge", response_model=InterventionRead)
def acknowledge(
    intervention_id: PathId, actor: CurrentActor, session: Db, now: Now
) -> InterventionRead:
    """Mark an intervention as seen."""
    return interventions.acknowledge_intervention(session, actor, intervention_id, now=now)


@router.post("/interventions/{intervention_id}/snooze", response_model=InterventionRead)
def snooze(
    intervention_id: PathId, data: InterventionSnooze, actor: CurrentActor, session: Db, now: Now
) -> InterventionRead:
    """Set an intervention aside for some hours."""
    return interventions.snooze_intervention(session, actor, intervention_id, data, now=now)


@router.post("/interventions/{intervention_id}/resolve", response_model=InterventionRead)
def resolve(
    intervention_id: PathId, data: InterventionResolve, actor: CurrentActor, session: Db, now: Now
) -> InterventionRead:
    """Close an intervention with its outcome."""
    return interventions.resolve_intervention(session, actor, intervention_id, data, now=now)


@router.post("/interventions/{intervention_id}/reopen", response_model=InterventionRead)
def reopen(intervention_id: int, actor: CurrentActor, session: Db, now: Now) -> InterventionRead:
    """Open a resolved intervention again (a cleared cause the coach still wants to follow)."""
    return interventions.reopen_intervention(session, actor, intervention_id, now=now)


@router.get("/athletes/{athlete_id}/interventions", response_model=Page[InterventionRead])
def athlete_interventions(
    athlete_id: PathId,
    actor: CurrentActor,
    session: Db,
    now: Now,
    window: Window,
    include_resolved: bool = False,
) -> Page[InterventionRead]:
    """An athlete's interventions, newest first (``from``/``to``: opened on those days)."""
    return interventions.list_athlete_interventions(
        session, actor, athlete_id, now=now, window=window, include_resolved=include_resolved
    )
