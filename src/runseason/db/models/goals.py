"""Race goals: what the athlete is training for."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, String
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


class RaceGoal(IdMixin, TenantMixin, TimestampMixin, Base):
    """A race on the calendar with its distance, date, target time and priority A/B/C."""

    __tablename__ = "race_goals"
    __audited__ = True
    __table_args__ = (
        in_values("priority", ("A", "B", "C")),
        in_values("status", ("planned", "completed", "cancelled")),
        between("distance_m", 100, 500000, nullable=False),
        non_negative("target_time_s"),
        Index(None, "athlete_id", "race_date"),
    )

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    distance_m: Mapped[float]
    race_date: Mapped[date]
    target_time_s: Mapped[float | None]
    priority: Mapped[str] = mapped_column(String(1), default="A")
    status: Mapped[str] = mapped_column(String(12), default="planned")
    result_time_s: Mapped[float | None]
