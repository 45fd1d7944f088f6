"""A coach's portfolio: the season's outcomes over their caseload (an admin's over the
organization, or over one coach's athletes).

A bounded number of grouped statements whatever the caseload's size: one per kind of record,
each counted per athlete by the database, then ``domain.portfolio`` sums them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, case, distinct, func, or_, select, text
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
# Written out as ix_training_logs_timed's condition is, so both databases use that index.
TIMED_LOG = text("training_logs.kind IN ('race', 'time_trial')")


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
    scope = _athletes(session, actor, coach_id, last)
    settings = effective_settings(session, actor.organization_id)
    records = _seasons(session, scope, year, first, last)
    sla = timedelta(hours=settings.interventions.sla_overdue_hours)
    return PortfolioRead.model_validate(summarize(year, records, sla=sla))


def _athletes(session: Session, actor: Actor, coach_id: int | None, last: date) -> Select[Any]:
    """The ids of the athletes counted, as a statement the other statements filter on."""
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
    return query.with_only_columns(Athlete.id)


def _seasons(
    session: Session, scope: Select[Any], year: int, first: date, last: date
) -> list[AthleteSeason]:
    joined = _joined_days(session, scope, first, last)
    if not joined:
        return []
    activity = _activity(session, scope, year, last)
    planned = _planned(session, scope, first, last)
    check_ins = _check_in_days(session, scope, first, last)
    bests = _bests(session, scope, first, last)
    goals = _goals(session, scope, first, last)
    injuries, interventions = _episodes(session, scope, first, last)
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
        for i in joined
    ]


def _joined_days(session: Session, scope: Select[Any], first: date, last: date) -> dict[int, int]:
    created = session.execute(select(Athlete.id, Athlete.created_at).where(Athlete.id.in_(scope)))
    return {i: max(0, (last - max(first, at.date())).days + 1) for i, at in created}


def _activity(
    session: Session, scope: Select[Any], year: int, last: date
) -> dict[int, tuple[bool, bool]]:
    """Whether each athlete logged or checked in in the season's opening and closing weeks: one
    index seek per athlete and window, stopping at the first row found."""
    opening = _active_in(session, scope, *opening_window(year))
    closing = _active_in(session, scope, *closing_window(last))
    return defaultdict(
        lambda: (False, False), {i: (i in opening, i in closing) for i in opening | closing}
    )


def _active_in(session: Session, scope: Select[Any], first: date, last: date) -> set[int]:
    def any_row(model: type[TrainingLog] | type[CheckIn]) -> Any:
        return (
            select(model.athlete_id)
            .where(model.athlete_id == Athlete.id, model.local_date.between(first, last))
            .exists()
        )

    query = select(Athlete.id).where(
        Athlete.id.in_(scope), or_(any_row(TrainingLog), any_row(CheckIn))
    )
    return set(session.scalars(query))


def _planned(
    session: Session, scope: Select[Any], first: date, last: date
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
            PlannedSession.athlete_id.in_(scope),
            PlannedSession.scheduled_date.between(first, last - timedelta(days=1)),
            PlannedSession.role != "rest",
            TrainingPlan.status.in_(COUNTED_PLANS),
        )
        .group_by(PlannedSession.athlete_id)
    )
    return {i: (int(n), int(done or 0)) for i, n, done in rows}


def _check_in_days(session: Session, scope: Select[Any], first: date, last: date) -> dict[int, int]:
    rows = session.execute(
        select(CheckIn.athlete_id, func.count(distinct(CheckIn.local_date)))
        .where(CheckIn.athlete_id.in_(scope), CheckIn.local_date.between(first, last))
        .group_by(CheckIn.athlete_id)
    )
    return {i: int(n) for i, n in rows}


def _bests(session: Session, scope: Select[Any], first: date, last: date) -> dict[int, int]:
    rows = session.execute(
        select(
            TrainingLog.athlete_id,
            TrainingLog.local_date,
            TrainingLog.distance_m,
            TrainingLog.duration_s,
        ).where(
            TrainingLog.athlete_id.in_(scope),
            TIMED_LOG,
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
    session: Session, scope: Select[Any], first: date, last: date
) -> dict[int, list[GoalOutcome]]:
    rows = session.execute(
        select(
            RaceGoal.athlete_id,
            RaceGoal.race_date,
            RaceGoal.status,
            RaceGoal.target_time_s,
            RaceGoal.result_time_s,
        ).where(RaceGoal.athlete_id.in_(scope), RaceGoal.race_date.between(first, last))
    )
    goals: dict[int, list[GoalOutcome]] = defaultdict(list)
    for athlete_id, day, status, target, result in rows:
        completed = status == "completed"
        reached = completed and (target is None or (result is not None and result <= target))
        goals[athlete_id].append(GoalOutcome(day, completed, reached))
    return goals


def _episodes(
    session: Session, scope: Select[Any], first: date, last: date
) -> tuple[dict[int, list[Episode]], dict[int, list[Episode]]]:
    injuries: dict[int, list[Episode]] = defaultdict(list)
    for athlete_id, started, closed in session.execute(
        select(HealthCase.athlete_id, HealthCase.started_on, HealthCase.closed_on).where(
            HealthCase.athlete_id.in_(scope),
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
            Intervention.athlete_id.in_(scope),
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
