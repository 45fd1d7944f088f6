"""The briefing: go, reduce, swap, rest, talk to the coach first, see a clinician."""

from __future__ import annotations

import re

import pytest

from runseason.domain.briefing import (
    BriefingAdvice,
    Morning,
    PlannedToday,
    advise,
    library_session,
    pain_rising,
)
from runseason.domain.environment import Conditions, environment_adjustment
from runseason.domain.library import builtin_templates
from runseason.domain.session_shape import Zones
from runseason.domain.zones import friel_zones, pace_zones

SPECS = {s.code: s for s in builtin_templates()}


def planned(code: str, title: str | None = None) -> PlannedToday:
    spec = SPECS[code]
    return PlannedToday(
        title or spec.name, spec.category, spec.is_hard, spec.duration_s, None, spec.structure
    )


VO2 = planned("vo2max_intervals-5x180s")
TEMPO = PlannedToday("Tempo 3 × 10 min", "tempo", True, 3600.0, 12000.0)  # no stored structure
EASY = planned("easy-45")
RACE = PlannedToday("Spring 10k", "race", True, 2400.0, 10000.0)


def zones(unit: str = "km") -> Zones:
    pace = {z.name: (z.low, z.high) for z in pace_zones(45.0)}
    heart = {z.name: (z.low, z.high) for z in friel_zones(165)}
    return Zones(pace, heart, unit)  # type: ignore[arg-type]


def brief(plan: PlannedToday | None, band: str | None, **morning: object) -> BriefingAdvice:
    m = None if band is None else Morning(band, **morning)  # type: ignore[arg-type]
    return advise(plan, m, zones())


@pytest.mark.parametrize(
    ("plan", "band", "morning", "decision", "title"),
    [
        (VO2, "green", {}, "go", "VO2max intervals 5 × 3 min"),
        (VO2, "amber", {}, "reduce", "Cruise intervals 4 × 3 min"),
        (TEMPO, "amber", {}, "reduce", "Marathon-pace run 28 min"),
        (planned("race_pace-2x1200s"), "amber", {}, "reduce", "Easy run 55 min"),
        (EASY, "amber", {}, "go", "Easy run 45 min"),
        (VO2, "red", {}, "swap", "Recovery run 30 min"),
        (EASY, "red", {}, "swap", "Recovery run 30 min"),
        (planned("recovery-20"), "red", {}, "swap", "Recovery run 20 min"),
        (VO2, "green", {"illness": True}, "rest", "Rest day"),
        (VO2, "green", {"illness": True, "fever": True}, "talk_to_coach", None),
        (VO2, "green", {"pain_severity": 2}, "go", "VO2max intervals 5 × 3 min"),
        (VO2, "green", {"pain_severity": 4}, "rest", "Rest day: no running"),
        (VO2, "green", {"pain_severity": 5}, "rest", "Rest day: no running"),
        (VO2, "green", {"pain_severity": 6}, "talk_to_coach", None),
        (VO2, "green", {"pain_severity": 7}, "see_clinician", None),
        (VO2, "green", {"pain_severity": 9}, "see_clinician", None),
        (VO2, "green", {"pain_severity": 2, "pain_alters_gait": True}, "see_clinician", None),
        (VO2, "green", {"pain_severity": 3, "earlier_pain": (1, 2)}, "talk_to_coach", None),
        (VO2, "green", {"pain_severity": 3, "earlier_pain": (2, 2)}, "go", None),
        (VO2, None, {}, "check_in_first", "VO2max intervals 5 × 3 min"),
        (None, "green", {}, "no_session", "No session planned"),
        (RACE, "amber", {}, "go", "Spring 10k"),
        (RACE, "red", {}, "talk_to_coach", None),
    ],
)
def test_outcomes(
    plan: PlannedToday | None,
    band: str | None,
    morning: dict[str, object],
    decision: str,
    title: str | None,
) -> None:
    advice = brief(plan, band, **morning)
    assert advice.decision == decision
    if title is not None:
        assert advice.title == title
    assert "(reduced)" not in advice.title


def test_pain_nine_does_not_get_the_words_of_pain_four() -> None:
    four, nine = brief(VO2, "red", pain_severity=4), brief(VO2, "red", pain_severity=9)
    assert four.reason.replace("4/10", "") != nine.reason.replace("9/10", "")
    assert "See a doctor or physiotherapist" in nine.reason
    assert "tell your coach if it is still there tomorrow" in four.reason
    assert (
        "talk to your coach before your next session" in brief(VO2, "green", pain_severity=6).reason
    )


