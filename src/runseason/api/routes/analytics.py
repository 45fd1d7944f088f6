"""Load analytics, race predictions and the plan projected to race day."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import Query

from runseason.api.deps import CurrentActor, Db, Now, PathId
from runseason.api.router import Router
from runseason.schemas.briefing import LoadHistoryRead
from runseason.schemas.distributions import DistributionsRead
from runseason.schemas.training import OnTrackRead
from runseason.services.views import analytics, distributions

router = Router(tags=["athletes"])


@router.get("/athletes/{athlete_id}/load-history", response_model=LoadHistoryRead)
def load_history(
    athlete_id: PathId,
    actor: CurrentActor,
    session: Db,
    now: Now,
    days: Annotated[int, Query(ge=7, le=1100)] = 120,
) -> LoadHistoryRead:
    """Fitness, fatigue, form, ACWR and weekly rollups, with the ACWR caution."""
    return analytics.get_load_history(session, actor, athlete_id, now=now, days=days)


@router.get("/athletes/{athlete_id}/prediction")
def prediction(
    athlete_id: PathId,
    actor: CurrentActor,
    session: Db,
    distance_m: Annotated[float, Query(ge=800, le=100_000)] = 42195,
) -> dict[str, Any] | None:
    """A race prediction range across models, with the inputs used."""
    result = analytics.get_prediction(session, actor, athlete_id, distance_m)
    return asdict(result) if result else None


@router.get("/athletes/{athlete_id}/on-track", response_model=OnTrackRead | None)
def on_track(athlete_id: PathId, actor: CurrentActor, session: Db, now: Now) -> OnTrackRead | None:
    """The active plan projected to race day: fitness on race day and the predicted time range
    (current VDOT plus the plan's expected gain) against the goal; null without an active plan
    whose race is ahead or without a current VDOT."""
    return analytics.get_on_track(session, actor, athlete_id, now=now)


@router.get("/analytics/distributions", response_model=DistributionsRead, tags=["coaching"])
def distributions_by_week(
    actor: CurrentActor,
    session: Db,
    now: Now,
    weeks: Annotated[int, Query(ge=1, le=104)] = 12,
    coach_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
    group: Annotated[
        int | None, Query(ge=1, le=2**63 - 1, description="A training group's id.")
    ] = None,
) -> DistributionsRead:
    """Readiness bands and risk buckets (athlete-days), session outcomes and load per athlete,
    week by week over the athletes you see (admins may name one coach; anyone of the staff one
    training group, alone or with the coach)."""
    return distributions.get_distributions(
        session, actor, now=now, weeks=weeks, coach_id=coach_id, group_id=group
    )
