"""Where the simulated days go: through the services (the demo), or collected and written as rows.

Both sinks receive the same check-ins and sessions for the same seed, so both paths give the same
metrics (tested).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, CheckIn, DailyMetric, LoadSeries, TrainingLog
from runseason.demo.personas import Persona
from runseason.domain.dates import local_date
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.training import TrainingLogCreate
from runseason.services import checkins, training
from runseason.services.identity.access import Actor, actor_for_user
from runseason.services.refresh import history

BATCH = 2000


class ServiceSink:
    """Each simulated check-in and session goes through the services (the demo)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.actors: dict[int, Actor] = {}

    def actor(self, p: Persona) -> Actor:
        """The persona signed in (their account does not change during the season)."""
        if p.athlete_id not in self.actors:
            assert p.user is not None
            self.actors[p.athlete_id] = actor_for_user(self.session, p.user)
        return self.actors[p.athlete_id]

    def checkin(self, p: Persona, data: CheckInCreate, now: datetime) -> None:
        checkins.submit_checkin(self.session, self.actor(p), p.athlete_id, data, now=now)

    def log(self, p: Persona, data: TrainingLogCreate, now: datetime) -> None:
        training.log_session(self.session, self.actor(p), p.athlete_id, data, now=now)


class BulkSink:
    """The bulk path: the same simulated days written as rows, metrics computed in one pass.

    Loads use the services' own load function on the same inputs and are stored per day with the
    longest run, from which the metrics are computed on read as for the service path. Check-ins are
    stored without readiness scores; no snapshots, recommendations or interventions are made: this
    path exists for benchmark volumes.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.checkins: list[tuple[Persona, CheckInCreate, datetime]] = []
        self.logs: list[tuple[Persona, TrainingLogCreate, datetime]] = []
        self.first_day: dict[int, date] = {}
        self.loads: dict[int, dict[date, float]] = {}
        self.longest_runs: dict[int, dict[date, float]] = {}

    def checkin(self, p: Persona, data: CheckInCreate, now: datetime) -> None:
        self.checkins.append((p, data, now))

    def log(self, p: Persona, data: TrainingLogCreate, now: datetime) -> None:
        self.logs.append((p, data, now))

    def finish(self, personas: list[Persona], org_id: int) -> None:
        """Write the collected rows and each athlete's daily metrics."""
        last_day: dict[int, date] = {}
        for p, _data, now in [*self.checkins, *self.logs]:
            moment = local_date(now, p.timezone)
            last_day[p.athlete_id] = max(last_day.get(p.athlete_id, moment), moment)
        self._insert(CheckIn, self._checkin_rows(org_id), BATCH)
        self._insert(TrainingLog, self._log_rows(org_id), BATCH)
        metric_rows: list[dict[str, Any]] = []
        series_rows: list[dict[str, Any]] = []
        for p in personas:
            first = self.first_day.get(p.athlete_id)
            if first is not None:
                # As in the services, rows reach the athlete's local date of their last change.
                end = last_day[p.athlete_id]
                days = [first + timedelta(days=i) for i in range((end - first).days + 1)]
                metric_rows += self._metric_rows(org_id, p.athlete_id, days)
                series_rows.append(self._series_row(org_id, p.athlete_id, days))
        self._insert(DailyMetric, metric_rows, BATCH)
        self._insert(LoadSeries, series_rows, 100)
        self.session.flush()

    def _insert(self, table: Any, rows: list[dict[str, Any]], batch: int) -> None:
        for start in range(0, len(rows), batch):
            self.session.execute(insert(table), rows[start : start + batch])

    def _seen(self, athlete_id: int, day: date) -> None:
        self.first_day[athlete_id] = min(self.first_day.get(athlete_id, day), day)

    def _checkin_rows(self, org_id: int) -> list[dict[str, Any]]:
        rows = []
        for p, data, now in self.checkins:
            day = local_date(now, p.timezone)
            self._seen(p.athlete_id, day)
            rows.append(
                {
                    "organization_id": org_id,
                    "athlete_id": p.athlete_id,
                    "local_date": day,
                    "submitted_at": now,
                    **data.model_dump(exclude={"local_date"}),
                }
            )
        return rows

    def _log_rows(self, org_id: int) -> list[dict[str, Any]]:
        athletes = {
            a.id: a
            for a in self.session.scalars(select(Athlete).where(Athlete.organization_id == org_id))
        }
        rows = []
        for p, entry, now in self.logs:
            value, load_model, details = training.load_for(
                athletes[p.athlete_id],
                entry.duration_s,
                entry.distance_m,
                entry.rpe,
                entry.avg_hr,
                entry.sport,
            )
            per_day = self.loads.setdefault(p.athlete_id, {})
            per_day[entry.local_date] = per_day.get(entry.local_date, 0.0) + value
            self._seen(p.athlete_id, entry.local_date)
            if entry.sport == "run" and entry.distance_m:
                runs = self.longest_runs.setdefault(p.athlete_id, {})
                runs[entry.local_date] = max(runs.get(entry.local_date, 0.0), entry.distance_m)
            rows.append(
                {
                    "organization_id": org_id,
                    "athlete_id": p.athlete_id,
                    "started_at": now,
                    "load": value,
                    "load_model": load_model,
                    "load_details": details,
                    "source": "manual",
                    "pain_flag": bool(entry.pain_severity),
                    **entry.model_dump(exclude={"start_time"}),
                }
            )
        return rows

    def _metric_rows(self, org_id: int, athlete_id: int, days: list[date]) -> list[dict[str, Any]]:
        per_day = self.loads.get(athlete_id, {})
        longest = self.longest_runs.get(athlete_id, {})
        return [
            {
                "organization_id": org_id,
                "athlete_id": athlete_id,
                "day": day,
                "load": per_day.get(day, 0.0),
                "longest_run_m": longest.get(day, 0.0),
            }
            for day in days
        ]

    def _series_row(self, org_id: int, athlete_id: int, days: list[date]) -> dict[str, Any]:
        per_day = self.loads.get(athlete_id, {})
        longest = self.longest_runs.get(athlete_id, {})
        return history.series_row(
            org_id,
            athlete_id,
            days[0],
            [per_day.get(day, 0.0) for day in days],
            [longest.get(day, 0.0) for day in days],
        )


Sink = ServiceSink | BulkSink
