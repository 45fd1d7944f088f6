"""The sources of a logged session: each file or CSV row it came from, recognised again.

The same content (its SHA-256) is imported once per athlete, so a re-upload changes nothing; the
same activity from another source (starts within two minutes, distances within 3 %) becomes a
second source of the one session instead of a second session. Called by ``services/training.py``
only, inside the import use-case.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import ActivitySource, TrainingLog
from runseason.domain.activity_match import START_WINDOW, same_activity
from runseason.parsers import ParsedActivity
from runseason.parsers.model import as_utc


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an activity was read from: a file's name and content digest, or a CSV row's."""

    filename: str
    content_sha256: str
    import_run_id: int | None
    content: bytes | None = None  # the file itself, kept whole (a CSV row has none)


def find_by_content(session: Session, athlete_id: int, content_sha256: str) -> int | None:
    """The session an identical file or row was already imported into."""
    return session.scalar(
        select(ActivitySource.training_log_id).where(
            ActivitySource.athlete_id == athlete_id,
            ActivitySource.content_sha256 == content_sha256,
        )
    )


def find_same_activity(
    session: Session, athlete_id: int, parsed: ParsedActivity
) -> TrainingLog | None:
    """An imported session of this athlete that records the same activity, if there is one."""
    start = parsed.start_time
    near = session.scalars(
        select(TrainingLog)
        .where(
            TrainingLog.athlete_id == athlete_id,
            TrainingLog.source.not_in(("manual", "demo")),
            TrainingLog.started_at.between(start - START_WINDOW, start + START_WINDOW),
        )
        .order_by(TrainingLog.id)
    )
    for row in near:
        if same_activity(
            as_utc(row.started_at),
            row.distance_m,
            row.duration_s,
            start,
            parsed.distance_m,
            parsed.duration_s,
        ):
            return row
    return None


def add_source(
    session: Session, row: TrainingLog, parsed: ParsedActivity, origin: Origin
) -> ActivitySource:
    """Record one more source of ``row``."""
    source = ActivitySource(
        organization_id=row.organization_id,
        training_log_id=row.id,
        athlete_id=row.athlete_id,
        source=parsed.source_format,
        filename=origin.filename[:255],
        content_sha256=origin.content_sha256,
        started_at=parsed.start_time,
        duration_s=parsed.duration_s,
        distance_m=parsed.distance_m,
        import_run_id=origin.import_run_id,
    )
    session.add(source)
    return source


def fill_gaps(row: TrainingLog, parsed: ParsedActivity) -> bool:
    """Take what the session lacks from the other source (heart rate, climb); whether it did."""
    changed = False
    for name, value in (
        ("avg_hr", round(parsed.avg_hr) if parsed.avg_hr else None),
        ("max_hr", round(parsed.max_hr) if parsed.max_hr else None),
        ("elevation_gain_m", parsed.elevation_gain_m),
        ("distance_m", parsed.distance_m),
    ):
        if getattr(row, name) is None and value is not None:
            setattr(row, name, value)
            changed = True
    return changed
