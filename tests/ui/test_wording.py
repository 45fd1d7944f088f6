"""The words pages show for stored keys, bands, ages, dates and workouts."""

from __future__ import annotations

from datetime import date

import pytest

from runseason.ui import wording


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("sla_fresh_hours", "SLA fresh hours"),
        ("threshold_intervals", "Threshold intervals"),
        ("acwr", "ACWR"),
        ("vo2max_intervals", "VO₂max intervals"),
        ("hrv_drop_sd", "HRV drop sd"),
    ],
)
def test_a_key_reads_as_words(key: str, words: str) -> None:
    assert wording.label(key) == words


def test_bands_zones_and_ages_read_as_a_coach_says_them() -> None:
    assert wording.band("yellow") == "amber"
    assert wording.band(None) == "-"
    assert wording.zone("T") == "threshold"
    assert wording.age(654) == "27 days"
    assert wording.age(35) == "35 h"
    assert wording.age(0.2) == "under an hour"
    assert wording.day(date(2026, 12, 6)) == "Sun 6 Dec 2026"


def test_nested_settings_become_labelled_rows() -> None:
    rows = wording.setting_rows(
        {"automation_mode": "assisted", "risk": {"guardrail": 0.85, "on": True, "x": [1, 2]}}
    )
    assert rows == [
        {"Setting": "Automation mode", "Value": "assisted"},
        {"Setting": "Risk · Guardrail", "Value": "0.85"},
        {"Setting": "Risk · On", "Value": "yes"},
        {"Setting": "Risk · X", "Value": "1, 2"},
    ]


def test_a_workout_structure_reads_as_steps() -> None:
    structure = {
        "warmup_s": 900,
        "cooldown_s": 600,
        "steps": [
            {
                "repeat": 5,
                "work": {"duration_s": 180, "zone": "I"},
                "recover": {"duration_s": 90, "zone": "E"},
            },
            {"repeat": 1, "work": {"distance_m": 2000, "zone": "T"}},
        ],
    }
    assert wording.workout(structure) == [
        "Warm up 15:00 easy",
        "5 × 3:00 interval, 1:30 easy to recover",
        "2.0 km threshold",
        "Cool down 10:00 easy",
    ]


def test_zones_are_named_and_heart_rate_is_in_bpm() -> None:
    assert wording.pace_zone("T") == "Threshold (T)"
    assert wording.hr_zone("Z2") == "Aerobic (Z2)"
    assert wording.bpm_range(0, 124) == "up to 124 bpm"
    assert wording.bpm_range(125, 130.4) == "125–130 bpm"
    assert wording.bpm_range(156, None) == "from 156 bpm"


def test_a_column_list_keeps_abbreviations_in_capitals() -> None:
    assert wording.label("hrv_rmssd", capital=False) == "HRV rMSSD"
    assert wording.label("rpe", capital=False) == "effort (RPE)"
    assert wording.label("sleep_hours", capital=False) == "sleep hours"


def test_a_written_workout_reads_with_its_distances_and_targets() -> None:
    structure = {
        "warmup_m": 2000,
        "steps": [
            {
                "repeat": 6,
                "work": {"distance_m": 800, "zone": "I", "target": "heart_rate"},
                "recover": {"duration_s": 90, "zone": "jog"},
            },
            {"repeat": 1, "work": {"duration_s": 600, "zone": "T", "target": "effort"}},
        ],
        "cooldown_s": 600,
    }
    assert wording.workout(structure) == [
        "Warm up 2.0 km easy",
        "6 × 800 m interval by heart rate, 1:30 jog to recover",
        "10:00 threshold by effort",
        "Cool down 10:00 easy",
    ]
