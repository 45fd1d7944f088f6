"""The organization week by week: readiness, risk, adherence and load across the athletes.

Each week's figures are counts the database makes (athlete-days per readiness band and risk
bucket, planned sessions per outcome, load per athlete), so a chart and the table behind it agree.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from runseason.db.models import DailyMetric, PlannedSession
from runseason.domain.dates import week_start
from runseason.errors import InvalidInput, NotFound
from runseason.schemas.distributions import (
    DistributionsRead,
    LoadWeekRead,
    OutcomeWeekRead,
    ShareRead,
)
from runseason.services import groups
from runseason.services.identity.access import (
    Actor,
    athlete_filter,
    coached_athletes,
    require_role,
)

BANDS = {"green": "Green", "amber": "Amber", "red": "Red"}
BUCKETS = {"stable": "Stable", "watch": "Watch", "at_risk": "At risk"}


def get_distributions(
    session: Session,
    actor: Actor,
    *,
    now: datetime,
    weeks: int = 12,
    coach_id: int | None = None,
    group_id: int | None = None,
) -> DistributionsRead:
    """Readiness bands, risk buckets, session outcomes and load per athlete, week by week, over
    the athletes the actor sees (narrowed to one coach's, one training group's, or both)."""
    require_role(actor, "admin", "coach")
    if not 1 <= weeks <= 104:
        raise InvalidInput("weeks is between 1 and 104")
    if coach_id is not None and actor.role != "admin":
        raise InvalidInput("coach_id: only an admin may look at another coach's athletes")
    today = now.date()
    first = week_start(today) - timedelta(weeks=weeks - 1)
    athletes = _athletes(session, actor, coach_id, group_id)
    days = athletes.scope(DailyMetric.athlete_id, DailyMetric.organization_id)
    return DistributionsRead(
        weeks=weeks,
        readiness=_shares(session, DailyMetric.readiness_band, BANDS, days, first, today),
        risk=_shares(session, DailyMetric.risk_bucket, BUCKETS, days, first, today),
        adherence=_outcomes(
            session,
            athletes.scope(PlannedSession.athlete_id, PlannedSession.organization_id),
            first,
            today,
        ),
        load=_load(session, days, first, today),
    )


@dataclass(frozen=True, slots=True)
class _Athletes:
    """Whose figures: the athletes the actor sees, of one coach, in one group."""

    actor: Actor
    coached: set[int] | None
    members: Select[Any] | None

    def scope(self, athlete_id: Any, organization_id: Any) -> list[ColumnElement[bool]]:
        """The conditions on a table's athlete and tenant columns."""
        conditions = [athlete_filter(self.actor, athlete_id, organization_id)]
        if self.coached is not None:
            conditions.append(athlete_id.in_(sorted(self.coached)))
        if self.members is not None:
            conditions.append(athlete_id.in_(self.members))
        return conditions


def _athletes(
    session: Session, actor: Actor, coach_id: int | None, group_id: int | None
) -> _Athletes:
    coached = None
    if coach_id is not None:
        coached = coached_athletes(session, actor.organization_id, coach_id)
        if not coached:
            raise NotFound("no such coach with athletes in your organization")
    members = None if group_id is None else groups.group_athletes(session, actor, group_id)
    return _Athletes(actor, coached, members)


def _shares(
    session: Session,
    column: Any,
    labels: dict[str, str],
    scope: list[ColumnElement[bool]],
    first: date,
    last: date,
) -> list[ShareRead]:
    rows = session.execute(
        select(DailyMetric.day, column, func.count())
        .where(*scope, DailyMetric.day.between(first, last), column.is_not(None))
        .group_by(DailyMetric.day, column)
    )
    counts: dict[tuple[date, str], int] = defaultdict(int)
    for day, value, n in rows:
        counts[(week_start(day), value)] += int(n)
    return [
        ShareRead(week_start=week, category=labels.get(value, value), athlete_days=n)
        for (week, value), n in sorted(counts.items())
    ]


def _outcomes(
    session: Session, scope: list[ColumnElement[bool]], first: date, last: date
) -> list[OutcomeWeekRead]:
    conditions = [
        *scope,
        PlannedSession.scheduled_date.between(first, last - timedelta(days=1)),
        PlannedSession.role != "rest",
        PlannedSession.status != "cancelled",
    ]
    rows = session.execute(
        select(PlannedSession.scheduled_date, PlannedSession.status, func.count())
        .where(*conditions)
        .group_by(PlannedSession.scheduled_date, PlannedSession.status)
    )
    weeks: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, status, n in rows:
        weeks[week_start(day)][status] += int(n)
    result = []
    for week, by_status in sorted(weeks.items()):
        planned = sum(by_status.values())
        done = by_status.get("completed", 0)
        result.append(
            OutcomeWeekRead(
                week_start=week,
                planned=planned,
                completed=done,
                partial=by_status.get("partial", 0),
                missed=planned - done - by_status.get("partial", 0),
                adherence=done / planned if planned else None,
            )
        )
    return result


def _load(
    session: Session, scope: list[ColumnElement[bool]], first: date, last: date
) -> list[LoadWeekRead]:
    rows = session.execute(
        select(
            DailyMetric.day, DailyMetric.athlete_id, DailyMetric.load, DailyMetric.planned_load
        ).where(*scope, DailyMetric.day.between(first, last))
    )
    weeks: dict[date, dict[int, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for day, athlete_id, load, planned in rows:
        totals = weeks[week_start(day)][athlete_id]
        totals[0] += float(load or 0.0)
        totals[1] += float(planned or 0.0)
    result = []
    for week, athletes in sorted(weeks.items()):
        loads = [t[0] for t in athletes.values()]
        result.append(
            LoadWeekRead(
                week_start=week,
                athletes=len(loads),
                median_load=round(statistics.median(loads), 1),
                total_load=round(sum(loads), 1),
                planned_load=round(sum(t[1] for t in athletes.values()), 1),
            )
        )
    return result
