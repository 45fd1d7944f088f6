"""Adherence: planned sessions against what was done, week by week."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from runseason.api.deps import CurrentActor, Db, Now, PathId
from runseason.api.router import Router
from runseason.schemas.training import AdherenceRead
from runseason.services.views import adherence

router = Router(tags=["athletes"])


@router.get("/athletes/{athlete_id}/adherence", response_model=AdherenceRead)
def get_adherence(
    athlete_id: PathId,
    actor: CurrentActor,
    session: Db,
    now: Now,
    weeks: Annotated[int, Query(ge=1, le=52)] = 4,
) -> AdherenceRead:
    """Each planned session's duration, distance and load ratios, intensity fidelity and colour
    (green within 20 %, yellow 50–79 % or 121–150 %, red otherwise or missed), and each week's
    percentage; days marked sick, travelling or injured are excused."""
    return adherence.get_adherence(session, actor, athlete_id, now=now, weeks=weeks)
