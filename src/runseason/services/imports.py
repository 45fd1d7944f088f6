"""A runner's whole history: archives, gzip files and activity CSVs imported item by item.

```
  upload ─► start_import: limits checked, nothing unpacked ─► import run + stored upload (queued)
                                                                    │ worker: run_queued
  runseason import PATH... ─► plan: files by name, then CSV rows    ▼
                               └─► import_item, one transaction each ─► activity_import
                                   (already imported │ merged │ imported │ refused + why)
```

Each item is its own transaction and moves the run's counters, so a page polls the progress, a
crash loses at most the item in hand, and a re-run skips what was imported (by content digest).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runseason.config import get_settings
from runseason.db.models import Athlete, ImportRun, ImportUpload
from runseason.errors import Conflict, InvalidInput, NotFound
from runseason.parsers import parse_activity
from runseason.parsers.activity_csv import (
    GARMIN,
    STRAVA,
    ColumnMapping,
    DistanceUnit,
    columns_of,
    detect_mapping,
    read_rows,
)
from runseason.parsers.archive import Item, plan
from runseason.schemas.imports import CsvColumns, CsvPreview, CsvPreviewRow, ImportRead
from runseason.services import activity_import, activity_sources
from runseason.services.identity.access import Actor, get_athlete, use_case

Outcome = Literal["imported", "merged", "already imported", "refused"]
COUNTER: dict[Outcome, str] = {
    "imported": "rows_imported",
    "merged": "rows_duplicate",
    "already imported": "rows_duplicate",
    "refused": "rows_refused",
}


@dataclass(frozen=True, slots=True)
class ItemResult:
    """What became of one file or row, and why when it was not imported."""

    name: str
    outcome: Outcome
    reason: str | None = None


def mapping_of(columns: CsvColumns | None) -> ColumnMapping | None:
    """The parsers' column mapping of the boundary's."""
    return ColumnMapping(**columns.model_dump()) if columns is not None else None


def plan_for(
    athlete: Athlete, filename: str, content: bytes, mapping: ColumnMapping | None
) -> list[Item]:
    """The items of an upload, CSV times read in the athlete's zone and distances in their unit."""
    unit: DistanceUnit = "mi" if athlete.unit_preference == "mi" else "km"
    return plan(
        filename,
        content,
        activity_import.archive_limits(),
        zone=athlete.timezone,
        unit=unit,
        mapping=mapping,
    )


@use_case("athlete", writes=True)
def start_import(
    session: Session,
    actor: Actor,
    athlete_id: int,
    filename: str,
    content: bytes,
    *,
    now: datetime,
    columns: CsvColumns | None = None,
) -> ImportRead:
    """Check an upload against the limits and queue it for the worker; nothing is unpacked and
    nothing is written when it is refused."""
    athlete = get_athlete(session, actor, athlete_id, write=True)
    if "\x00" in filename:
        raise InvalidInput("filename: must not contain a NUL character")
    if not content:
        raise InvalidInput(f"file: '{filename}' is empty.")
    items = plan_for(athlete, filename, content, mapping_of(columns))
    if not items:
        raise InvalidInput(f"file: '{filename}' holds no FIT, GPX, TCX or activity CSV file.")
    run = activity_import.new_run(session, actor, athlete, filename, content, now)
    run.source, run.rows_total = _kind(filename, content), len(items)
    session.add(
        ImportUpload(
            import_run_id=run.id,
            organization_id=athlete.organization_id,
            content=content,
            csv_mapping=columns.model_dump() if columns is not None else None,
            created_at=now,
        )
    )
    session.flush()
    return ImportRead.model_validate(run)


@use_case("athlete")
def preview_csv(
    session: Session,
    actor: Actor,
    athlete_id: int,
    content: bytes,
    *,
    columns: CsvColumns | None = None,
    limit: int = 5,
) -> CsvPreview:
    """A CSV's columns, the export recognised and its first rows as they would be imported (no
    rows until an unknown CSV's columns are mapped)."""
    athlete = get_athlete(session, actor, athlete_id)
    header = columns_of(content)
    mapping = mapping_of(columns)
    known = detect_mapping(header)
    dialect = (
        "mapped"
        if mapping
        else "strava"
        if known is STRAVA
        else "garmin"
        if known is GARMIN
        else None
    )
    if mapping is None and known is None:
        return CsvPreview(columns=header, dialect=None, rows=[], total_rows=0)
    unit: DistanceUnit = "mi" if athlete.unit_preference == "mi" else "km"
    rows = read_rows(content, zone=athlete.timezone, unit=unit, mapping=mapping)
    shown = [
        CsvPreviewRow(
            line=r.line,
            start=r.activity.start_time if r.activity else None,
            duration_s=r.activity.duration_s if r.activity else None,
            distance_m=r.activity.distance_m if r.activity else None,
            sport=r.activity.sport if r.activity else None,
            title=r.title,
            error=r.error,
        )
        for r in rows[:limit]
    ]
    return CsvPreview(columns=header, dialect=dialect, rows=shown, total_rows=len(rows))


