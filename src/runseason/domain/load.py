"""Session load models with provenance (SCIENCE.md section 3).

Loads are stored on one scale, stress points where 100 is about one hour at threshold, so the
fitness chart can add sessions measured differently. Each load keeps the model that produced it
and its inputs, so a coach sees where a number came from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from runseason.errors import InvalidInput

Sex = Literal["male", "female", "unspecified"]
LoadModel = Literal["pace", "hr", "rpe"]
Sport = Literal[
    "run", "trail", "treadmill", "bike", "swim", "strength", "cross", "walk", "hike", "other"
]
TRIMP_K = {"male": 1.92, "female": 1.67, "unspecified": 1.795}
# An hour at threshold is about CR-10 7.5, so 450 session-RPE units ≈ 100 stress points.
SRPE_PER_STRESS_POINT = 4.5
DEFAULT_RPE = 4.0  # a run logged with nothing but its duration is taken as easy


@dataclass(frozen=True, slots=True)
class SportModel:
    """How a sport's sessions are scored and how much of their load counts toward running load."""

    label: str
    models: tuple[LoadModel, ...]  # the load models it may use, best first
    running_factor: float


# Our defaults, not published constants (docs/science.md, "Sports and their share of running
# load"): the running models (rSS, hrSS) are calibrated on running only, so other sports use
# session RPE, and the factor scales their load by how much of running's specific demand (the
# weight-bearing impact of the running stride) they carry.
SPORTS: dict[str, SportModel] = {
    "run": SportModel("run", ("pace", "hr", "rpe"), 1.0),
    "treadmill": SportModel("treadmill run", ("pace", "hr", "rpe"), 1.0),
    # On hills pace understates the effort, so a trail run is scored by heart rate or RPE.
    "trail": SportModel("trail run", ("hr", "rpe"), 1.0),
    "hike": SportModel("hike", ("rpe",), 0.7),
    "bike": SportModel("bike", ("rpe",), 0.7),
    "cross": SportModel("cross-training", ("rpe",), 0.7),
    "swim": SportModel("swim", ("rpe",), 0.5),
    "walk": SportModel("walk", ("rpe",), 0.5),
    "strength": SportModel("strength", ("rpe",), 0.4),
    "other": SportModel("other", ("rpe",), 0.5),
}
RUNNING_SPORTS = frozenset({"run", "treadmill", "trail"})


def sport_label(sport: str) -> str:
    """A sport's name as a person reads it."""
    known = SPORTS.get(sport)
    return known.label if known else sport


def session_rpe(rpe: float, duration_s: float) -> float:
    """Foster et al. (2001): session load = RPE (CR-10) × minutes, in arbitrary units."""
    _check_positive(duration_s, "duration")
    if not 0 <= rpe <= 10:
        raise InvalidInput("RPE must be between 0 and 10 (CR-10 scale)")
    return rpe * duration_s / 60.0


def trimp(duration_s: float, avg_hr: float, hr_rest: float, hr_max: float, sex: Sex) -> float:
    """Banister TRIMP: minutes · HRr · 0.64 · e^(k·HRr), HRr = (HR − rest)/(max − rest)."""
    _check_positive(duration_s, "duration")
    if not 25 <= hr_rest < hr_max <= 240:
        raise InvalidInput("heart rates must satisfy 25 ≤ resting < maximum ≤ 240 bpm")
    reserve = min(max((avg_hr - hr_rest) / (hr_max - hr_rest), 0.0), 1.0)
    return duration_s / 60.0 * reserve * 0.64 * math.exp(TRIMP_K[sex] * reserve)


def hr_stress(
    duration_s: float, avg_hr: float, hr_rest: float, hr_max: float, lthr: float, sex: Sex
) -> float:
    """hrSS = 100 · TRIMP(session) / TRIMP(60 min at LTHR)."""
    reference = trimp(3600.0, lthr, hr_rest, hr_max, sex)
    return 100.0 * trimp(duration_s, avg_hr, hr_rest, hr_max, sex) / reference


def running_stress(
    duration_s: float, pace_s_per_km: float, threshold_pace_s_per_km: float
) -> float:
    """rSS = hours · IF² · 100 with IF = speed / threshold speed (speeds, not paces)."""
    _check_positive(duration_s, "duration")
    _check_positive(pace_s_per_km, "pace")
    _check_positive(threshold_pace_s_per_km, "threshold pace")
    intensity = threshold_pace_s_per_km / pace_s_per_km
    return duration_s / 3600.0 * intensity**2 * 100.0


