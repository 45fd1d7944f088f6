"""What the athlete actually did: logged sessions and file imports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import (
    Base,
    BigId,
    IdMixin,
    TenantMixin,
    TimestampMixin,
    between,
    in_values,
    non_negative,
)
from runseason.db.types import utcnow

SPORTS = ("run", "trail", "treadmill", "bike", "swim", "strength", "cross", "walk", "hike", "other")
LOAD_MODELS = ("pace", "hr", "rpe")
LOG_SOURCES = ("manual", "fit", "gpx", "tcx", "csv", "demo")
LOG_KINDS = ("training", "race", "time_trial")


class TrainingLog(IdMixin, TenantMixin, TimestampMixin, Base):
    """A completed session, with its load and the model that produced the load."""

    __tablename__ = "training_logs"
    __audited__ = True
    __table_args__ = (
        in_values("sport", SPORTS),
        in_values("kind", LOG_KINDS),
        in_values("source", LOG_SOURCES),
        in_values("load_model", LOAD_MODELS),
        CheckConstraint("duration_s > 0", name="duration_positive"),
        non_negative("distance_m"),
        non_negative("elevation_gain_m"),
        non_negative("load"),
        between("avg_hr", 25, 250),
        between("max_hr", 25, 250),
        between("rpe", 0, 10),
        between("pain_severity", 0, 10),
        between("feel", 1, 5),
        Index(None, "athlete_id", "local_date"),
        Index(
            "uq_training_logs_athlete_fingerprint",
            "athlete_id",
            "source_fingerprint",
            unique=True,
            sqlite_where=text("source_fingerprint IS NOT NULL"),
            postgresql_where=text("source_fingerprint IS NOT NULL"),
        ),
        # Races and time trials, a few among thousands of logs: personal bests and trends.
        Index(
            "ix_training_logs_timed",
            "athlete_id",
            "local_date",
            sqlite_where=text("kind IN ('race', 'time_trial')"),
            postgresql_where=text("kind IN ('race', 'time_trial')"),
        ),
    )

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    planned_session_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("planned_sessions.id", ondelete="SET NULL"), index=True
    )
    local_date: Mapped[date]
    started_at: Mapped[datetime]
    sport: Mapped[str] = mapped_column(String(12), default="run")
    kind: Mapped[str] = mapped_column(String(12), default="training")
    title: Mapped[str | None] = mapped_column(String(200))
    duration_s: Mapped[float]
    distance_m: Mapped[float | None]
    avg_hr: Mapped[int | None]
    max_hr: Mapped[int | None]
    avg_pace_s_per_km: Mapped[float | None]
    elevation_gain_m: Mapped[float | None]
    rpe: Mapped[float | None]
    pain_flag: Mapped[bool] = mapped_column(default=False)
    pain_location: Mapped[str | None] = mapped_column(String(100))
    pain_severity: Mapped[int | None]
    feel: Mapped[int | None]
    notes: Mapped[str | None] = mapped_column(String(4000))
    load: Mapped[float] = mapped_column(default=0)
    load_model: Mapped[str] = mapped_column(String(8), default="rpe")
    # Every load model that could be computed, for provenance: {"rpe": 420.0, "hr": 61.2}.
    load_details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    source: Mapped[str] = mapped_column(String(8), default="manual")
    source_fingerprint: Mapped[str | None] = mapped_column(String(64))
    import_run_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("import_runs.id", ondelete="SET NULL")
    )


class ImportRun(IdMixin, TenantMixin, Base):
    """One upload of an activity file or CSV, with its outcome."""

    __tablename__ = "import_runs"
    __audited__ = True
    __table_args__ = (
        in_values("status", ("running", "succeeded", "partial", "failed")),
        Index(None, "athlete_id", "created_at"),
    )

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(8))
    filename: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int]
    status: Mapped[str] = mapped_column(String(12), default="running")
    rows_total: Mapped[int] = mapped_column(default=0)
    rows_imported: Mapped[int] = mapped_column(default=0)
    # An archive's progress: entries looked at, merged into a session already there, refused.
    rows_done: Mapped[int] = mapped_column(default=0, server_default="0")
    rows_duplicate: Mapped[int] = mapped_column(default=0, server_default="0")
    rows_refused: Mapped[int] = mapped_column(default=0, server_default="0")
    errors: Mapped[list[Any]] = mapped_column(default=list)
    created_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
