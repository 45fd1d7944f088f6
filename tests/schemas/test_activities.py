"""The in-depth session's output models: built from stored rows, nulls kept as nulls."""

from __future__ import annotations

from runseason.schemas.activities import ActivityStreamsRead, LapRead


def test_a_lap_reads_a_stored_lap_with_its_pace() -> None:
    stored = {"start_s": 0.0, "duration_s": 300.0, "moving_time_s": 290.0, "distance_m": 1000.0}
    stored |= {"avg_hr": None, "max_hr": None, "ascent_m": None}
    lap = LapRead(number=1, pace_s_per_km=290.0, **stored)
    assert lap.avg_hr is None
    assert lap.pace_s_per_km == 290.0


def test_streams_say_how_many_points_were_recorded_and_returned() -> None:
    read = ActivityStreamsRead(
        activity_id=1,
        point_count=10,
        points=2,
        channels={"time_s": [0.0, 9.0], "hr_bpm": [None, 120.0]},
    )
    assert read.model_dump()["channels"]["hr_bpm"] == [None, 120.0]
