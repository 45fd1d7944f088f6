"""Reading what the risk engine needs about one athlete-day, in a bounded number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Date, Select, and_, func, select
from sqlalchemy.orm import Session

from runseason.db.models import (
    AvailabilityException,
    CheckIn,
    CoachAction,
    CoachAssignment,
    HealthCase,
    PlannedSession,
    RaceGoal,
    ReadinessScore,
    TrainingLog,
)
from runseason.db.rows import RowsTable
from runseason.db.types import BigId
from runseason.domain.risk import RiskInputs
from runseason.services.refresh.history import DayMetrics

LOOKBACK_DAYS = 7


@dataclass(frozen=True, slots=True)
class DayContext:
    """The risk inputs plus the streaks the recommendation rules need."""

    inputs: RiskInputs
    illness_days: int
    pain_days: int
    red_days: int
    health_case_closed_recently: bool
    metric: DayMetrics | None = None  # the day's metrics (None before the first day of data)


def _streak(days_back: list[date], values: dict[date, bool], day: date) -> int:
    count = 0
    for offset in range(len(days_back)):
        if values.get(day - timedelta(days=offset)):
            count += 1
        else:
            break
    return count


# Each row: an athlete, the day assessed, and the first days of its windows.
_DAYS = RowsTable(
    "assessed",
    [
        ("athlete_id", BigId),
        ("day", Date()),
        ("since", Date()),  # LOOKBACK_DAYS before: the check-ins looked at
        ("yesterday", Date()),  # the last day of the missed-session window
    ],
)


@cache
def _checkins_statement() -> Select[Any]:
    d = _DAYS.table
    return (
        select(d.c.athlete_id, CheckIn, ReadinessScore)
        .select_from(CheckIn)
        .join(
            d,
            and_(
                CheckIn.athlete_id == d.c.athlete_id, CheckIn.local_date.between(d.c.since, d.c.day)
            ),
        )
        .outerjoin(ReadinessScore, ReadinessScore.check_in_id == CheckIn.id)
    )


@cache
def _facts_statement() -> Select[Any]:
    """Per athlete: the last check-in on or before the day, return-to-run health cases, the
    coach's last action (or, before any, the start of the coaching), and the next A race."""
    d = _DAYS.table
    athlete = d.c.athlete_id
    return select(
        athlete,
        select(func.max(CheckIn.local_date))
        .where(CheckIn.athlete_id == athlete, CheckIn.local_date <= d.c.day)
        .scalar_subquery(),
        select(func.count())
        .where(HealthCase.athlete_id == athlete, HealthCase.status == "return_to_run")
        .scalar_subquery(),
        select(func.max(CoachAction.created_at))
        .where(CoachAction.athlete_id == athlete, CoachAction.actor_id.is_not(None))
        .scalar_subquery(),
        select(func.min(CoachAssignment.started_at))
        .where(CoachAssignment.athlete_id == athlete, CoachAssignment.ended_at.is_(None))
        .scalar_subquery(),
        select(func.min(RaceGoal.race_date))
        .where(
            RaceGoal.athlete_id == athlete,
            RaceGoal.race_date >= d.c.day,
            RaceGoal.priority == "A",
            RaceGoal.status == "planned",
        )
        .scalar_subquery(),
    )


@cache
def _missed_statement() -> Select[Any]:
    """Each planned session of the seven days before the day, and whether a log answered it."""
    d = _DAYS.table
    plan = PlannedSession
    done = (
        select(TrainingLog.id)
        .where(TrainingLog.athlete_id == plan.athlete_id, TrainingLog.planned_session_id == plan.id)
        .exists()
    )
    return (
        select(d.c.athlete_id, done)
        .select_from(plan)
        .join(
            d,
            and_(
                plan.athlete_id == d.c.athlete_id,
                plan.scheduled_date.between(d.c.since, d.c.yesterday),
            ),
        )
        .where(
            plan.status.in_(("planned", "completed", "partial", "missed")),
            plan.category != "rest",
            ~AvailabilityException.covers(plan.athlete_id, plan.scheduled_date),
        )
    )