def _kind(filename: str, content: bytes) -> str:
    if content.startswith(b"PK"):
        return "zip"
    if content.startswith(b"\x1f\x8b"):
        return "gz"
    return filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "file"


@use_case("athlete")
def get_import(session: Session, actor: Actor, athlete_id: int, import_id: int) -> ImportRead:
    """One import of an athlete, with its progress."""
    get_athlete(session, actor, athlete_id)
    run = session.get(ImportRun, import_id)
    if run is None or run.athlete_id != athlete_id:
        raise NotFound("import not found")
    return ImportRead.model_validate(run)


@use_case("athlete")
def list_imports(
    session: Session, actor: Actor, athlete_id: int, *, limit: int = 10
) -> list[ImportRead]:
    """An athlete's latest imports, newest first."""
    get_athlete(session, actor, athlete_id)
    rows = session.scalars(
        select(ImportRun)
        .where(ImportRun.athlete_id == athlete_id)
        .order_by(ImportRun.created_at.desc(), ImportRun.id.desc())
        .limit(limit)
    )
    return [ImportRead.model_validate(r) for r in rows]


@use_case("athlete", writes=True)
def import_item(
    session: Session,
    actor: Actor,
    athlete_id: int,
    run_id: int,
    position: tuple[int, Item],
    *,
    now: datetime,
) -> ItemResult | None:
    """Import the run's item at this index, merged into the session it repeats, or refuse it
    with the reason (nothing of it is written); the run's counters move either way. None when
    the item was done already (by another worker)."""
    athlete = get_athlete(session, actor, athlete_id, write=True)
    run = session.get(ImportRun, run_id)
    if run is None or run.athlete_id != athlete.id:
        raise NotFound("import not found")
    index, item = position
    if run.rows_done > index:
        return None
    try:
        with session.begin_nested():
            result = _store(session, actor, athlete, run, item, now)
    except Conflict:
        result = ItemResult(item.name, "already imported")
    except InvalidInput as error:
        result = ItemResult(item.name, "refused", error.message)
    _count(run, result)
    session.flush()
    return result


def _store(
    session: Session, actor: Actor, athlete: Athlete, run: ImportRun, item: Item, now: datetime
) -> ItemResult:
    content: bytes | None = None
    if item.row is not None:
        if item.row.activity is None:
            raise InvalidInput(item.row.error or "the row could not be read")
        parsed, digest, title = item.row.activity, item.row.digest, item.row.title
        if activity_sources.find_by_content(session, athlete.id, digest):
            return ItemResult(item.name, "already imported")
    else:
        assert item.read is not None
        content, title = item.read(), None
        digest = hashlib.sha256(content).hexdigest()
        if activity_sources.find_by_content(session, athlete.id, digest):
            return ItemResult(item.name, "already imported")
        parsed = parse_activity(item.name, content, max_bytes=get_settings().max_upload_bytes)
    activity_import.check_parsed(actor, athlete, parsed, confirm=False)
    origin = activity_sources.Origin(item.name, digest, run.id, content)
    _, merged = activity_import.store_activity(
        session, athlete, parsed, origin, run, now=now, title=title
    )
    return ItemResult(item.name, "merged" if merged else "imported")


def _count(run: ImportRun, result: ItemResult) -> None:
    counter = COUNTER[result.outcome]
    setattr(run, counter, getattr(run, counter) + 1)
    run.rows_done += 1
    if result.outcome == "refused":
        run.errors = [*run.errors, f"{result.name}: {result.reason}"]


def finish(run: ImportRun, now: datetime) -> None:
    """Close a run: succeeded, partial (some refused) or failed (all refused)."""
    if run.rows_refused and run.rows_refused == run.rows_done:
        run.status = "failed"
    else:
        run.status = "partial" if run.rows_refused else "succeeded"
    run.finished_at = now


def drop_upload(session: Session, run_id: int) -> None:
    """Forget a queued upload's bytes once its import has run."""
    session.execute(delete(ImportUpload).where(ImportUpload.import_run_id == run_id))
