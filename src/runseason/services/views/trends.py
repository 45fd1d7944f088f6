"""An athlete's long view: trends by month or year with the records behind each point."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import ActivityStream, CheckIn, TrainingLog
from runseason.domain.dates import local_date
from runseason.domain.load import RUNNING_SPORTS
from runseason.domain.trends import (
    STANDARD_DISTANCES_M,
    Effort,
    Period,
    PersonalBest,
    TrendPoint,
    baseline_trend,
    distance_text,
    effort_vdot,
    long_run_trend,
    personal_bests,
    threshold_pace_trend,
    vdot_trend,
    weekly_volume_trend,
)
from runseason.domain.units import Unit, format_distance, format_duration, format_pace
from runseason.errors import InvalidInput
from runseason.schemas.trends import (
    AthleteTrendsRead,
    EvidenceRead,
    PersonalBestRead,
    RaceRead,
    TrendPointRead,
    TrendSeriesRead,
)
from runseason.services.identity.access import Actor, get_athlete, use_case

TIMED_KINDS = ("race", "time_trial")
KIND_LABELS = {"race": "Race", "time_trial": "Time trial"}
MAX_YEARS = 30


@use_case("athlete")
def get_trends(
    session: Session,
    actor: Actor,
    athlete_id: int,
    *,
    now: datetime,
    by: Period = "month",
    years: int = 2,
) -> AthleteTrendsRead:
    """VDOT, threshold pace, resting heart rate, HRV, weekly volume, long runs, races and bests
    over the last ``years`` years (personal bests over the whole history). VDOT and bests count
    races, time trials and the best efforts found in recorded runs."""
    if not 1 <= years <= MAX_YEARS:
        raise InvalidInput(f"years must be between 1 and {MAX_YEARS}")
    athlete = get_athlete(session, actor, athlete_id)
    unit: Unit = "mi" if athlete.unit_preference == "mi" else "km"
    today = local_date(now, athlete.timezone)
    since = _window_start(today, by, years)
    logs = _runs(session, athlete.id, today)
    efforts = [_effort(log) for log in logs if log.kind in TIMED_KINDS]
    efforts += _best_efforts(session, athlete.id, today)
    recent = [log for log in logs if log.local_date >= since]
    recent_efforts = [e for e in efforts if e.day >= since]
    runs = [(log.local_date, log.distance_m or 0.0) for log in recent if log.distance_m]
    vdots = vdot_trend(recent_efforts, by, unit)
    resting, hrv = _readings(session, athlete.id, since, today)
    return AthleteTrendsRead(
        athlete_id=athlete.id,
        athlete_name=athlete.display_name,
        by=by,
        unit=unit,
        vdot=_series("VDOT", "", vdots, lambda v: f"{v:.1f}"),
        threshold_pace=_series(
            "Threshold pace",
            f"/{unit}",
            threshold_pace_trend(vdots),
            lambda v: format_pace(v, unit),
        ),
        resting_hr=_series(
            "Resting heart rate",
            "bpm",
            baseline_trend(resting, by, "bpm"),
            lambda v: f"{v:.0f} bpm",
        ),
        hrv=_series("HRV (rMSSD)", "ms", baseline_trend(hrv, by, "ms"), lambda v: f"{v:.0f} ms"),
        **_volume(runs, by, today, unit),
        races=[_race(log, unit) for log in recent if log.kind in TIMED_KINDS],
        personal_bests=[_best(b) for b in personal_bests(efforts)],
    )


def _volume(
    runs: list[tuple[date, float]], by: Period, today: date, unit: Unit
) -> dict[str, TrendSeriesRead]:
    """Weekly distance over the days since the first run, and the longest run, per period."""
    first = min((d for d, _ in runs), default=today)
    return {
        "weekly_distance": _series(
            "Weekly distance",
            unit,
            weekly_volume_trend(runs, by, first=first, last=today, unit=unit),
            lambda v: format_distance(v, unit, 1),
        ),
        "long_run": _series(
            "Long run", unit, long_run_trend(runs, by, unit), lambda v: format_distance(v, unit, 1)
        ),
    }


def _window_start(today: date, by: Period, years: int) -> date:
    """The first day shown: whole calendar years by year, else ``years`` × 365 days back."""
    return (
        date(today.year - years + 1, 1, 1) if by == "year" else today - timedelta(days=365 * years)
    )


def _best(best: PersonalBest) -> PersonalBestRead:
    return PersonalBestRead(
        day=best.day,
        distance=best.distance,
        distance_m=best.distance_m,
        duration_s=best.duration_s,
        time_text=format_duration(best.duration_s),
        previous_s=best.previous_s,
        previous_text=format_duration(best.previous_s) if best.previous_s else None,
        label=best.label,
    )


def _runs(session: Session, athlete_id: int, today: date) -> Sequence[TrainingLog]:
    return session.scalars(
        select(TrainingLog)
        .where(
            TrainingLog.athlete_id == athlete_id,
            TrainingLog.sport.in_(RUNNING_SPORTS),
            TrainingLog.local_date <= today,
        )
        .order_by(TrainingLog.local_date, TrainingLog.started_at)
    ).all()


def _best_efforts(session: Session, athlete_id: int, today: date) -> list[Effort]:
    """The fastest stretches at standard distances found in recorded runs (from their streams)."""
    rows = session.execute(
        select(TrainingLog.local_date, TrainingLog.title, ActivityStream.summary)
        .join(ActivityStream, ActivityStream.training_log_id == TrainingLog.id)
        .where(
            ActivityStream.athlete_id == athlete_id,
            TrainingLog.sport.in_(RUNNING_SPORTS),
            TrainingLog.local_date <= today,
        )
    )
    lengths = dict(STANDARD_DISTANCES_M)
    return [
        Effort(day, lengths[label], float(seconds), f"Best {label} in {title or 'a run'}")
        for day, title, summary in rows
        for label, seconds in (summary.get("best_efforts_s") or {}).items()
        if label in lengths and seconds
    ]


def _readings(
    session: Session, athlete_id: int, since: date, today: date
) -> tuple[list[tuple[date, float]], list[tuple[date, float]]]:
    rows = session.execute(
        select(CheckIn.local_date, CheckIn.resting_hr, CheckIn.hrv_rmssd).where(
            CheckIn.athlete_id == athlete_id,
            CheckIn.local_date.between(since, today),
        )
    ).all()
    resting = [(d, float(r)) for d, r, _ in rows if r is not None]
    hrv = [(d, float(h)) for d, _, h in rows if h is not None]
    return resting, hrv


def _effort(log: TrainingLog) -> Effort:
    label = log.title or KIND_LABELS.get(log.kind, "Run")
    return Effort(log.local_date, log.distance_m or 0.0, log.duration_s, label)


def _race(log: TrainingLog, unit: Unit) -> RaceRead:
    effort = _effort(log)
    value = effort_vdot(effort)
    return RaceRead(
        day=log.local_date,
        title=effort.label,
        distance_m=effort.distance_m,
        distance_text=distance_text(effort.distance_m, unit),
        duration_s=log.duration_s,
        time_text=format_duration(log.duration_s),
        vdot=round(value, 1) if value is not None else None,
    )


def period_label(period: str) -> str:
    """ "2026-03" → "Mar 2026"; a year stays as it is."""
    if len(period) == 4:
        return period
    return date.fromisoformat(f"{period}-01").strftime("%b %Y")


def _series(
    name: str, unit: str, points: Sequence[TrendPoint], text: Callable[[float], str]
) -> TrendSeriesRead:
    return TrendSeriesRead(
        name=name,
        unit=unit,
        points=[
            TrendPointRead(
                period=p.period,
                label=period_label(p.period),
                value=p.value,
                text=text(p.value),
                evidence=[EvidenceRead(day=e.day, text=e.text, value=e.value) for e in p.evidence],
            )
            for p in points
        ],
    )
