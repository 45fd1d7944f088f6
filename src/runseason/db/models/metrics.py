"""Daily inputs and the snapshot, stored so that a caseload reads one row per athlete.

These rows are recomputed from audited inputs (check-ins, logs, plans), so they are not audited.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, TenantMixin
from runseason.db.types import utcnow


class DailyMetric(TenantMixin, Base):
    """Per athlete per local day: what the logs, the plan and the check-in say, and the day's risk.

    Fitness, fatigue, form, ACWR, monotony and spikes are not stored: they follow from the loads of
    the whole history and are computed on read (``services.refresh.history``), so a back-dated
    edit rewrites the day it changed, not every day after it.
    """

    __tablename__ = "daily_metrics"
    __table_args__ = (Index(None, "organization_id", "day"),)

    athlete_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(primary_key=True)
    load: Mapped[float] = mapped_column(default=0)
    duration_s: Mapped[float] = mapped_column(default=0)
    distance_m: Mapped[float] = mapped_column(default=0)
    sessions: Mapped[int] = mapped_column(default=0)
    planned_load: Mapped[float] = mapped_column(default=0)
    longest_run_m: Mapped[float] = mapped_column(default=0)
    readiness_score: Mapped[float | None]
    readiness_band: Mapped[str | None] = mapped_column(String(8))
    risk: Mapped[float | None]
    risk_bucket: Mapped[str | None] = mapped_column(String(10))
    confidence: Mapped[float | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class LoadSeries(TenantMixin, Base):
    """Per athlete: each day's load and longest run from the first stored day, as two arrays of
    little-endian float64 (a day without a row counts zero).

    A copy of the day rows' loads that the refresh writes with them: every day's derived metrics
    need the whole history, and one row reads faster than years of day rows. An athlete without
    one is read from the day rows and gets one at their next refresh.
    """

    __tablename__ = "load_series"

    athlete_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True
    )
    first_day: Mapped[date]
    loads: Mapped[bytes] = mapped_column(LargeBinary)
    runs: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class AthleteSnapshot(TenantMixin, Base):
    """The latest state of one athlete, one row per athlete, for the caseload and the queue."""

    __tablename__ = "athlete_snapshots"
    __table_args__ = (
        Index(None, "organization_id", "risk"),
        Index(None, "organization_id", "risk_bucket"),
    )

    athlete_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True
    )
    as_of: Mapped[date]
    readiness_score: Mapped[float | None]
    readiness_band: Mapped[str | None] = mapped_column(String(8))
    readiness_trend: Mapped[list[Any]] = mapped_column(default=list)
    form: Mapped[float | None]
    ctl: Mapped[float | None]
    acwr: Mapped[float | None]
    adherence_7d: Mapped[float | None]
    risk: Mapped[float] = mapped_column(default=0)
    risk_bucket: Mapped[str] = mapped_column(String(10), default="stable")
    confidence: Mapped[float | None]
    top_factors: Mapped[list[Any]] = mapped_column(default=list)
    open_interventions: Mapped[int] = mapped_column(default=0)
    last_checkin_date: Mapped[date | None]
    last_log_date: Mapped[date | None]
    last_contact_at: Mapped[datetime | None]
    next_race_date: Mapped[date | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class MetricRefreshJob(TenantMixin, Base):
    """An athlete whose derived metrics, snapshot and risk wait for the refresh worker.

    Written in the same transaction as the check-in or log that made them stale (so a committed
    change is never left without its refresh), one row per athlete: a second change before the
    worker gets there widens the range of changed days (``to_day`` None: every day to today).
    """

    __tablename__ = "metric_refresh_jobs"
    __table_args__ = (Index(None, "not_before"),)

    athlete_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True
    )
    from_day: Mapped[date]
    to_day: Mapped[date | None]
    enqueued_at: Mapped[datetime] = mapped_column(default=utcnow)
    not_before: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    # A new random number at every change (insert or widening): a worker that read the job and
    # writes its refresh later sees whether a change came in between (``services.refresh.queue``).
    stamp: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
