"""The FIT workout file read back by an independent decoder (fitdecode), step by step."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import fitdecode

from runseason.domain.session_shape import Block, Shape, Zones
from runseason.domain.workout import workout_of
from runseason.exports.fit_workout import encode_fit_workout

CREATED = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)


def read_fit(content: bytes) -> dict[str, list[dict[str, Any]]]:
    """Every data message of a FIT file by name, with its fields (CRC checked)."""
    out: dict[str, list[dict[str, Any]]] = {}
    with fitdecode.FitReader(io.BytesIO(content), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                out.setdefault(frame.name, []).append({f.name: f.value for f in frame.fields})
    return out


def test_a_paced_interval_session_reads_back_as_the_same_steps() -> None:
    zones = Zones({"E": (380.0, 340.0), "T": (290.0, 280.0)}, {})
    workout = workout_of(
        "Cruise intervals 4 × 3 min", Shape(900, (Block(4, 180, "T", 60),), 600), zones
    )
    messages = read_fit(encode_fit_workout(workout, created=CREATED))
    assert messages["file_id"][0]["type"] == "workout"
    (header,) = messages["workout"]
    assert (header["sport"], header["wkt_name"], header["num_valid_steps"]) == (
        "running",
        "Cruise intervals 4 × 3 min",
        5,
    )
    steps = messages["workout_step"]
    assert [s["intensity"] for s in steps if "intensity" in s] == [
        "warmup",
        "active",
        "recovery",
        "cooldown",
    ]
    assert [s.get("duration_time") for s in steps] == [900, 180, 60, None, 600]
    work = steps[1]
    assert work["target_type"] == "speed"
    assert abs(work["custom_target_speed_low"] - 1000 / 290) < 0.002
    assert abs(work["custom_target_speed_high"] - 1000 / 280) < 0.002
    repeat = steps[3]
    assert repeat["duration_type"] == "repeat_until_steps_cmplt"
    assert (repeat["duration_step"], repeat["repeat_steps"]) == (1, 4)


def test_without_pace_zones_the_target_is_heart_rate_in_bpm() -> None:
    zones = Zones({}, {"Z1": (0.0, 120.0), "Z2": (121.0, 140.0)})
    workout = workout_of("Long run", Shape(0, (Block(1, 5400, "E"),), 0), zones, 16000)
    (step,) = read_fit(encode_fit_workout(workout, created=CREATED))["workout_step"]
    assert (step["duration_type"], step["duration_distance"]) == ("distance", 16000)
    assert step["target_type"] == "heart_rate"
    # FIT's workout_hr: values above 100 are beats per minute plus 100.
    assert (step["custom_target_heart_rate_low"], step["custom_target_heart_rate_high"]) == (
        221,
        240,
    )
