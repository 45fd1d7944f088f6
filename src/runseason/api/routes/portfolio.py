"""A coach's portfolio: the season's outcomes over their caseload."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from runseason.api.deps import CurrentActor, Db, Now
from runseason.api.router import Router
from runseason.schemas.trends import PortfolioRead
from runseason.services.views import portfolio

router = Router(tags=["coaching"])


@router.get("/portfolio", response_model=PortfolioRead)
def coach_portfolio(
    actor: CurrentActor,
    session: Db,
    now: Now,
    season: Annotated[int | None, Query(ge=2000, le=2200)] = None,
    coach_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
) -> PortfolioRead:
    """Athletes active and retained, goals reached, personal bests, adherence, check-in rate,
    interventions resolved within the SLA, injuries and return-to-run days, for a season (this
    year by default); admins may name one coach."""
    return portfolio.get_portfolio(session, actor, now=now, season=season, coach_id=coach_id)
