"""What an imported file recorded, kept: the file itself (by SHA-256), its sample streams, its laps
and the figures computed from the samples. The upload use-case (``training.import_activity``)
calls these; they authorize nothing themselves."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import ActivityFile, ActivityStream, Athlete, TrainingLog
from runseason.domain import activity_analysis as analysis
from runseason.domain import activity_efforts as efforts
from runseason.domain.load import RUNNING_SPORTS, Sex
from runseason.domain.streams import pack
from runseason.parsers import ParsedActivity

# Faster than any human run over the distance (the 400 m record is about 9.3 m/s): a GPS jump.
MAX_RUN_SPEED_M_S = 10.5


@dataclass(frozen=True, slots=True)
class TraceFigures:
    """What the samples say, for the session's load and its stored summary."""

    moving_time_s: float | None
    elevation_gain_m: float | None
    graded_pace_s_per_km: float | None
    trace_trimp: float | None
    best_efforts_s: dict[str, float]
    threshold_hr: float | None
    observed_max_hr: float | None

    def summary(self) -> dict[str, Any]:
        """The figures as the stream row's JSON summary."""
        return asdict(self)


def sex_of(athlete: Athlete) -> Sex:
    """The athlete's sex as the load models take it."""
    return (
        "male" if athlete.sex == "male" else "female" if athlete.sex == "female" else "unspecified"
    )


def _plausible_efforts(found: dict[str, float], sport: str) -> dict[str, float]:
    if sport not in RUNNING_SPORTS:
        return {}
    lengths = dict(analysis.BEST_EFFORT_DISTANCES_M)
    return {k: v for k, v in found.items() if v > 0 and lengths[k] / v <= MAX_RUN_SPEED_M_S}


def trace_figures(parsed: ParsedActivity, athlete: Athlete, sport: str) -> TraceFigures | None:
    """The figures of a file's samples (None for a file with fewer than two)."""
    if len(parsed.streams) < 2:
        return None
    grid = analysis.to_grid(parsed.streams)
    speed = analysis.normalized_graded_speed(grid)
    trimp = None
    if athlete.hr_rest and athlete.hr_max:
        trimp = efforts.trace_trimp(grid, athlete.hr_rest, athlete.hr_max, sex_of(athlete))
    return TraceFigures(
        moving_time_s=analysis.moving_time_s(grid),
        elevation_gain_m=analysis.elevation_gain_m(grid),
        graded_pace_s_per_km=1000.0 / speed if speed else None,
        trace_trimp=trimp,
        best_efforts_s=_plausible_efforts(efforts.best_efforts(grid), sport),
        threshold_hr=efforts.threshold_heart_rate(grid),
        observed_max_hr=efforts.observed_max_hr(grid),
    )


def keep_file(
    session: Session, athlete: Athlete, upload: tuple[str, bytes], file_format: str
) -> ActivityFile:
    """The athlete's stored copy of a file: found by its SHA-256, or added."""
    filename, content = upload
    digest = hashlib.sha256(content).hexdigest()
    found = session.scalar(
        select(ActivityFile).where(
            ActivityFile.athlete_id == athlete.id, ActivityFile.sha256 == digest
        )
    )
    if found is not None:
        return found
    kept = ActivityFile(
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        sha256=digest,
        file_format=file_format,
        filename=filename[:255],
        size_bytes=len(content),
        content=content,
    )
    session.add(kept)
    return kept


def keep_recording(
    session: Session,
    athlete: Athlete,
    row: TrainingLog,
    parsed: ParsedActivity,
    upload: tuple[str, bytes | None],
    figures: TraceFigures | None,
) -> None:
    """Keep a file's content and, for a session without them yet, its samples (a second source
    of a session recorded already adds only its file)."""
    filename, content = upload
    if content is None:
        return
    kept = keep_file(session, athlete, (filename, content), parsed.source_format)
    if len(parsed.streams) < 2 or session.get(ActivityStream, row.id) is not None:
        return
    sport = row.sport
    keep_streams(session, row, parsed, kept, figures or trace_figures(parsed, athlete, sport))


def keep_streams(
    session: Session,
    row: TrainingLog,
    parsed: ParsedActivity,
    kept: ActivityFile,
    figures: TraceFigures | None,
) -> None:
    """Store the session's samples, laps and figures beside its log row (flushed by the caller)."""
    kept.training_log_id = row.id
    layout, data = pack(parsed.streams)
    session.add(
        ActivityStream(
            training_log_id=row.id,
            organization_id=row.organization_id,
            athlete_id=row.athlete_id,
            file=kept,
            point_count=len(parsed.streams),
            channels=layout,
            data=data,
            laps=[{k: _json_number(v) for k, v in asdict(lap).items()} for lap in parsed.laps],
            summary=figures.summary() if figures else {},
        )
    )


def _json_number(value: float | None) -> float | None:
    return None if value is None or not np.isfinite(value) else float(value)
