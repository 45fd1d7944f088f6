"""Where a logged session came from (one row per source file or CSV row) and queued imports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, IdMixin, TenantMixin
from runseason.db.types import utcnow


class ActivitySource(IdMixin, TenantMixin, Base):
    """One source of a logged session: a device file or a CSV row (two sources, one session)."""

    __tablename__ = "activity_sources"
    __audited__ = True
    __table_args__ = (
        # The same content is imported once per athlete: re-uploads are recognised by this hash.
        Index(
            "uq_activity_sources_athlete_content",
            "athlete_id",
            "content_sha256",
            unique=True,
        ),
    )

    training_log_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("training_logs.id", ondelete="CASCADE"), index=True
    )
    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(8))
    filename: Mapped[str] = mapped_column(String(255))
    content_sha256: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime]
    duration_s: Mapped[float]
    distance_m: Mapped[float | None]
    import_run_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("import_runs.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ImportUpload(TenantMixin, Base):
    """An uploaded archive waiting for the worker (deleted once its import has run)."""

    __tablename__ = "import_uploads"

    import_run_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("import_runs.id", ondelete="CASCADE"), primary_key=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary)
    # Which column holds what in a CSV that is neither Strava's nor Garmin's (the upload's choice).
    csv_mapping: Mapped[dict[str, Any] | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = ["ActivitySource", "ImportUpload"]
