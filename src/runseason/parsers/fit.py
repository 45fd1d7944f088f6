"""FIT files: decoded by fitfast (compiled, BENCHMARKS.md "Activity import"); a file it refuses is
read again by fitdecode, whose errors say what is wrong in words a runner understands."""

from __future__ import annotations

import io
import math
from datetime import UTC, datetime
from typing import Any

import fitdecode
import fitfast
import numpy as np

from runseason.domain.streams import Streams, make_streams
from runseason.errors import InvalidInput
from runseason.parsers.model import Lap, ParsedActivity, elevation_gain, hr_summary

SEMICIRCLE = 180.0 / 2**31  # FIT positions are semicircles
NAN = math.nan
# Our channel: the record fields that may hold it, best first.
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "distance_m": ("distance",),
    "hr_bpm": ("heart_rate",),
    "cadence_rpm": ("cadence",),
    "power_w": ("power",),
    # The plain fields first: fitfast derives the enhanced ones from them with a rounding error
    # (8.049 m/s becomes 8.048); a device that records only the enhanced one fills the gaps.
    "altitude_m": ("altitude", "enhanced_altitude"),
    "speed_m_s": ("speed", "enhanced_speed"),
    "lat_deg": ("position_lat",),
    "lon_deg": ("position_long",),
}
Messages = dict[str, list[dict[str | int, Any]]]


def _decode(content: bytes) -> Messages:
    try:
        return fitfast.parse(content)
    except BaseException as error:  # a Rust panic is a BaseException; both go to the explainer
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        _explain(content, str(error))
        raise AssertionError("unreachable") from None


def _explain(content: bytes, reason: str) -> None:
    """Raise the clear error for a file fitfast refused (fitdecode names the fault)."""
    found = False
    try:
        with fitdecode.FitReader(io.BytesIO(content), check_crc=fitdecode.CrcCheck.RAISE) as fit:
            for frame in fit:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA:
                    found = found or frame.name in ("record", "session")
    except fitdecode.FitEOFError as error:
        raise InvalidInput(f"The FIT file ends early (it is truncated): {error}.") from None
    except fitdecode.FitHeaderError:
        raise InvalidInput("This is not a readable FIT file (its header is damaged).") from None
    except fitdecode.FitCRCError:
        raise InvalidInput("The FIT file is damaged (its checksum does not match).") from None
    except fitdecode.FitError as error:
        raise InvalidInput(f"The FIT file could not be read: {error}.") from None
    except Exception as error:
        raise InvalidInput(f"The FIT file could not be read: {error}.") from None
    if not found:
        raise InvalidInput("This FIT file holds no activity (it may be a settings or course file).")
    raise InvalidInput(f"The FIT file could not be read: {reason}.")


def _values(records: list[dict[str | int, Any]], name: str) -> np.ndarray:
    try:
        # numpy reads None as NaN; a value of another type (a damaged file) takes the slow path.
        return np.array([r.get(name) for r in records], dtype=np.float64)
    except (TypeError, ValueError):
        return np.fromiter(
            (v if isinstance(v := r.get(name), int | float) else NAN for r in records),
            dtype=np.float64,
            count=len(records),
        )


def _column(
    records: list[dict[str | int, Any]], names: tuple[str, ...], present: set[str | int]
) -> np.ndarray | None:
    """The first field's values, gaps filled from the next fields (None if no record has any)."""
    found: np.ndarray | None = None
    for name in names:
        if name not in present:
            continue
        values = _values(records, name)
        found = values if found is None else np.where(np.isnan(found), values, found)
    return found


def _streams(records: list[dict[str | int, Any]], start_epoch: float) -> Streams:
    present: set[str | int] = set().union(*records)
    columns: dict[str, Any] = {"time_s": _values(records, "timestamp") - start_epoch}
    for channel, names in RECORD_FIELDS.items():
        values = _column(records, names, present)
        if values is not None and channel in ("lat_deg", "lon_deg"):
            values = values * SEMICIRCLE
        columns[channel] = values
    return make_streams(columns)


def _number(message: dict[str | int, Any], *names: str) -> float | None:
    for name in names:
        value = message.get(name)
        if isinstance(value, int | float):
            return float(value)
    return None


def _lap(lap: dict[str | int, Any], start_epoch: float) -> Lap:
    began = _number(lap, "start_time")
    return Lap(
        start_s=(began - start_epoch) if began is not None else 0.0,
        duration_s=_number(lap, "total_elapsed_time") or 0.0,
        moving_time_s=_number(lap, "total_timer_time"),
        distance_m=_number(lap, "total_distance"),
        avg_hr=_number(lap, "avg_heart_rate"),
        max_hr=_number(lap, "max_heart_rate"),
        ascent_m=_number(lap, "total_ascent"),
    )


def _device(messages: Messages) -> str | None:
    file_id = (messages.get("file_id") or [{}])[0]
    return str(file_id.get("manufacturer") or "") or None


def parse_fit(content: bytes) -> ParsedActivity:
    """Read a FIT activity file."""
    messages = _decode(content)
    records = [r for r in messages.get("record", []) if isinstance(r.get("timestamp"), int)]
    sessions = messages.get("session") or []
    session = sessions[0] if sessions else None
    if not records and session is None:
        raise InvalidInput("This FIT file holds no activity (it may be a settings or course file).")
    first = float(records[0]["timestamp"]) if records else None
    start_epoch = _number(session or {}, "start_time") or first
    if start_epoch is None:
        raise InvalidInput("The FIT activity has no start time.")
    streams = _streams(records, start_epoch) if records else make_streams({"time_s": []})
    avg_hr, max_hr = hr_summary(streams)
    warnings: list[str] = []
    if session is None:
        warnings.append("No session summary in the file; totals were computed from the records.")
        duration = float(streams.columns["time_s"][-1]) if len(streams) else 0.0
        distances = streams.get("distance_m")
        distance = float(np.nanmax(distances)) if distances is not None else None
        sport, moving = "running", None
    else:
        duration = _number(session, "total_elapsed_time") or 0.0
        distance = _number(session, "total_distance")
        sport = str(session.get("sport") or "generic")
        moving = _number(session, "total_timer_time")
        avg_hr = _number(session, "avg_heart_rate") or avg_hr
        max_hr = _number(session, "max_heart_rate") or max_hr
    if duration <= 0:
        raise InvalidInput("The FIT activity has no duration.")
    return ParsedActivity(
        sport=sport,
        start_time=datetime.fromtimestamp(start_epoch, UTC),
        duration_s=duration,
        moving_time_s=moving,
        distance_m=distance,
        avg_hr=avg_hr,
        max_hr=max_hr,
        elevation_gain_m=_number(session or {}, "total_ascent") or elevation_gain(streams),
        source_format="fit",
        streams=streams,
        device=_device(messages),
        laps=tuple(_lap(lap, start_epoch) for lap in messages.get("lap", [])),
        warnings=tuple(warnings),
    )
