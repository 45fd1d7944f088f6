"""The plan as a calendar: each week numbered from 1, each session as first planned (version 1),
as planned now and as done (the logs matched to it), with the days marked sick, travelling or
injured, and how many messages each session's thread holds. Read in six statements whatever the
plan's length."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import (
    Athlete,
    PlannedSession,
    PlanRevision,
    SessionComment,
    TrainingLog,
    TrainingPlan,
)
from runseason.domain.dates import local_date
from runseason.schemas.plans import (
    CalendarSessionRead,
    CalendarWeekRead,
    PlanCalendarRead,
    PlannedSessionRead,
    PlanRead,
)
from runseason.services.day_exceptions import excused_days, overlapping
from runseason.services.identity.access import Actor, get_owned, use_case
from runseason.services.plans.stored import read_plan


def _original(session: Session, plan_id: int) -> dict[int, dict[str, Any]]:
    """The sessions of version 1 by id (a plan built before revisions kept them has none)."""
    snapshot = session.scalar(
        select(PlanRevision.snapshot).where(
            PlanRevision.plan_id == plan_id, PlanRevision.version == 1
        )
    )
    sessions = (snapshot or {}).get("sessions", [])
    return {s["id"]: s for s in sessions if isinstance(s, dict) and "id" in s}


def _done(session: Session, plan_id: int) -> dict[int, tuple[float, float, int]]:
    """(duration s, distance m, logs) logged for each of the plan's sessions."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    rows = session.execute(
        select(TrainingLog.planned_session_id, TrainingLog.duration_s, TrainingLog.distance_m)
        .join(PlannedSession, PlannedSession.id == TrainingLog.planned_session_id)
        .where(PlannedSession.plan_id == plan_id)
    )
    for planned_id, duration, distance in rows:
        if planned_id is None:
            continue
        total = sums[planned_id]
        total[0] += duration
        total[1] += distance or 0.0
        total[2] += 1
    return {k: (v[0], v[1], int(v[2])) for k, v in sums.items()}


def _comments(session: Session, plan_id: int) -> dict[int, int]:
    """How many messages each of the plan's sessions has in its thread (those with any)."""
    rows = session.execute(
        select(SessionComment.planned_session_id, func.count())
        .join(PlannedSession, PlannedSession.id == SessionComment.planned_session_id)
        .where(PlannedSession.plan_id == plan_id)
        .group_by(SessionComment.planned_session_id)
    )
    return {planned_id: count for planned_id, count in rows if planned_id is not None}


def _session(
    s: PlannedSessionRead,
    first: dict[str, Any] | None,
    done: tuple[float, float, int] | None,
    excused_by: str | None,
) -> CalendarSessionRead:
    original_date = date.fromisoformat(first["scheduled_date"]) if first else None
    then = (original_date, first["title"], round(first["planned_duration_s"])) if first else None
    now = (s.scheduled_date, s.title, round(s.planned_duration_s))
    return CalendarSessionRead(
        id=s.id,
        scheduled_date=s.scheduled_date,
        title=s.title,
        category=s.category,
        status=s.status,
        planned_duration_s=s.planned_duration_s,
        planned_distance_m=s.planned_distance_m,
        coach_note=s.coach_note,
        done_duration_s=done[0] if done else None,
        done_distance_m=(done[1] or None) if done else None,
        logs=done[2] if done else 0,
        excused_by=excused_by,
        original_date=original_date,
        original_title=first["title"] if first else None,
        original_duration_s=first["planned_duration_s"] if first else None,
        # A status the logs set is no change to the plan; one the coach set is.
        changed=then != now or (first is not None and s.status in ("cancelled", "skipped")),
    )


def _week_number(starts: list[date], day: date) -> int:
    """The number (from 1) of the week holding ``day``: the last week starting on or before it."""
    number = 1
    for index, start in enumerate(starts, start=1):
        if start <= day:
            number = index
    return number


def build_calendar(
    plan: PlanRead,
    today: date,
    original: dict[int, dict[str, Any]],
    done: dict[int, tuple[float, float, int]],
    excused: dict[date, str],
) -> PlanCalendarRead:
    """The calendar from the plan's read model and what was done."""
    weeks = sorted(plan.week_list, key=lambda w: w.start_date)
    starts = [w.start_date for w in weeks]
    by_week: dict[int, list[CalendarSessionRead]] = defaultdict(list)
    for s in plan.sessions:
        item = _session(s, original.get(s.id), done.get(s.id), excused.get(s.scheduled_date))
        by_week[_week_number(starts, s.scheduled_date)].append(item)
    current = _week_number(starts, today)
    rows = []
    for number, w in enumerate(weeks, start=1):
        sessions = by_week.get(number, [])
        rows.append(
            CalendarWeekRead(
                id=w.id,
                number=number,
                start_date=w.start_date,
                phase=w.phase,
                is_cutback=w.is_cutback,
                is_race_week=w.is_race_week,
                target_distance_m=w.target_distance_m,
                done_distance_m=sum(s.done_distance_m or 0.0 for s in sessions),
                is_current=w.start_date <= today < w.start_date + timedelta(days=7),
                sessions=sessions,
            )
        )
    return PlanCalendarRead(
        plan_id=plan.id,
        name=plan.name,
        start_date=plan.start_date,
        end_date=plan.end_date,
        version=plan.version,
        today=today,
        current_week=current,
        weeks=rows,
    )


@use_case("plan")
def get_plan_calendar(
    session: Session, actor: Actor, plan_id: int, *, now: datetime
) -> PlanCalendarRead:
    """A plan week by week: original, current and executed side by side."""
    plan = get_owned(session, actor, TrainingPlan, plan_id)
    athlete = session.get(Athlete, plan.athlete_id)
    assert athlete is not None
    marked = overlapping(session, athlete.id, plan.start_date, plan.end_date)
    read = build_calendar(
        read_plan(session, plan),
        local_date(now, athlete.timezone),
        _original(session, plan.id),
        _done(session, plan.id),
        excused_days(marked),
    )
    counts = _comments(session, plan.id)
    for week in read.weeks:
        for item in week.sessions:
            item.comments = counts.get(item.id, 0)
    return read