def read_days(
    session: Session, batch: Sequence[tuple[int, date, list[DayMetrics]]]
) -> dict[int, DayContext]:
    """Everything the engine looks at for each athlete-day of a batch, in three statements.

    ``batch`` gives each athlete, the day and their metrics of the last days up to it.
    """
    if not batch:
        return {}
    rows = [
        (athlete_id, day, day - timedelta(days=LOOKBACK_DAYS), day - timedelta(days=1))
        for athlete_id, day, _ in batch
    ]
    params = _DAYS.params(rows)
    checkins: dict[int, dict[date, tuple[CheckIn, ReadinessScore | None]]] = defaultdict(dict)
    for athlete_id, c, s in session.execute(_checkins_statement(), params):
        checkins[athlete_id][c.local_date] = (c, s)
    facts = {row[0]: row[1:] for row in session.execute(_facts_statement(), params)}
    planned: dict[int, list[bool]] = defaultdict(list)
    for athlete_id, was_done in session.execute(_missed_statement(), params):
        planned[athlete_id].append(bool(was_done))
    out = {}
    for athlete_id, day, recent in batch:
        last_checkin, closed, acted, coached_since, race = facts[athlete_id]
        done = planned.get(athlete_id)
        missed = sum(1 for was_done in done if not was_done) if done else None
        context = _context(
            day, checkins.get(athlete_id, {}), recent, last_checkin, bool(closed), missed
        )
        latest = max((t for t in (acted, coached_since) if t is not None), default=None)
        out[athlete_id] = _with_coaching(context, day, recent, latest, race)
    return out


def _with_coaching(
    context: DayContext,
    day: date,
    recent: list[DayMetrics],
    coach_acted: datetime | None,
    race: date | None,
) -> DayContext:
    """The inputs a coach looks at beyond the athlete's body: the week's strain and adherence,
    the days since the coach last acted, and the days to the next A race."""
    before = [m for m in recent if m.day < day]
    planned = sum(m.planned_load for m in before)
    metric = context.metric
    inputs = replace(
        context.inputs,
        strain_7d=metric.strain if metric else None,
        adherence_7d=sum(m.load for m in before) / planned if planned > 0 else None,
        days_since_coach_action=(day - coach_acted.date()).days if coach_acted else None,
        days_to_a_race=(race - day).days if race else None,
    )
    return replace(context, inputs=inputs)


def _context(
    day: date,
    checkins: dict[date, tuple[CheckIn, ReadinessScore | None]],
    recent: list[DayMetrics],
    last_checkin: date | None,
    closed: bool,
    missed: int | None,
) -> DayContext:
    metrics = {m.day: m for m in recent if day - timedelta(days=3) <= m.day <= day}
    latest_day = day if day in checkins else day - timedelta(days=1)
    current = checkins.get(latest_day)
    checkin, score = current if current else (None, None)
    window = [day - timedelta(days=i) for i in range(LOOKBACK_DAYS + 1)]
    ill, pain, red, same_place = _flags(checkins, checkin.pain_location if checkin else None)
    before = checkins.get(day - timedelta(days=3))
    metric = metrics.get(day)
    spikes = [
        m.spike_ratio for d, m in metrics.items() if d >= day - timedelta(days=1) and m.spike_ratio
    ]
    zs, hrv = _wellness_z(score)
    inputs = RiskInputs(
        checkin_fresh=checkin is not None,
        illness=bool(checkin and checkin.illness),
        pain_severity=checkin.pain_severity if checkin else None,
        pain_same_location_days=_streak(window, same_place, latest_day),
        readiness_band=score.band if score else None,
        readiness_drop_3d=before[1].score - score.score if score and before and before[1] else None,
        min_wellness_z=min(zs) if zs else None,
        hrv_z=hrv[0] if hrv else None,
        spike_ratio=max(spikes) if spikes else None,
        acwr=metric.acwr_ewma if metric else None,
        ramp=metric.ramp if metric else None,
        form=metric.form if metric else None,
        monotony=metric.monotony if metric else None,
        missed_sessions_7d=missed,
        days_since_checkin=(day - last_checkin).days if last_checkin else None,
        days_of_data=metric.days_of_data if metric else 0,
    )
    return DayContext(
        inputs=inputs,
        illness_days=_streak(window, ill, latest_day),
        pain_days=_streak(window, pain, latest_day),
        red_days=_streak(window, red, latest_day),
        health_case_closed_recently=closed,
        metric=metric,
    )


def _flags(
    checkins: dict[date, tuple[CheckIn, ReadinessScore | None]], location: str | None
) -> tuple[dict[date, bool], ...]:
    """Per day: ill, in pain (4 or more), in the red band, in pain at ``location``."""
    ill = {d: bool(c.illness) for d, (c, _) in checkins.items()}
    pain = {d: (c.pain_severity or 0) >= 4 for d, (c, _) in checkins.items()}
    red = {d: bool(s and s.band == "red") for d, (_, s) in checkins.items()}
    same_place = {
        d: bool(location and c.pain_location == location and (c.pain_severity or 0) > 0)
        for d, (c, _) in checkins.items()
    }
    return ill, pain, red, same_place


def _wellness_z(score: ReadinessScore | None) -> tuple[list[Any], list[Any]]:
    """The wellness items' z-scores of a readiness score, and its HRV z-score (if any)."""
    factors = score.factors if score else []
    wellness = ("sleep_quality", "energy", "recovery", "stress", "mood")
    zs = [f.get("z") for f in factors if f.get("item") in wellness and f.get("z") is not None]
    return zs, [f.get("z") for f in factors if f.get("item") == "hrv"]
