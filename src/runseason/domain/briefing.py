"""Today's session adapted to the morning: go, reduce, swap, rest, talk to the coach, see a
clinician (docs/science.md "The briefing").

The outcome follows the most serious signal first: pain and illness, then the readiness band,
then the heat. Every outcome says why in words and gives its targets in the athlete's unit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from runseason.domain.environment import TOO_HOT, EnvironmentAdjustment
from runseason.domain.library import builtin_templates
from runseason.domain.plan_model import RACE_CATEGORY
from runseason.domain.session_shape import (
    Shape,
    Target,
    Zones,
    reduced_shape,
    shape_distance_m,
    shape_of,
    shape_title,
    targets_of,
)

DECISION_LABELS = {
    "go": "Go: train as planned",
    "reduce": "Reduce: one zone easier and shorter",
    "swap": "Swap for an easier session",
    "rest": "Rest today",
    "talk_to_coach": "Talk to your coach first",
    "see_clinician": "See a clinician",
    "check_in_first": "Check in first",
    "no_session": "Nothing planned",
}
_LIBRARY = {spec.code: spec for spec in builtin_templates()}
_NO_PACE = EnvironmentAdjustment(1.0, True, ())


@dataclass(frozen=True, slots=True)
class PlannedToday:
    """The planned session as the briefing needs it."""

    title: str
    category: str
    is_hard: bool
    duration_s: float
    distance_m: float | None
    structure: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Morning:
    """This morning's check-in as far as the briefing needs it."""

    band: str
    illness: bool = False
    fever: bool | None = None
    pain_severity: int | None = None
    pain_location: str | None = None
    pain_alters_gait: bool | None = None
    # Pain of the two days before today, oldest first (None: no check-in or no pain given).
    earlier_pain: tuple[int | None, ...] = ()
    factors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BriefingParams:
    """Pain thresholds (the organization's settings) and how much a reduced session keeps."""

    cap_pain_severity: int = 4
    coach_pain_severity: int = 6
    clinician_pain_severity: int = 7
    reduce_factor: float = 0.8
    recovery_minutes: int = 30
    easy_minutes: int = 45


