"""A template's structure: amounts by time or distance, targets, and checks that name the field."""

from __future__ import annotations

from typing import Any

import pytest

from runseason.domain.library import structure_load
from runseason.domain.workout_structure import (
    REFERENCE_VDOT,
    BlockText,
    parse_amount,
    part_seconds,
    structure_duration_s,
    structure_of_text,
    validate_structure,
    zone_paces,
)
from runseason.errors import InvalidInput

SIX_BY_800 = {
    "warmup_s": 900.0,
    "steps": [
        {
            "repeat": 6,
            "work": {"distance_m": 800.0, "zone": "I", "target": "pace"},
            "recover": {"duration_s": 90.0, "zone": "jog"},
        }
    ],
    "cooldown_s": 600.0,
}


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("90 s", {"duration_s": 90}),
        ("45sec", {"duration_s": 45}),
        ("3 min", {"duration_s": 180}),
        ("3:00", {"duration_s": 180}),
        ("1:02:30", {"duration_s": 3750}),
        ("1 h", {"duration_s": 3600}),
        ("800 m", {"distance_m": 800}),
        ("2km", {"distance_m": 2000}),
        ("2k", {"distance_m": 2000}),
        ("1 mi", {"distance_m": 1609.344}),
    ],
)
def test_an_amount_is_a_time_or_a_distance_by_its_unit(text: str, amount: dict) -> None:
    assert parse_amount(text, "Work") == pytest.approx(amount)


@pytest.mark.parametrize("text", ["800", "8oo", "", "fast", "3:75"])
def test_an_unclear_amount_is_refused_naming_where(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"^Main set row 2, work: "):
        parse_amount(text, "Main set row 2, work")


def test_the_editor_rows_become_six_by_800_with_a_jog_between() -> None:
    structure = structure_of_text(
        "15:00", [BlockText(6, "800 m", "I", "pace", "90 s", "jog")], "10 min"
    )
    assert structure == SIX_BY_800


def test_a_row_without_recovery_and_empty_edges_have_no_recovery_or_edges() -> None:
    structure = structure_of_text("", [BlockText(1, "2 km", "T", "heart_rate")], "")
    assert structure == {
        "steps": [
            {"repeat": 1, "work": {"distance_m": 2000.0, "zone": "T", "target": "heart_rate"}}
        ]
    }


def test_a_distance_is_timed_at_the_reference_runners_pace_of_its_zone() -> None:
    interval = zone_paces(REFERENCE_VDOT)["I"]
    assert part_seconds({"distance_m": 800}, "I") == pytest.approx(0.8 * interval)
    jog = zone_paces(REFERENCE_VDOT)["jog"]
    expected = 900 + 6 * (0.8 * interval + 90) + 600
    assert structure_duration_s(SIX_BY_800) == pytest.approx(expected)
    # Foster's session-RPE over the same time: 25 min easy at 3, the reps at 8.5, jogs at 2
    srpe = 25 * 3 + 6 * 0.8 * interval / 60 * 8.5 + 6 * 1.5 * 2
    assert structure_load(SIX_BY_800) == pytest.approx(srpe / 4.5)
    assert jog > interval


def test_a_warm_up_by_distance_is_run_easy() -> None:
    structure = {**SIX_BY_800, "warmup_m": 2000.0}
    del structure["warmup_s"]
    validate_structure(structure)
    easy = zone_paces(REFERENCE_VDOT)["E"]
    assert structure_duration_s(structure) == pytest.approx(
        structure_duration_s(SIX_BY_800) - 900 + 2 * easy
    )


def _with(**changes: Any) -> dict[str, Any]:
    block = {
        "repeat": 6,
        "work": {"distance_m": 800, "zone": "I"},
        "recover": {"duration_s": 90, "zone": "jog"},
    }
    for path, value in changes.items():
        part, _, key = path.partition("__")
        if key:
            block[part] = {**block[part], key: value}  # type: ignore[dict-item]
        else:
            block[part] = value
    return {
        "warmup_s": 600,
        "steps": [{"repeat": 1, "work": {"duration_s": 300, "zone": "E"}}, block],
    }


@pytest.mark.parametrize(
    ("structure", "message"),
    [
        ({"steps": []}, "Main set: a session needs at least one block of work."),
        (_with(repeat=0), "Main set row 2, repeats: between 1 and 50."),
        (_with(repeat=2.5), "Main set row 2, repeats: a whole number between 1 and 50."),
        (_with(work__zone="X"), "Main set row 2, work zone: choose one of "),
        (_with(work__target="power"), "Main set row 2, work target: pace, heart rate or effort."),
        (_with(work__duration_s=60), "Main set row 2, work: give a time or a distance"),
        (_with(work__distance_m=20), "Main set row 2, work distance: between 50 m and 100 km."),
        (_with(work__distance_m="far"), "Main set row 2, work distance: write a number."),
        (
            _with(recover={"duration_s": 2, "zone": "jog"}),
            "Main set row 2, recovery time: between 5 seconds and 6 hours.",
        ),
        (
            {**_with(), "cooldown_s": 600, "cooldown_m": 2000},
            "Cool-down: give a time or a distance, not both.",
        ),
        ({**_with(), "warmup_s": 3 * 3600}, "Warm-up time: between none and 2 hours."),
        (
            {"steps": [{"repeat": 1, "work": {"duration_s": 60, "zone": "T"}}]},
            "Whole session: between 5 minutes and 6 hours",
        ),
    ],
)
def test_a_bad_structure_is_refused_naming_the_row_and_field(
    structure: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_structure(structure)
    assert refused.value.message.startswith(message)


def test_the_six_by_800_is_valid() -> None:
    validate_structure(SIX_BY_800)