@dataclass(frozen=True, slots=True)
class SessionInputs:
    """What is known about one session and the athlete's physiology."""

    duration_s: float
    distance_m: float | None = None
    rpe: float | None = None
    avg_hr: float | None = None
    hr_rest: float | None = None
    hr_max: float | None = None
    lthr: float | None = None
    threshold_pace_s_per_km: float | None = None
    sex: Sex = "unspecified"
    sport: str = "run"
    # From a recorded trace: normalized graded pace over the moving time, and TRIMP summed
    # second by second; each replaces its average-based counterpart when present.
    graded_pace_s_per_km: float | None = None
    moving_time_s: float | None = None
    trace_trimp: float | None = None


@dataclass(frozen=True, slots=True)
class SessionLoad:
    """A load, the model that produced it and the inputs it used."""

    value: float
    model: LoadModel
    details: dict[str, float | str] = field(default_factory=dict)


def session_load(inputs: SessionInputs) -> SessionLoad:
    """The best load the sport allows, as running load: pace (rSS), else heart rate (hrSS),
    else session RPE, times the sport's factor toward running load.

    A session with only a duration is taken as easy (RPE 4), and its details say so.
    """
    _check_positive(inputs.duration_s, "duration")
    sport = SPORTS.get(inputs.sport, SPORTS["other"])
    raw = _model_load(inputs, sport.models)
    details = dict(raw.details)
    details["sport"] = inputs.sport
    details["running_factor"] = sport.running_factor
    if sport.running_factor != 1.0:
        details["sport_load"] = raw.value
    return SessionLoad(raw.value * sport.running_factor, raw.model, details)


def _pace_load(s: SessionInputs, threshold: float) -> SessionLoad | None:
    if s.graded_pace_s_per_km and s.moving_time_s:
        pace, duration, basis = s.graded_pace_s_per_km, s.moving_time_s, "trace"
    elif s.distance_m:
        pace, duration, basis = s.duration_s / (s.distance_m / 1000.0), s.duration_s, "average"
    else:
        return None
    details: dict[str, float | str] = {
        "pace_s_per_km": pace,
        "threshold_pace_s_per_km": threshold,
        "intensity_factor": threshold / pace,
        "basis": basis,
    }
    if basis == "trace":
        details["moving_time_s"] = duration
    return SessionLoad(running_stress(duration, pace, threshold), "pace", details)


def _hr_load(s: SessionInputs, hr_rest: float, hr_max: float, lthr: float) -> SessionLoad | None:
    details: dict[str, float | str] = {"hr_rest": hr_rest, "hr_max": hr_max, "lthr": lthr}
    details["sex"] = s.sex
    reference = trimp(3600.0, lthr, hr_rest, hr_max, s.sex)
    if s.trace_trimp is not None:
        details.update(trimp=s.trace_trimp, basis="trace")
        return SessionLoad(100.0 * s.trace_trimp / reference, "hr", details)
    if not s.avg_hr:
        return None
    details.update(avg_hr=s.avg_hr, basis="average")
    value = 100.0 * trimp(s.duration_s, s.avg_hr, hr_rest, hr_max, s.sex) / reference
    return SessionLoad(value, "hr", details)


def _model_load(s: SessionInputs, models: tuple[LoadModel, ...]) -> SessionLoad:
    found = None
    if "pace" in models and s.threshold_pace_s_per_km:
        found = _pace_load(s, s.threshold_pace_s_per_km)
    if found is None and "hr" in models and s.hr_rest and s.hr_max and s.lthr:
        found = _hr_load(s, s.hr_rest, s.hr_max, s.lthr)
    if found is not None:
        return found
    rpe = s.rpe if s.rpe is not None else DEFAULT_RPE
    srpe = session_rpe(rpe, s.duration_s)
    details: dict[str, float | str] = {"rpe": rpe, "session_rpe_au": srpe}
    details["au_per_point"] = SRPE_PER_STRESS_POINT
    if s.rpe is None:
        details["rpe_assumed"] = 1.0
    return SessionLoad(srpe / SRPE_PER_STRESS_POINT, "rpe", details)


def _check_positive(value: float, name: str) -> None:
    if not value > 0:
        raise InvalidInput(f"{name} must be greater than zero")


def load_basis(model: str, details: dict[str, object]) -> str:
    """Which model and which data gave a load, in words a coach reads."""
    trace = details.get("basis") == "trace"
    if model == "pace":
        if trace:
            return "Running stress from the normalized grade-adjusted pace of the recorded trace"
        return "Running stress from the average pace"
    if model == "hr":
        if trace:
            return "Heart-rate stress (TRIMP) from the recorded heart-rate trace"
        return "Heart-rate stress (TRIMP) from the average heart rate"
    if details.get("rpe_assumed"):
        return "Session effort (RPE × minutes), taken as easy because no effort was given"
    return "Session effort (RPE × minutes)"
