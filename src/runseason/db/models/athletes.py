"""Athletes, their profile, their coaches and the days they cannot train."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Exists, ForeignKey, Index, String, exists, text
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import (
    Base,
    BigId,
    IdMixin,
    TenantMixin,
    TimestampMixin,
    between,
    in_values,
)

SEXES = ("female", "male", "unspecified")
LEVELS = ("beginner", "intermediate", "advanced", "elite")
ASSIGNMENT_ROLES = ("head", "assistant")
EXCEPTION_KINDS = ("sick", "injured", "travelling", "unavailable")


class Athlete(IdMixin, TenantMixin, TimestampMixin, Base):
    """An athlete's profile: what the science needs to know about them."""

    __tablename__ = "athletes"
    __audited__ = True
    __table_args__ = (
        in_values("sex", SEXES),
        in_values("level", LEVELS),
        in_values("unit_preference", ("km", "mi")),
        between("birth_year", 1900, 2100),
        between("hr_max", 25, 250),
        between("hr_rest", 25, 250),
        between("lthr", 25, 250),
        between("vdot", 20, 90),
        between("threshold_pace_s_per_km", 120, 900),
        between("preferred_long_run_day", 0, 6),
        between("current_weekly_distance_m", 0, 400000),
        between("home_altitude_m", -500, 6000),
        CheckConstraint("hr_rest IS NULL OR hr_max IS NULL OR hr_rest < hr_max", name="hr_order"),
    )

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    display_name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    unit_preference: Mapped[str] = mapped_column(String(2), default="km")
    sex: Mapped[str] = mapped_column(String(12), default="unspecified")
    birth_year: Mapped[int | None]
    level: Mapped[str] = mapped_column(String(16), default="intermediate")
    hr_max: Mapped[int | None]
    hr_rest: Mapped[int | None]
    lthr: Mapped[int | None]
    threshold_pace_s_per_km: Mapped[float | None]
    vdot: Mapped[float | None]
    vdot_source: Mapped[str | None] = mapped_column(String(200))
    current_weekly_distance_m: Mapped[float | None]
    # Weekdays the athlete can train, 0 = Monday.
    available_weekdays: Mapped[list[Any]] = mapped_column(default=lambda: [0, 1, 2, 3, 4, 5, 6])
    preferred_long_run_day: Mapped[int | None]
    # Coach overrides by zone name: {"hr": {"Z2": [140, 150]}, "pace": {"T": [250, 255]}}.
    zone_overrides: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Where the athlete usually runs: the briefing's altitude when a check-in gives none.
    home_altitude_m: Mapped[float | None]
    is_active: Mapped[bool] = mapped_column(default=True)


class CoachAssignment(IdMixin, TenantMixin, Base):
    """A coach's responsibility for an athlete over a period; ending it keeps the history."""

    __tablename__ = "coach_assignments"
    __audited__ = True
    __table_args__ = (
        in_values("role", ASSIGNMENT_ROLES),
        Index(
            "uq_coach_assignments_active",
            "coach_id",
            "athlete_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
        Index(None, "athlete_id", "ended_at"),
        Index(None, "coach_id", "ended_at"),
    )

    coach_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(12), default="head")
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]


class AvailabilityException(IdMixin, TenantMixin, TimestampMixin, Base):
    """Days an athlete is sick, injured, travelling or otherwise unable to train."""

    __tablename__ = "availability_exceptions"
    __audited__ = True
    __table_args__ = (
        in_values("kind", EXCEPTION_KINDS),
        CheckConstraint("end_date >= start_date", name="date_order"),
        Index(None, "athlete_id", "start_date"),
    )

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[date]
    end_date: Mapped[date]
    note: Mapped[str | None] = mapped_column(String(500))

    @classmethod
    def covers(cls, athlete_id: Any, day: Any) -> Exists:
        """SQL condition: the athlete in ``athlete_id`` has ``day`` marked (a correlated EXISTS)."""
        return exists().where(
            cls.athlete_id == athlete_id, cls.start_date <= day, cls.end_date >= day
        )
