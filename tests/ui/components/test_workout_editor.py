"""The workout editor's preview table: steps in words, repeats as "6 ×", the athlete's unit."""

from __future__ import annotations

from runseason.schemas.library import PreviewPartRead, PreviewStepRead, WorkoutPreviewRead
from runseason.ui.components.workout_editor import TARGET_CHOICES, ZONE_CHOICES, preview_rows


def _step(name: str, **values: object) -> PreviewStepRead:
    base: dict[str, object] = {
        "name": name,
        "intensity": "active",
        "zone": "I",
        "target": "pace",
        "duration_s": None,
        "distance_m": 800.0,
        "pace_s_per_km": (250.0, 240.0),
        "hr_bpm": (170, 178),
        "effort": "8–9/10, hard",
        "estimated_duration_s": 196.0,
        "estimated_distance_m": 800.0,
    }
    return PreviewStepRead.model_validate({**base, **values})


def _preview(unit: str, work: PreviewStepRead) -> WorkoutPreviewRead:
    jog = _step(
        "Easy jog",
        intensity="recovery",
        zone="jog",
        target="effort",
        duration_s=90.0,
        distance_m=None,
        pace_s_per_km=None,
        hr_bpm=None,
        effort="2/10, very easy",
        estimated_distance_m=250.0,
        estimated_duration_s=90.0,
    )
    return WorkoutPreviewRead(
        athlete_id=1,
        unit=unit,
        parts=[PreviewPartRead(times=6, steps=[work, jog])],
        duration_s=1716.0,
        distance_m=6300.0,
        has_pace_zones=True,
        has_heart_rate_zones=True,
    )


def test_repeats_read_as_six_times_with_paces_in_the_athletes_unit() -> None:
    rows = preview_rows(_preview("km", _step("Interval pace")))
    assert list(rows["Step"]) == ["6 × Interval pace", "6 × Easy jog"]
    assert rows.iloc[0]["Target"] == "4:00–4:10 /km"
    assert rows.iloc[0]["Heart rate"] == "170–178 bpm"
    assert rows.iloc[0]["Time each"] == "3:16"
    assert rows.iloc[1]["Target"] == "effort 2/10, very easy"
    assert rows.iloc[1]["Planned"] == "1:30"
    miles = preview_rows(_preview("mi", _step("Interval pace")))
    assert miles.iloc[0]["Target"] == "6:26–6:42 /mi"
    assert miles.iloc[0]["Distance each"] == "0.50 mi"


def test_a_heart_rate_or_effort_target_is_shown_as_the_watch_follows_it() -> None:
    by_heart = preview_rows(_preview("km", _step("Interval pace", target="heart_rate")))
    assert by_heart.iloc[0]["Target"] == "170–178 bpm"
    by_effort = preview_rows(_preview("km", _step("Interval pace", target="effort")))
    assert by_effort.iloc[0]["Target"] == "effort 8–9/10, hard"


def test_the_choices_read_as_words() -> None:
    for words in [*ZONE_CHOICES.values(), *TARGET_CHOICES.values()]:
        assert "_" not in words
        assert words[:1].isupper()
