"""The bulk path: benchmark volumes (thousands of athletes, years of history) written as rows.

Simulating every day through the services costs about 13 ms per athlete-day, so 20,000 athletes
with a year of history would take a day. This path writes the same tables directly, in batches:
accounts (one shared unusable password hash), coach assignments, a year of stored daily inputs
(the same values the refresh aggregates from the logs), a snapshot per athlete from the
fitness-fatigue arrays of ``domain.training_load.series`` (the arithmetic the services compute on
read), and open interventions for the athletes at risk. It bypasses the audit listener on
purpose: these are synthetic rows.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from runseason.db.models import (
    Athlete,
    AthleteSnapshot,
    CoachAssignment,
    DailyMetric,
    Intervention,
    LoadSeries,
    Organization,
    TrainingLog,
    User,
)
from runseason.domain import training_load
from runseason.domain.risk import bucket_of
from runseason.services.refresh import history

UNUSABLE_HASH = "!bulk-generated-account-without-a-password"
BATCH = 2000


@dataclass(frozen=True, slots=True)
class BulkResult:
    """What the bulk path wrote."""

    organization_id: int
    coach_user_ids: list[int]
    athlete_ids: list[int]
    metric_rows: int
    interventions: int


def _chunks(rows: list[dict[str, Any]], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _ids(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    out: list[int] = []
    for chunk in _chunks(rows):
        out += list(
            session.scalars(insert(model).returning(model.id, sort_by_parameter_order=True), chunk)
        )
    return out


def daily_loads(rng: np.random.Generator, days: int, weekly_load: float) -> np.ndarray:
    """A plausible day-by-day load: 4-6 runs a week around ``weekly_load``, with noise."""
    runs_per_week = int(rng.integers(4, 7))
    pattern = np.zeros(7)
    pattern[rng.choice(7, runs_per_week, replace=False)] = 1.0
    pattern[int(np.argmax(pattern))] = 1.8  # a long run
    pattern /= pattern.sum()
    weeks = -(-days // 7)
    trend = 1.0 + 0.25 * np.sin(np.linspace(0, 3 * np.pi, weeks))
    loads = np.tile(pattern, weeks)[:days] * np.repeat(trend, 7)[:days] * weekly_load
    loads *= rng.normal(1.0, 0.15, days).clip(0.4, 1.8)
    loads[rng.random(days) < 0.08] = 0.0  # missed days
    return loads.round(1)


def seed_bulk(
    session: Session,
    *,
    athletes: int,
    coaches: int,
    days: int,
    seed: int,
    today: datetime,
    slug: str,
    with_metrics: bool = True,
    with_logs: bool = False,
) -> BulkResult:
    """Write an organization of ``athletes`` with ``days`` of history up to ``today``."""
    rng = np.random.default_rng(seed)
    pick = random.Random(seed)  # noqa: S311 (simulation, not security)
    now = today.astimezone(UTC)
    org_id, coach_ids, athlete_ids = _accounts(session, rng, slug, now, athletes, coaches, days)
    first_day = now.date() - timedelta(days=days - 1)
    metric_rows = 0
    snapshots: list[dict[str, Any]] = []
    opened: list[dict[str, Any]] = []
    series: list[dict[str, Any]] = []
    for aid in athlete_ids:
        loads = daily_loads(rng, days, float(rng.uniform(150, 600)))
        if with_metrics:
            rows = _metric_rows(org_id, aid, first_day, loads)
            for chunk in _chunks(rows):
                session.execute(insert(DailyMetric), chunk)
            metric_rows += len(rows)
            runs = [row["longest_run_m"] for row in rows]
            series.append(history.series_row(org_id, aid, first_day, loads.tolist(), runs))
        if with_logs:
            for chunk in _chunks(_log_rows(org_id, aid, first_day, loads)):
                session.execute(insert(TrainingLog), chunk)
        risk = float(rng.beta(1.6, 4.0))
        arrays = training_load.series(loads.tolist())
        snapshots.append(_snapshot_row(rng, pick, org_id, aid, now, arrays, risk))
        if bucket_of(risk) != "stable":
            opened.append(_intervention_row(pick, org_id, aid, now, risk))
    for chunk in _chunks(snapshots):
        session.execute(insert(AthleteSnapshot), chunk)
    for chunk in _chunks(series, 100):
        session.execute(insert(LoadSeries), chunk)
    for chunk in _chunks(opened):
        session.execute(insert(Intervention), chunk)
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        # A bulk load leaves PostgreSQL's planner without statistics until autovacuum gets to
        # the tables; the refresh's joins are planned on them, so gather them now (seconds).
        session.execute(text("ANALYZE"))
    return BulkResult(org_id, coach_ids, athlete_ids, metric_rows, len(opened))


def _accounts(
    session: Session,
    rng: np.random.Generator,
    slug: str,
    now: datetime,
    athletes: int,
    coaches: int,
    days: int,
) -> tuple[int, list[int], list[int]]:
    """The organization, its coaches and athletes (unusable passwords), and who coaches whom."""
    org = {"name": f"Bulk {slug}", "slug": slug, "is_demo": True}
    org_id = _ids(session, Organization, [org])[0]

    def user(i: int, role: str, name: str) -> dict[str, Any]:
        return {
            "organization_id": org_id,
            "email": f"{role}{i}@{slug}.bench.example.com",
            "full_name": name,
            "role": role,
            "password_hash": UNUSABLE_HASH,
            "must_change_password": False,
            "tokens_not_before": now,
        }

    coach_ids = _ids(session, User, [user(i, "coach", f"Coach {i}") for i in range(coaches)])
    people = [user(i, "athlete", f"Athlete {i:05d}") for i in range(athletes)]
    user_ids = _ids(session, User, people)
    profiles = [
        {
            "organization_id": org_id,
            "user_id": uid,
            "display_name": f"Athlete {i:05d}",
            "vdot": round(float(rng.uniform(30, 75)), 1),
        }
        for i, uid in enumerate(user_ids)
    ]
    athlete_ids = _ids(session, Athlete, profiles)
    assignments = [
        {
            "organization_id": org_id,
            "coach_id": coach_ids[i % coaches],
            "athlete_id": aid,
            "role": "head",
            "started_at": now - timedelta(days=days),
        }
        for i, aid in enumerate(athlete_ids)
    ]
    for chunk in _chunks(assignments):
        session.execute(insert(CoachAssignment), chunk)
    return org_id, coach_ids, athlete_ids


def _snapshot_row(
    rng: np.random.Generator,
    pick: random.Random,
    org_id: int,
    athlete_id: int,
    now: datetime,
    arrays: dict[str, np.ndarray],
    risk: float,
) -> dict[str, Any]:
    """A plausible caseload snapshot: fitness from the loads, readiness drawn."""
    bucket = bucket_of(risk)
    readiness = float(np.clip(rng.normal(68, 14), 5, 100))
    acwr = arrays["acwr_ewma"][-1]
    band = "green" if readiness >= 70 else "amber" if readiness >= 50 else "red"
    return {
        "organization_id": org_id,
        "athlete_id": athlete_id,
        "as_of": now.date(),
        "readiness_score": round(readiness, 1),
        "readiness_band": band,
        "readiness_trend": [round(readiness + pick.gauss(0, 6), 1) for _ in range(7)],
        "form": round(float(arrays["form"][-1]), 1),
        "ctl": round(float(arrays["ctl"][-1]), 1),
        "acwr": None if np.isnan(acwr) else round(float(acwr), 2),
        "adherence_7d": round(pick.uniform(0.4, 1.0), 2),
        "risk": round(risk, 4),
        "risk_bucket": bucket,
        "confidence": round(pick.uniform(0.5, 1.0), 2),
        "top_factors": [{"name": "readiness", "share": 0.5, "threshold": "synthetic"}],
        "open_interventions": 1 if bucket != "stable" else 0,
        "last_checkin_date": now.date() - timedelta(days=pick.randint(0, 3)),
        "next_race_date": now.date() + timedelta(days=pick.randint(14, 200)),
    }


_TITLES = {
    "readiness": "Readiness in the red band",
    "load": "Load rising faster than fitness",
    "pain": "Pain reported at or above the line",
    "adherence": "Sessions missed this week",
}


def _intervention_row(
    pick: random.Random, org_id: int, athlete_id: int, now: datetime, risk: float
) -> dict[str, Any]:
    """An open intervention for an athlete the snapshot puts at risk or on watch."""
    cause = pick.choice(list(_TITLES))
    return {
        "organization_id": org_id,
        "athlete_id": athlete_id,
        "cause": cause,
        "title": _TITLES[cause],
        "status": "open",
        "risk": round(risk, 4),
        "severity": round(risk, 4),
        "evidence": [],
        "opened_at": now - timedelta(hours=pick.uniform(1, 120)),
        "last_evidence_at": now,
    }


def _metric_rows(
    org_id: int, athlete_id: int, first_day: date, loads: np.ndarray
) -> list[dict[str, Any]]:
    """The stored inputs of each day, the same as the refresh would aggregate from the logs."""
    rows = []
    for i, load in enumerate(loads.tolist()):
        minutes = load * 4.5 / 4.0
        distance = round(minutes * 60 / 330 * 1000) if load > 0 else 0
        rows.append(
            {
                "organization_id": org_id,
                "athlete_id": athlete_id,
                "day": first_day + timedelta(days=i),
                "load": load,
                "duration_s": round(minutes * 60) if load > 0 else 0,
                "distance_m": distance,
                "sessions": int(load > 0),
                "longest_run_m": distance,
            }
        )
    return rows


def _log_rows(
    org_id: int, athlete_id: int, first_day: date, loads: np.ndarray
) -> list[dict[str, Any]]:
    rows = []
    for i, load in enumerate(loads):
        if load <= 0:
            continue
        day = first_day + timedelta(days=i)
        minutes = float(load) * 4.5 / 4.0  # the RPE model at RPE 4: load = 4 x minutes / 4.5
        rows.append(
            {
                "organization_id": org_id,
                "athlete_id": athlete_id,
                "local_date": day,
                "started_at": datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
                "duration_s": round(minutes * 60),
                "distance_m": round(minutes * 60 / 330 * 1000),
                "rpe": 4.0,
                "load": float(load),
                "load_model": "rpe",
                "source": "manual",
            }
        )
    return rows
