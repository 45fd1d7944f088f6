"""An imported session in depth, read: laps, splits, zones, best efforts and the sample streams.

Zones and splits are computed on read from the stored streams, so a change of the athlete's
zones or unit shows on every past session at once.
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy.orm import Session

from runseason.db.models import ActivityStream, Athlete, PlannedSession, TrainingLog
from runseason.domain import activity_analysis as analysis
from runseason.domain import activity_efforts as efforts
from runseason.domain import units
from runseason.domain.load import load_basis
from runseason.domain.streams import Streams, downsample, unpack
from runseason.errors import NotFound
from runseason.schemas.activities import (
    ActivityRead,
    ActivityStreamsRead,
    BestEffortRead,
    LapRead,
    PlannedRead,
    SplitRead,
    ZoneTimeRead,
)
from runseason.schemas.training import TrainingLogRead
from runseason.schemas.zones import ZoneRead
from runseason.services.identity.access import Actor, get_athlete, use_case
from runseason.services.plans.zones import zones_of

MAX_POINTS = 20_000


def _log_of(session: Session, actor: Actor, athlete_id: int, log_id: int) -> TrainingLog:
    get_athlete(session, actor, athlete_id)
    row = session.get(TrainingLog, log_id)
    if row is None or row.athlete_id != athlete_id:
        raise NotFound("activity not found")
    return row


def _streams(stored: ActivityStream) -> Streams:
    return unpack(stored.channels, stored.data, stored.point_count)


def _laps(stored: ActivityStream) -> list[LapRead]:
    laps = []
    for number, lap in enumerate(stored.laps, 1):
        distance, duration = lap.get("distance_m"), lap.get("moving_time_s") or lap["duration_s"]
        pace = duration / (distance / 1000) if distance and duration else None
        laps.append(LapRead(number=number, pace_s_per_km=pace, **lap))
    return laps


def _zone_times(values: Any, zones: list[ZoneRead], ascending: bool) -> list[ZoneTimeRead]:
    """Seconds in each zone; pace zones (slow bound first) are counted on speed."""
    if values is None or not zones:
        return []
    lows = [(z.name, z.low if ascending else 1000.0 / z.low) for z in zones]
    lows[0] = (lows[0][0], -math.inf)
    found = efforts.time_in_zones(values, lows)
    return [
        ZoneTimeRead(name=z.name, low=z.low, high=z.high, seconds=t.seconds)
        for z, t in zip(zones, found, strict=True)
    ]


def _splits(grid: analysis.Grid, unit: units.Unit) -> list[SplitRead]:
    return [
        SplitRead(
            number=s.number,
            distance_m=s.distance_m,
            duration_s=s.duration_s,
            pace_s_per_km=s.duration_s / (s.distance_m / 1000),
            gap_s_per_km=s.gap_s_per_km,
            avg_hr=s.avg_hr,
            elevation_change_m=s.elevation_change_m,
        )
        for s in efforts.splits(grid, units.metres_per_unit(unit))
        if s.distance_m > 0
    ]


def _planned(session: Session, row: TrainingLog) -> PlannedRead | None:
    if row.planned_session_id is None:
        return None
    planned = session.get(PlannedSession, row.planned_session_id)
    return PlannedRead.model_validate(planned) if planned else None


def _in_depth(athlete: Athlete, stored: ActivityStream) -> dict[str, Any]:
    streams = _streams(stored)
    grid = analysis.to_grid(streams)
    unit: units.Unit = "mi" if athlete.unit_preference == "mi" else "km"
    zones = zones_of(athlete)
    speed = analysis.graded_speed(grid)
    moving_speed = None if speed is None else analysis.smooth_speed(speed)[grid.moving]
    best = stored.summary.get("best_efforts_s") or {}
    return {
        "has_streams": True,
        "has_route": streams.get("lat_deg") is not None,
        "channels": sorted(streams.columns),
        "moving_time_s": stored.summary.get("moving_time_s"),
        "graded_pace_s_per_km": stored.summary.get("graded_pace_s_per_km"),
        "laps": _laps(stored),
        "splits": _splits(grid, unit),
        "heart_rate_zones": _zone_times(
            None if grid.hr_bpm is None else grid.hr_bpm[grid.moving], zones.heart_rate, True
        ),
        "pace_zones": _zone_times(moving_speed, zones.pace, False),
        # In the distances' order: PostgreSQL's JSONB keeps its own order of an object's keys.
        "best_efforts": [
            BestEffortRead(label=label, distance_m=length, duration_s=best[label])
            for label, length in analysis.BEST_EFFORT_DISTANCES_M
            if label in best
        ],
    }


@use_case("athlete")
def get_activity(session: Session, actor: Actor, athlete_id: int, log_id: int) -> ActivityRead:
    """A logged session with its laps, splits, time in zones and best efforts."""
    row = _log_of(session, actor, athlete_id, log_id)
    athlete = session.get(Athlete, athlete_id)
    assert athlete is not None
    stored = session.get(ActivityStream, row.id)
    depth: dict[str, Any] = {"has_streams": False, "has_route": False, "channels": []}
    depth |= {"moving_time_s": None, "graded_pace_s_per_km": None}
    depth |= {"laps": [], "splits": [], "heart_rate_zones": [], "pace_zones": []}
    depth |= {"best_efforts": []}
    if stored is not None:
        depth = _in_depth(athlete, stored)
    return ActivityRead(
        log=TrainingLogRead.model_validate(row),
        unit=athlete.unit_preference,
        elevation_gain_m=row.elevation_gain_m,
        load_basis=load_basis(row.load_model, row.load_details),
        planned=_planned(session, row),
        **depth,
    )


def _listed(values: Any) -> list[float | None]:
    return [None if math.isnan(v) else round(v, 7) for v in values.tolist()]


@use_case("athlete")
def get_activity_streams(
    session: Session, actor: Actor, athlete_id: int, log_id: int, *, points: int | None = None
) -> ActivityStreamsRead:
    """A session's samples column by column, thinned to ``points`` when asked."""
    row = _log_of(session, actor, athlete_id, log_id)
    stored = session.get(ActivityStream, row.id)
    if stored is None:
        raise NotFound("this session has no recorded samples (it was logged by hand)")
    streams = _streams(stored)
    thin = downsample(streams, min(points or MAX_POINTS, MAX_POINTS))
    return ActivityStreamsRead(
        activity_id=row.id,
        point_count=len(streams),
        points=len(thin),
        channels={name: _listed(values) for name, values in thin.columns.items()},
    )