@dataclass(frozen=True, slots=True)
class BriefingAdvice:
    """What to do today and why, with targets in words."""

    decision: str
    title: str
    reason: str
    duration_s: float | None
    distance_m: float | None
    intensity: str
    targets: tuple[Target, ...] = ()
    adjustments: tuple[str, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        """The decision in words."""
        return DECISION_LABELS[self.decision]


def pain_rising(today: int | None, earlier: Sequence[int | None]) -> bool:
    """Pain on three days running, each day worse than the one before."""
    days = [*earlier[-2:], today]
    if len(days) < 3 or any(p is None or p <= 0 for p in days):
        return False
    return days[0] < days[1] < days[2]  # type: ignore[operator]


def _stop(decision: str, title: str, reason: str) -> BriefingAdvice:
    return BriefingAdvice(decision, title, reason, None, None, "no running")


def medical_advice(m: Morning, p: BriefingParams) -> BriefingAdvice | None:
    """Pain and illness outcomes, the most serious first; None when neither stops training."""
    pain = m.pain_severity or 0
    where = f" ({m.pain_location})" if m.pain_location else ""
    if pain >= p.clinician_pain_severity or (pain > 0 and m.pain_alters_gait):
        gait = " that changes how you run" if m.pain_alters_gait else ""
        return _stop(
            "see_clinician",
            "No running: see a clinician",
            f"Pain {pain}/10{where}{gait}: do not run. See a doctor or physiotherapist before "
            "you run again, and let your coach know today.",
        )
    if pain >= p.coach_pain_severity:
        return _stop(
            "talk_to_coach",
            "No running: talk to your coach first",
            f"Pain {pain}/10{where}: do not run today, and talk to your coach before your next "
            "session.",
        )
    if pain_rising(m.pain_severity, m.earlier_pain):
        trend = ", ".join(str(v) for v in [*m.earlier_pain[-2:], pain])
        return _stop(
            "talk_to_coach",
            "No running: talk to your coach first",
            f"Your pain has risen three days running ({trend} out of 10){where}: do not run "
            "today; talk to your coach before you train again.",
        )
    if m.illness and m.fever:
        return _stop(
            "talk_to_coach",
            "No training: talk to your coach first",
            "You are ill with a fever: do not train. Talk to your coach before you train again.",
        )
    if m.illness:
        return _stop("rest", "Rest day", "You feel ill: rest today and let your body recover.")
    if pain >= p.cap_pain_severity:
        return _stop(
            "rest",
            "Rest day: no running",
            f"Pain {pain}/10{where}: no running today. Rest, or cross-train only if it is "
            "pain-free; tell your coach if it is still there tomorrow.",
        )
    return None


def library_structure(code: str | None) -> Mapping[str, Any] | None:
    """The structure of a built-in library session by its code (None for any other code)."""
    spec = _LIBRARY.get(code or "")
    return None if spec is None else spec.structure


def library_session(category: str, minutes: float) -> tuple[str, Shape]:
    """The library's recovery or easy run closest below ``minutes``: its name and its shape."""
    lengths = sorted(
        int(code.rsplit("-", 1)[1]) for code in _LIBRARY if code.startswith(f"{category}-")
    )
    chosen = max([m for m in lengths if m <= minutes] or lengths[:1])
    spec = _LIBRARY[f"{category}-{chosen}"]
    return spec.name, shape_of(spec.structure, spec.category, spec.duration_s)


def _why(m: Morning) -> str:
    return f" ({'; '.join(m.factors[:2])})" if m.factors else ""


def _advice(
    decision: str,
    title: str,
    reason: str,
    shape: Shape,
    zones: Zones,
    env: EnvironmentAdjustment,
    *,
    intensity: str,
    recovery: bool = False,
) -> BriefingAdvice:
    return BriefingAdvice(
        decision,
        title,
        reason,
        shape.duration_s,
        shape_distance_m(shape, zones, env.pace_factor),
        intensity,
        targets_of(shape, zones, env.pace_factor, recovery=recovery),
        env.reasons,
    )


def _swap(
    planned: PlannedToday,
    category: str,
    minutes: int,
    reason: str,
    zones: Zones,
    env: EnvironmentAdjustment,
) -> BriefingAdvice:
    title, shape = library_session(category, min(minutes, planned.duration_s / 60))
    recovery = category == "recovery"
    intensity = "very easy" if recovery else "easy"
    return _advice("swap", title, reason, shape, zones, env, intensity=intensity, recovery=recovery)


def _race(planned: PlannedToday, m: Morning | None, env: EnvironmentAdjustment) -> BriefingAdvice:
    """Race day: run it, unless readiness is red; then the coach decides."""
    if m is not None and m.band == "red":
        reason = f"Readiness is red on race day{_why(m)}: talk to your coach before you start."
        return _stop("talk_to_coach", "Talk to your coach before you race", reason)
    decision = "check_in_first" if m is None else "go"
    reason = "Race day: warm up well and pace the first half with care."
    if not env.hard_running_ok:
        reason += " It is hot and humid: start slower than your goal pace and drink early."
    effort = (Target("Effort", "race effort"),)
    return BriefingAdvice(
        decision,
        planned.title,
        reason,
        planned.duration_s,
        planned.distance_m,
        "race effort",
        effort,
        env.reasons,
    )


def _planned(
    planned: PlannedToday,
    m: Morning | None,
    zones: Zones,
    env: EnvironmentAdjustment,
    p: BriefingParams,
) -> BriefingAdvice:
    """The planned session kept, reduced or swapped by the band and the heat."""
    if planned.category == RACE_CATEGORY:
        return _race(planned, m, env)
    shape = shape_of(planned.structure, planned.category, planned.duration_s)
    if m is not None and m.band == "red":
        reason = f"Readiness is red{_why(m)}: {planned.title} becomes an easy recovery run."
        return _swap(planned, "recovery", p.recovery_minutes, reason, zones, env)
    if planned.is_hard and not env.hard_running_ok:
        too_hot = next(r for r in env.reasons if r.startswith(TOO_HOT))
        reason = f"{too_hot} {planned.title} becomes an easy run."
        return _swap(planned, "easy", p.easy_minutes, reason, zones, env)
    if m is not None and m.band == "amber" and planned.is_hard:
        easier = reduced_shape(shape, p.reduce_factor)
        reason = (
            f"Readiness is amber{_why(m)}: {planned.title} becomes one zone easier and "
            f"shorter, {math.ceil(easier.duration_s / 60)} instead of "
            f"{math.ceil(shape.duration_s / 60)} minutes."
        )
        title = shape_title(easier)
        return _advice("reduce", title, reason, easier, zones, env, intensity="one zone easier")
    if m is None:
        reason = "Check in first to get today's advice; this is the session as planned."
        decision = "check_in_first"
    else:
        decision, reason = "go", f"Readiness is {m.band}: train as planned."
    advice = _advice(decision, planned.title, reason, shape, zones, env, intensity="as planned")
    distance = planned.distance_m if env.pace_factor == 1 else advice.distance_m
    return replace(advice, duration_s=planned.duration_s, distance_m=distance or advice.distance_m)


def _mild_pain(m: Morning | None, p: BriefingParams) -> str:
    pain = m.pain_severity if m else None
    if not pain or pain >= p.cap_pain_severity:
        return ""
    return (
        f" Mild pain ({pain}/10): run only while it stays mild and does not change how you "
        "run; stop if it gets worse."
    )


def advise(
    planned: PlannedToday | None,
    morning: Morning | None,
    zones: Zones | None = None,
    env: EnvironmentAdjustment | None = None,
    params: BriefingParams | None = None,
) -> BriefingAdvice:
    """Adapt the planned session to this morning's check-in, the weather and the altitude."""
    p = params or BriefingParams()
    zones = zones or Zones({}, {})
    env = env or _NO_PACE
    stop = medical_advice(morning, p) if morning is not None else None
    if stop is not None:
        return stop
    if planned is None:
        reason = (
            "Check in first to get today's advice."
            if morning is None
            else "Nothing is planned today: an optional easy walk, or rest."
        )
        decision = "check_in_first" if morning is None else "no_session"
        return BriefingAdvice(decision, "No session planned", reason, None, None, "easy")
    advice = _planned(planned, morning, zones, env, p)
    mild = _mild_pain(morning, p)
    if not mild and not env.reasons:
        return advice
    note = " Paces are adjusted for the conditions." if env.pace_factor > 1 else ""
    return replace(advice, reason=advice.reason + mild + note)
