"""An athlete's long view: trends by month or year with the records behind each point."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from runseason.api.deps import CurrentActor, Db, Now, PathId
from runseason.api.router import Router
from runseason.schemas.trends import AthleteTrendsRead
from runseason.services.views import trends

router = Router(tags=["athletes"])


@router.get("/athletes/{athlete_id}/trends", response_model=AthleteTrendsRead)
def athlete_trends(
    athlete_id: PathId,
    actor: CurrentActor,
    session: Db,
    now: Now,
    by: Literal["month", "year"] = "month",
    years: Annotated[int, Query(ge=1, le=30)] = 2,
) -> AthleteTrendsRead:
    """VDOT, threshold pace, resting heart rate, HRV, weekly distance and long runs by month or
    year, each point with the records behind it; races and personal bests."""
    return trends.get_trends(session, actor, athlete_id, now=now, by=by, years=years)
