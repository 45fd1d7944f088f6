"""Device files to logged sessions: the one write path of every import (a single upload, each
file and CSV row of an archive), with the same activity from two sources kept as one session."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import NoReturn

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from runseason import telemetry
from runseason.config import get_settings
from runseason.db.models import Athlete, ImportRun, TrainingLog
from runseason.domain.dates import local_date
from runseason.domain.plausibility import LoggedValues
from runseason.errors import Conflict, InvalidInput
from runseason.parsers import ParsedActivity, fingerprint, parse_activity
from runseason.parsers.archive import GZIP_MAGIC, ArchiveLimits, inflate_gzip
from runseason.schemas.training import TrainingLogRead
from runseason.services import activity_files, activity_sources
from runseason.services.activity_files import TraceFigures
from runseason.services.identity.access import Actor, get_athlete, use_case
from runseason.services.plans import compliance
from runseason.services.refresh import queue
from runseason.services.training import (
    SPORT_OF_FILE,
    check_day,
    check_plausible,
    load_for,
    match_planned,
)


def archive_limits() -> ArchiveLimits:
    """The configured limits of what an upload may unpack to."""
    settings = get_settings()
    return ArchiveLimits(
        max_total_bytes=settings.import_max_total_bytes,
        max_files=settings.import_max_files,
        max_ratio=settings.import_max_ratio,
        max_file_bytes=settings.max_upload_bytes,
    )


def unwrap_gzip(filename: str, content: bytes) -> tuple[str, bytes]:
    """A gzipped file's own name and content (an export's ``.fit.gz``); others as they are."""
    if not content.startswith(GZIP_MAGIC):
        return filename, content
    inner = filename[:-3] if filename.lower().endswith(".gz") else filename
    return inner, inflate_gzip(filename, content, archive_limits())


def new_run(
    session: Session, actor: Actor, athlete: Athlete, filename: str, content: bytes, now: datetime
) -> ImportRun:
    """A new import run for an uploaded file or archive (its outcome is filled in as it goes)."""
    run = ImportRun(
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        source=filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "file",
        filename=filename[:255],
        file_sha256=hashlib.sha256(content).hexdigest(),
        size_bytes=len(content),
        status="running",
        rows_total=1,
        created_by_id=actor.user_id,
        created_at=now,
    )
    session.add(run)
    session.flush()
    return run


def _refuse_file(
    session: Session,
    actor: Actor,
    athlete: Athlete,
    upload: tuple[str, bytes],
    now: datetime,
    error: InvalidInput,
) -> NoReturn:
    """Record the failed attempt (kept although refused) and refuse; no session is written."""
    run = new_run(session, actor, athlete, *upload, now)
    run.status, run.errors, run.finished_at = "failed", [error.message], now
    session.flush()
    raise InvalidInput(error.message, detail=error.detail, keep_changes=True) from None


@use_case("athlete", writes=True)
def import_activity(
    session: Session,
    actor: Actor,
    athlete_id: int,
    filename: str,
    content: bytes,
    *,
    now: datetime,
    rpe: float | None = None,
    confirm_unusual: bool = False,
) -> TrainingLogRead:
    """Import a FIT, GPX or TCX file as a logged session; the same activity from another source
    is merged into its session, a file already imported and broken or implausible files (which
    a coach may confirm) are refused."""
    athlete = get_athlete(session, actor, athlete_id, write=True)
    if "\x00" in filename:
        raise InvalidInput("filename: must not contain a NUL character")
    upload = (filename, content)
    try:
        filename, content = unwrap_gzip(filename, content)
    except InvalidInput as error:
        _refuse_file(session, actor, athlete, upload, now, error)
    digest = hashlib.sha256(content).hexdigest()
    known = activity_sources.find_by_content(session, athlete.id, digest)
    if known:
        telemetry.IMPORTS.labels("duplicate").inc()
        raise Conflict("This activity was already imported.", detail=known)
    try:
        parsed = parse_activity(filename, content, max_bytes=get_settings().max_upload_bytes)
        confirmed = check_parsed(actor, athlete, parsed, confirm_unusual)
    except InvalidInput as error:
        telemetry.IMPORTS.labels("refused").inc()
        _refuse_file(session, actor, athlete, upload, now, error)
    run = new_run(session, actor, athlete, filename, content, now)
    origin = activity_sources.Origin(filename, digest, run.id, content)
    row, merged = store_activity(session, athlete, parsed, origin, run, now=now, rpe=rpe)
    row.load_details = {**row.load_details, **confirmed}
    run.status, run.finished_at = "succeeded", now
    run.rows_imported, run.rows_duplicate = (0, 1) if merged else (1, 0)
    session.flush()
    telemetry.IMPORTS.labels("duplicate" if merged else "imported").inc()
    warnings = [*parsed.warnings, *([MERGED] if merged else [])]
    return TrainingLogRead.model_validate(row).model_copy(update={"warnings": warnings})


MERGED = "The same activity was already imported from another file; this file was added to it."


def check_parsed(
    actor: Actor, athlete: Athlete, parsed: ParsedActivity, confirm: bool
) -> dict[str, str]:
    """Refuse an activity read from a file or CSV whose values are implausible for its sport."""
    sport = SPORT_OF_FILE.get(parsed.sport, "other")
    values = LoggedValues(sport, parsed.duration_s, parsed.distance_m, parsed.avg_hr, parsed.max_hr)
    return check_plausible(actor, athlete, values, confirm)


def store_activity(
    session: Session,
    athlete: Athlete,
    parsed: ParsedActivity,
    origin: activity_sources.Origin,
    run: ImportRun,
    *,
    now: datetime,
    rpe: float | None = None,
    title: str | None = None,
) -> tuple[TrainingLog, bool]:
    """Store an activity read from a file or CSV row, merged into the session it repeats; the
    session and whether it was merged (the one write path of every import)."""
    day = local_date(parsed.start_time, athlete.timezone)
    check_day(athlete, day, now)
    row = activity_sources.find_same_activity(session, athlete.id, parsed)
    merged = row is not None
    if row is None:
        sport = SPORT_OF_FILE.get(parsed.sport, "other")
        figures = activity_files.trace_figures(parsed, athlete, sport)
        where = (day, sport, fingerprint(parsed))
        row = _log_from_file(session, athlete, parsed, where, (rpe, figures), run)
        row.title = title or row.title
        upload = (origin.filename, origin.content)
        activity_files.keep_recording(session, athlete, row, parsed, upload, figures)
    elif activity_sources.fill_gaps(row, parsed):
        row.load, row.load_model, details = load_for(
            athlete, row.duration_s, row.distance_m, row.rpe, row.avg_hr, row.sport
        )
        row.load_details = {**row.load_details, **details}
    if merged:
        upload = (origin.filename, origin.content)
        activity_files.keep_recording(session, athlete, row, parsed, upload, None)
    activity_sources.add_source(session, row, parsed, origin)
    session.flush()
    compliance.settle_after_change(session, athlete, [row.planned_session_id], now=now)
    queue.schedule(session, athlete.id, athlete.organization_id, day, now=now, to_day=day)
    return row, merged


def _log_from_file(
    session: Session,
    athlete: Athlete,
    parsed: ParsedActivity,
    where: tuple[date, str, str],
    effort: tuple[float | None, TraceFigures | None],
    run: ImportRun,
) -> TrainingLog:
    day, sport, print_ = where
    rpe, figures = effort
    load, model, details = load_for(
        athlete, parsed.duration_s, parsed.distance_m, rpe, parsed.avg_hr, sport, figures
    )
    climb = parsed.elevation_gain_m or (figures.elevation_gain_m if figures else None)
    pace = parsed.duration_s / (parsed.distance_m / 1000) if parsed.distance_m else None
    row = TrainingLog(
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        planned_session_id=match_planned(session, athlete.id, day),
        local_date=day,
        started_at=parsed.start_time,
        sport=sport,
        title=f"{parsed.source_format.upper()} import",
        duration_s=parsed.duration_s,
        distance_m=parsed.distance_m,
        avg_hr=round(parsed.avg_hr) if parsed.avg_hr else None,
        max_hr=round(parsed.max_hr) if parsed.max_hr else None,
        avg_pace_s_per_km=pace,
        elevation_gain_m=climb,
        rpe=rpe,
        load=load,
        load_model=model,
        load_details={**details, "samples": len(parsed.streams)},
        source=parsed.source_format,
        source_fingerprint=print_,
        import_run_id=run.id,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict("This activity was already imported.") from None
    return row
