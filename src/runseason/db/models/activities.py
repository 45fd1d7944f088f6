"""What a device recorded: the original files, and each imported session's sample streams."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from runseason.db.base import Base, BigId, IdMixin, TenantMixin
from runseason.db.types import utcnow


class ActivityFile(IdMixin, TenantMixin, Base):
    """An uploaded activity file kept whole, addressed by its SHA-256, for export and re-reading.

    A file stays when its session is deleted (the link is cleared), so a re-upload finds it again.
    """

    __tablename__ = "activity_files"
    __audited__ = True
    __audit_redacted__ = frozenset({"content"})
    __table_args__ = (Index(None, "athlete_id", "sha256", unique=True),)

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    training_log_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("training_logs.id", ondelete="SET NULL"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64))
    file_format: Mapped[str] = mapped_column(String(8))
    filename: Mapped[str] = mapped_column(String(255))
    size_bytes: Mapped[int]
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ActivityStream(TenantMixin, Base):
    """One session's samples as compressed columns (``domain/streams.py`` packs and unpacks them),
    its laps as recorded and the figures computed from the samples at import."""

    __tablename__ = "activity_streams"
    __audited__ = True
    __audit_redacted__ = frozenset({"data"})
    __table_args__ = (Index(None, "athlete_id"),)

    training_log_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("training_logs.id", ondelete="CASCADE"), primary_key=True
    )
    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    file_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("activity_files.id", ondelete="SET NULL"), index=True
    )
    file: Mapped[ActivityFile | None] = relationship(lazy="raise")
    point_count: Mapped[int]
    # The packed columns' layout: [{"name": "time_s", "dtype": "<f8"}, ...] in blob order.
    channels: Mapped[list[Any]] = mapped_column(default=list)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    # Laps as the device recorded them: [{"start_s", "duration_s", "distance_m", ...}, ...].
    laps: Mapped[list[Any]] = mapped_column(default=list)
    # Figures from the samples: moving time, smoothed climb, normalized graded pace, best efforts.
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