def test_a_reduced_session_is_one_zone_easier_and_shorter_with_its_own_targets() -> None:
    kept, reduced = (
        brief(VO2, "green"),
        brief(VO2, "amber", factors=("HRV 7-day average 1.3 SD below your norm",)),
    )
    assert reduced.duration_s is not None
    assert kept.duration_s is not None
    assert reduced.duration_s < kept.duration_s
    assert "HRV 7-day average 1.3 SD below your norm" in reduced.reason
    texts = {t.label: t.text for t in reduced.targets}
    assert texts["Main set"] == "4 × 3 min at threshold pace, 2:30 easy jog between"
    assert "threshold pace" in texts["Pace"]
    assert texts["Heart rate"] == "156–168 bpm"  # Friel Z4–Z5a from LTHR 165
    assert {t.label: t.text for t in kept.targets}["Heart rate"] == "169–175 bpm"  # Z5b


def test_a_swap_is_a_named_library_session_at_easy_intensity() -> None:
    swap = brief(VO2, "red")
    assert swap.title in {s.name for s in SPECS.values()}
    texts = {t.label: t.text for t in swap.targets}
    assert texts["Effort"] == "2/10, very easy"
    assert texts["Heart rate"] == "under 141 bpm"  # Friel Z1


@pytest.mark.parametrize(
    ("unit", "pattern"),
    [("km", r"^\d:\d\d–\d:\d\d /km"), ("mi", r"^\d{1,2}:\d\d–\d{1,2}:\d\d /mi")],
)
def test_targets_are_in_the_athletes_unit_and_never_internal_keys(unit: str, pattern: str) -> None:
    advice = advise(EASY, Morning("green"), zones(unit))
    pace = next(t.text for t in advice.targets if t.label == "Pace")
    assert re.match(pattern, pace)
    for target in advice.targets:
        assert not re.search(r"[a-z]+_[a-z]+", target.label + target.text)


def test_easy_pace_in_miles_is_the_km_pace_times_1_609() -> None:
    km = next(
        t.text for t in advise(EASY, Morning("green"), zones("km")).targets if t.label == "Pace"
    )
    mi = next(
        t.text for t in advise(EASY, Morning("green"), zones("mi")).targets if t.label == "Pace"
    )
    slow_km = pace_zones(45.0)[0].low
    assert km.endswith(f"{int(slow_km // 60)}:{round(slow_km % 60):02d} /km")
    slow_mi = slow_km * 1.609344
    assert mi.endswith(f"{int(slow_mi // 60)}:{round(slow_mi % 60):02d} /mi")


def test_heat_slows_the_paces_and_says_why() -> None:
    hot = environment_adjustment(Conditions(30.0, 22.0))
    cool, warm = (
        advise(EASY, Morning("green"), zones()),
        advise(EASY, Morning("green"), zones(), hot),
    )
    assert warm.adjustments
    assert "Heat (30 °C with a dew point of 22 °C)" in warm.adjustments[0]
    assert next(t.text for t in cool.targets if t.label == "Pace") != next(
        t.text for t in warm.targets if t.label == "Pace"
    )
    assert "adjusted for the conditions" in warm.reason


def test_too_hot_for_hard_running_swaps_a_hard_session_for_an_easy_run() -> None:
    steamy = environment_adjustment(Conditions(36.0, 29.0))
    advice = advise(VO2, Morning("green"), zones(), steamy)
    assert advice.decision == "swap"
    assert advice.title.startswith("Easy run")
    assert "Too hot and humid for hard running" in advice.reason


@pytest.mark.parametrize(
    ("today", "earlier", "rising"),
    [
        (4, (2, 3), True),
        (3, (2, 3), False),
        (4, (None, 3), False),
        (4, (3,), False),
        (0, (1, 2), False),
    ],
)
def test_pain_rising_three_days_running(today: int, earlier: tuple, rising: bool) -> None:
    assert pain_rising(today, earlier) is rising


@pytest.mark.parametrize(
    ("category", "minutes", "title"),
    [
        ("recovery", 30, "Recovery run 30 min"),
        ("recovery", 12, "Recovery run 15 min"),
        ("easy", 42, "Easy run 40 min"),
    ],
)
def test_library_session_picks_the_closest_length_below(
    category: str, minutes: float, title: str
) -> None:
    assert library_session(category, minutes)[0] == title
