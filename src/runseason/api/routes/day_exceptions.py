"""Days marked sick, travelling or injured."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response

from runseason.api.deps import CurrentActor, Db, Now, PathId
from runseason.api.router import Router
from runseason.schemas.training import DayExceptionCreate, DayExceptionRead
from runseason.services import day_exceptions

router = Router(tags=["athletes"])


@router.post(
    "/athletes/{athlete_id}/day-exceptions", response_model=DayExceptionRead, status_code=201
)
def mark_days(
    athlete_id: PathId, data: DayExceptionCreate, actor: CurrentActor, session: Db, now: Now
) -> DayExceptionRead:
    """Mark days sick, travelling or injured: they leave the adherence count (the athlete or
    their coach; days already marked are a conflict)."""
    return day_exceptions.mark_days(session, actor, athlete_id, data, now=now)


@router.get("/athletes/{athlete_id}/day-exceptions", response_model=list[DayExceptionRead])
def list_marked_days(
    athlete_id: PathId,
    actor: CurrentActor,
    session: Db,
    now: Now,
    days: Annotated[int, Query(ge=1, le=1100, description="How many days back.")] = 120,
) -> list[DayExceptionRead]:
    """Marked days of the last ``days`` days and those ahead, newest first."""
    return day_exceptions.list_marked_days(session, actor, athlete_id, now=now, days=days)


@router.delete("/day-exceptions/{exception_id}", status_code=204)
def remove_days(exception_id: PathId, actor: CurrentActor, session: Db, now: Now) -> Response:
    """Remove marked days: they count toward adherence again."""
    day_exceptions.remove_days(session, actor, exception_id, now=now)
    return Response(status_code=204)
