"""The morning check-in and the readiness computed from it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from runseason.db.base import Base, BigId, IdMixin, TenantMixin, TimestampMixin, between, in_values
from runseason.db.types import utcnow

BANDS = ("green", "amber", "red")


class CheckIn(IdMixin, TenantMixin, TimestampMixin, Base):
    """One check-in per athlete per local date (in the athlete's own time zone)."""

    __tablename__ = "check_ins"
    __audited__ = True
    __table_args__ = (
        UniqueConstraint("athlete_id", "local_date"),
        between("sleep_quality", 1, 5),
        between("energy", 1, 5),
        between("recovery", 1, 5),
        between("stress", 1, 5),
        between("mood", 1, 5),
        between("sleep_hours", 0, 24),
        between("resting_hr", 25, 250),
        between("hrv_rmssd", 1, 500),
        between("pain_severity", 0, 10),
        between("temperature_c", -40, 55),
        between("dew_point_c", -60, 40),
        between("altitude_m", -500, 6000),
        CheckConstraint(
            "dew_point_c IS NULL OR temperature_c IS NULL OR dew_point_c <= temperature_c",
            name="dew_point_order",
        ),
    )

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    local_date: Mapped[date]
    sleep_quality: Mapped[int | None]  # None: not answered
    energy: Mapped[int | None]  # None: not answered
    recovery: Mapped[int | None]  # None: not answered
    stress: Mapped[int | None]  # None: not answered
    mood: Mapped[int | None]
    sleep_hours: Mapped[float | None]
    resting_hr: Mapped[int | None]
    hrv_rmssd: Mapped[float | None]
    illness: Mapped[bool] = mapped_column(default=False)
    pain_severity: Mapped[int | None]
    pain_location: Mapped[str | None] = mapped_column(String(100))
    pain_alters_gait: Mapped[bool | None]
    fever: Mapped[bool | None]
    # Today's conditions for the briefing's heat and altitude adjustment.
    temperature_c: Mapped[float | None]
    dew_point_c: Mapped[float | None]
    altitude_m: Mapped[float | None]
    note: Mapped[str | None] = mapped_column(String(2000))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReadinessScore(IdMixin, TenantMixin, Base):
    """The 0–100 readiness of an athlete-day with the factors that explain it."""

    __tablename__ = "readiness_scores"
    __table_args__ = (
        UniqueConstraint("athlete_id", "local_date"),
        in_values("band", BANDS),
        between("score", 0, 100, nullable=False),
    )

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    check_in_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("check_ins.id", ondelete="CASCADE"), unique=True
    )
    local_date: Mapped[date]
    score: Mapped[float]
    band: Mapped[str] = mapped_column(String(8))
    factors: Mapped[list[Any]] = mapped_column(default=list)
    baseline_used: Mapped[bool] = mapped_column(default=False)
    capped_by: Mapped[str | None] = mapped_column(String(40))
    computed_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Lets one flush write a new check-in and its score, the score taking the check-in's new id.
    check_in: Mapped[CheckIn] = relationship(lazy="raise")
