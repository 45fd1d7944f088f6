"""The ZWO workout: steps as shares of threshold speed, repeats as IntervalsT."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from runseason.domain.session_shape import Block, Shape, Zones
from runseason.domain.workout import workout_of
from runseason.exports.zwo import encode_zwo

ZONES = Zones({"E": (380.0, 340.0), "T": (290.0, 280.0)}, {})


def test_intervals_become_warm_up_intervals_and_cool_down() -> None:
    workout = workout_of("Cruise", Shape(900, (Block(4, 180, "T", 60),), 600), ZONES)
    root = ET.fromstring(encode_zwo(workout, threshold_s_per_km=285.0, description="Go"))
    assert root.findtext("sportType") == "run"
    assert root.findtext("name") == "Cruise"
    warm, intervals, cool = list(root.find("workout") or [])
    assert (warm.tag, warm.get("Duration"), cool.tag) == ("Warmup", "900", "Cooldown")
    assert float(warm.get("PowerLow") or 0) == round(285 / 360, 3)
    assert intervals.tag == "IntervalsT"
    assert (intervals.get("Repeat"), intervals.get("OnDuration"), intervals.get("OffDuration")) == (
        "4",
        "180",
        "60",
    )
    assert float(intervals.get("OnPower") or 0) == 1.0


def test_a_distance_step_becomes_time_at_the_zone_pace() -> None:
    workout = workout_of("Long", Shape(0, (Block(1, 3600, "E"),), 0), ZONES, 10000)
    root = ET.fromstring(encode_zwo(workout, threshold_s_per_km=None, description=""))
    (steady,) = list(root.find("workout") or [])
    assert steady.get("Duration") == "3600"
    assert steady.get("Power") == "0.75"
