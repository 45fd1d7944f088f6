"""FIT files (fitdecode): sessions when present, computed from records when not."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import fitdecode

from runseason.errors import InvalidInput
from runseason.parsers.model import ParsedActivity, Sample, as_utc, elevation_gain, hr_summary

SEMICIRCLE = 180.0 / 2**31  # FIT positions are semicircles


def _fields(frame: Any) -> dict[str, Any]:
    return {f.name: f.value for f in frame.fields}


def _read(content: bytes) -> tuple[list[dict[str, Any]], dict[str, Any] | None, int, str | None]:
    records: list[dict[str, Any]] = []
    session: dict[str, Any] | None = None
    laps = 0
    device = None
    try:
        with fitdecode.FitReader(io.BytesIO(content), check_crc=fitdecode.CrcCheck.RAISE) as reader:
            for frame in reader:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                if frame.name == "record":
                    records.append(_fields(frame))
                elif frame.name == "session" and session is None:
                    session = _fields(frame)
                elif frame.name == "lap":
                    laps += 1
                elif frame.name == "file_id":
                    device = str(_fields(frame).get("manufacturer") or "") or None
    except fitdecode.FitEOFError as error:
        raise InvalidInput(f"The FIT file ends early (it is truncated): {error}.") from None
    except fitdecode.FitHeaderError:
        raise InvalidInput("This is not a readable FIT file (its header is damaged).") from None
    except fitdecode.FitCRCError:
        raise InvalidInput("The FIT file is damaged (its checksum does not match).") from None
    except fitdecode.FitError as error:
        raise InvalidInput(f"The FIT file could not be read: {error}.") from None
    return records, session, laps, device


def _sample(record: dict[str, Any], start: datetime) -> Sample:
    lat, lon = record.get("position_lat"), record.get("position_long")
    return Sample(
        t_s=(as_utc(record["timestamp"]) - start).total_seconds(),
        distance_m=record.get("distance"),
        hr=record.get("heart_rate"),
        lat=lat * SEMICIRCLE if lat is not None else None,
        lon=lon * SEMICIRCLE if lon is not None else None,
        altitude_m=record.get("enhanced_altitude", record.get("altitude")),
        speed_m_s=record.get("enhanced_speed", record.get("speed")),
    )


def parse_fit(content: bytes) -> ParsedActivity:
    """Read a FIT activity file."""
    records, session, laps, device = _read(content)
    timed = [r for r in records if isinstance(r.get("timestamp"), datetime)]
    if not timed and session is None:
        raise InvalidInput("This FIT file holds no activity (it may be a settings or course file).")
    start = as_utc(session["start_time"]) if session else as_utc(timed[0]["timestamp"])
    samples = tuple(_sample(r, start) for r in timed)
    avg_hr, max_hr = hr_summary(samples)
    warnings: list[str] = []
    if session is None:
        warnings.append("No session summary in the file; totals were computed from the records.")
        duration = samples[-1].t_s if samples else 0.0
        distances = [s.distance_m for s in samples if s.distance_m is not None]
        distance = max(distances) if distances else None
        sport, moving = "running", None
    else:
        duration = float(session.get("total_elapsed_time") or 0.0)
        distance = session.get("total_distance")
        sport = str(session.get("sport") or "generic")
        moving = session.get("total_timer_time")
        avg_hr = session.get("avg_heart_rate") or avg_hr
        max_hr = session.get("max_heart_rate") or max_hr
    if duration <= 0:
        raise InvalidInput("The FIT activity has no duration.")
    return ParsedActivity(
        sport=sport,
        start_time=start,
        duration_s=duration,
        moving_time_s=moving,
        distance_m=distance,
        avg_hr=avg_hr,
        max_hr=max_hr,
        elevation_gain_m=(session or {}).get("total_ascent") or elevation_gain(samples),
        source_format="fit",
        device=device,
        samples=samples,
        laps=laps,
        warnings=tuple(warnings),
    )
