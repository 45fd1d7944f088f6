"""A coach's portfolio: the season's outcomes over their caseload (an admin's over the
organization, or over one coach's athletes).

A bounded number of grouped statements whatever the caseload's size: one per kind of record,
each counted per athlete by the database, then ``domain.portfolio`` sums them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, case, distinct, func, select
from sqlalchemy.orm import Session

from runseason.db.models import (
    Athlete,
    CheckIn,
    CoachAssignment,
    HealthCase,
    Intervention,
    PlannedSession,
    RaceGoal,
    TrainingLog,
    TrainingPlan,
)
from runseason.domain.dates import local_date
from runseason.domain.load import RUNNING_SPORTS
from runseason.domain.portfolio import (
    AthleteSeason,
    Episode,
    GoalOutcome,
    closing_window,
    opening_window,
    season_bounds,
    summarize,
)
from runseason.domain.trends import Effort, personal_bests
from runseason.errors import InvalidInput, NotFound
from runseason.schemas.trends import PortfolioRead
from runseason.services.coaching_settings import effective_settings
from runseason.services.identity.access import Actor, require_role, visible_athletes

COUNTED_PLANS = ("active", "completed")


def get_portfolio(
    session: Session,
    actor: Actor,
    *,
    now: datetime,
    season: int | None = None,
    coach_id: int | None = None,
) -> PortfolioRead:
    """The season's outcomes over the caseload (admins may name one coach's athletes)."""
    require_role(actor, "coach", "admin")
    if coach_id is not None and actor.role != "admin":
        raise InvalidInput("coach_id: only an admin may look at another coach's portfolio")
    today = local_date(now, "UTC")
    year = season or today.year
    if not 2000 <= year <= today.year:
        raise InvalidInput(f"season must be a year between 2000 and {today.year}")
    first, last = season_bounds(year, today)
    ids = _athletes(session, actor, coach_id, last)
    settings = effective_settings(session, actor.organization_id)
    records = _seasons(session, ids, year, first, last)
    sla = timedelta(hours=settings.interventions.sla_overdue_hours)
    return PortfolioRead.model_validate(summarize(year, records, sla=sla))


def _athletes(session: Session, actor: Actor, coach_id: int | None, last: date) -> list[int]:
    query: Select[Any] = visible_athletes(actor).where(
        Athlete.created_at < datetime.combine(last + timedelta(days=1), time(), UTC)
    )
    if coach_id is not None:
        coached = select(CoachAssignment.athlete_id).where(
            CoachAssignment.coach_id == coach_id,
            CoachAssignment.organization_id == actor.organization_id,
        )
        if not session.scalar(select(func.count()).select_from(coached.subquery())):
            raise NotFound("no such coach in your organization")
        query = query.where(Athlete.id.in_(coached))
    return list(session.scalars(query.with_only_columns(Athlete.id)))


def _seasons(
    session: Session, ids: list[int], year: int, first: date, last: date
) -> list[AthleteSeason]:
    if not ids:
        return []
    joined = _joined_days(session, ids, first, last)
    activity = _activity(session, ids, year, first, last)
    planned = _planned(session, ids, first, last)
    check_ins = _check_in_days(session, ids, first, last)
    bests = _bests(session, ids, first, last)
    goals = _goals(session, ids, first, last)
    injuries, interventions = _episodes(session, ids, first, last)
    return [
        AthleteSeason(
            athlete_id=i,
            days_on_caseload=joined.get(i, 0),
            active_at_start=activity[i][0],
            active_at_end=activity[i][1],
            planned=planned.get(i, (0, 0))[0],
            planned_done=planned.get(i, (0, 0))[1],
            check_in_days=check_ins.get(i, 0),
            personal_bests=bests.get(i, 0),
            goals=tuple(goals[i]),
            injuries=tuple(injuries[i]),
            interventions=tuple(interventions[i]),
        )
        for i in ids
    ]


def _joined_days(session: Session, ids: list[int], first: date, last: date) -> dict[int, int]:
    created = session.execute(select(Athlete.id, Athlete.created_at).where(Athlete.id.in_(ids)))
    return {i: max(0, (last - max(first, at.date())).days + 1) for i, at in created}


def _activity(
    session: Session, ids: list[int], year: int, first: date, last: date
) -> dict[int, tuple[bool, bool]]:
    opening = opening_window(year)
    closing = closing_window(last)
    found: dict[int, tuple[bool, bool]] = defaultdict(lambda: (False, False))
    for model in (TrainingLog, CheckIn):
        day = model.local_date
        rows = session.execute(
            select(
                model.athlete_id,
                func.max(case((day.between(*opening), 1), else_=0)),
                func.max(case((day.between(*closing), 1), else_=0)),
            )
            .where(model.athlete_id.in_(ids), day.between(first, last))
            .group_by(model.athlete_id)
        )
        for athlete_id, start, end in rows:
            was = found[athlete_id]
            found[athlete_id] = (was[0] or bool(start), was[1] or bool(end))
    return found


def _planned(
    session: Session, ids: list[int], first: date, last: date
) -> dict[int, tuple[int, int]]:
    matched = select(TrainingLog.id).where(TrainingLog.planned_session_id == PlannedSession.id)
    rows = session.execute(
        select(
            PlannedSession.athlete_id,
            func.count(),
            func.sum(case((matched.exists(), 1), else_=0)),
        )
        .join(TrainingPlan, TrainingPlan.id == PlannedSession.plan_id)
        .where(
            PlannedSession.athlete_id.in_(ids),
            PlannedSession.scheduled_date.between(first, last - timedelta(days=1)),
            PlannedSession.role != "rest",
            TrainingPlan.status.in_(COUNTED_PLANS),
        )
        .group_by(PlannedSession.athlete_id)
    )
    return {i: (int(n), int(done or 0)) for i, n, done in rows}


def _check_in_days(session: Session, ids: list[int], first: date, last: date) -> dict[int, int]:
    rows = session.execute(
        select(CheckIn.athlete_id, func.count(distinct(CheckIn.local_date)))
        .where(CheckIn.athlete_id.in_(ids), CheckIn.local_date.between(first, last))
        .group_by(CheckIn.athlete_id)
    )
    return {i: int(n) for i, n in rows}


def _bests(session: Session, ids: list[int], first: date, last: date) -> dict[int, int]:
    rows = session.execute(
        select(
            TrainingLog.athlete_id,
            TrainingLog.local_date,
            TrainingLog.distance_m,
            TrainingLog.duration_s,
        ).where(
            TrainingLog.athlete_id.in_(ids),
            TrainingLog.kind.in_(("race", "time_trial")),
            TrainingLog.sport.in_(RUNNING_SPORTS),
            TrainingLog.distance_m.is_not(None),
            TrainingLog.local_date <= last,
        )
    )
    efforts: dict[int, list[Effort]] = defaultdict(list)
    for athlete_id, day, distance, duration in rows:
        efforts[athlete_id].append(Effort(day, distance or 0.0, duration, ""))
    return {
        i: sum(first <= b.day <= last for b in personal_bests(found))
        for i, found in efforts.items()
    }


def _goals(
    session: Session, ids: list[int], first: date, last: date
) -> dict[int, list[GoalOutcome]]:
    rows = session.execute(
        select(
            RaceGoal.athlete_id,
            RaceGoal.race_date,
            RaceGoal.status,
            RaceGoal.target_time_s,
            RaceGoal.result_time_s,
        ).where(RaceGoal.athlete_id.in_(ids), RaceGoal.race_date.between(first, last))
    )
    goals: dict[int, list[GoalOutcome]] = defaultdict(list)
    for athlete_id, day, status, target, result in rows:
        completed = status == "completed"
        reached = completed and (target is None or (result is not None and result <= target))
        goals[athlete_id].append(GoalOutcome(day, completed, reached))
    return goals


def _episodes(
    session: Session, ids: list[int], first: date, last: date
) -> tuple[dict[int, list[Episode]], dict[int, list[Episode]]]:
    injuries: dict[int, list[Episode]] = defaultdict(list)
    for athlete_id, started, closed in session.execute(
        select(HealthCase.athlete_id, HealthCase.started_on, HealthCase.closed_on).where(
            HealthCase.athlete_id.in_(ids),
            HealthCase.kind == "injury",
            HealthCase.started_on.between(first, last),
        )
    ):
        injuries[athlete_id].append(Episode(_moment(started), _moment(closed) if closed else None))
    interventions: dict[int, list[Episode]] = defaultdict(list)
    start = _moment(first)
    end = _moment(last + timedelta(days=1))
    for athlete_id, opened, resolved in session.execute(
        select(Intervention.athlete_id, Intervention.opened_at, Intervention.resolved_at).where(
            Intervention.athlete_id.in_(ids),
            Intervention.opened_at >= start,
            Intervention.opened_at < end,
        )
    ):
        interventions[athlete_id].append(
            Episode(_aware(opened), _aware(resolved) if resolved else None)
        )
    return injuries, interventions


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
