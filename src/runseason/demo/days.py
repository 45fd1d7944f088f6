"""One simulated athlete-day: the morning check-in, then the planned session followed or not.

Sleep, energy and heart rate move with the persona's fatigue, illness, injury and stress; paces
follow their VDOT. Every draw comes from the generator's one ``random.Random``, in a fixed order,
so the same seed gives the same season.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from runseason.demo.personas import Persona, life_events
from runseason.demo.sinks import Sink
from runseason.domain import paces
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.training import TrainingLogCreate

# (duration s, distance m or 0, hard) of the day's main planned session.
Planned = tuple[float, float, bool]


def _at(day: date, hour: int, tz: str, rng: random.Random) -> datetime:
    local = datetime.combine(day, time(hour, rng.randint(0, 59)), tzinfo=ZoneInfo(tz))
    return local.astimezone(UTC)


def _score(base: float, rng: random.Random) -> int:
    return max(1, min(5, round(base + rng.gauss(0, 0.6))))


def simulate_day(
    sink: Sink, p: Persona, day: date, today: datetime, planned: Planned | None, rng: random.Random
) -> tuple[int, int]:
    """Send the persona's check-in and session of ``day`` to the sink: (check-ins, sessions)."""
    life_events(p, day, rng)
    morning = _at(day, 7, p.timezone, rng)
    evening = _at(day, 18, p.timezone, rng)
    checked_in = 0
    checkin_rate = {"skipper": 0.6, "busy": 0.7}.get(p.behaviour, 0.92)
    if morning <= today and rng.random() < checkin_rate:
        sink.checkin(p, _checkin(p, rng), morning)
        checked_in = 1
    if day == today.date() or planned is None:
        p.fatigue = max(0.0, p.fatigue * 0.8)
        return checked_in, 0
    follow = {"skipper": 0.6, "busy": 0.7, "overreacher": 0.97}.get(p.behaviour, 0.9)
    injured = p.injured_until is not None
    if p.ill_until is not None or (injured and rng.random() < 0.7) or rng.random() > follow:
        p.fatigue = max(0.0, p.fatigue * 0.75)
        return checked_in, 0
    entry, strain = _session(p, day, planned, rng)
    sink.log(p, entry, evening)
    p.fatigue = min(2.0, p.fatigue * 0.8 + strain * 0.15 * (1.6 if p.behaviour == "fragile" else 1))
    return checked_in, 1


def _checkin(p: Persona, rng: random.Random) -> CheckInCreate:
    ill = p.ill_until is not None
    injured = p.injured_until is not None
    stressed = p.stress_until is not None
    sleep = 4.2 - p.fatigue * 1.0 - (1.0 if stressed else 0) - (1.2 if ill else 0)
    return CheckInCreate(
        sleep_quality=_score(sleep, rng),
        energy=_score(4.2 - p.fatigue * 1.5 - (1.5 if ill else 0), rng),
        recovery=_score(4.2 - p.fatigue * 1.6 - (1.0 if injured else 0), rng),
        stress=_score(4.2 - (1.8 if stressed else 0), rng),
        sleep_hours=round(max(3.0, rng.gauss(7.4 - (1.0 if stressed else 0), 0.7)), 1),
        resting_hr=p.hr_rest + round(p.fatigue * 6 + (6 if ill else 0) + rng.gauss(0, 2)),
        hrv_rmssd=round(max(10.0, rng.gauss(70 - p.fatigue * 15 - (15 if ill else 0), 6))),
        illness=ill,
        pain_severity=rng.randint(4, 7) if injured else None,
        pain_location=rng.choice(["left calf", "right knee", "achilles"]) if injured else None,
    )


def _session(
    p: Persona, day: date, planned: Planned, rng: random.Random
) -> tuple[TrainingLogCreate, float]:
    """The session as run, and the strain it adds to the persona's fatigue."""
    duration, distance, hard = planned
    injured = p.injured_until is not None
    stretch = 1.25 if p.behaviour == "overreacher" else 1.0
    duration_s = max(900.0, duration * stretch * rng.gauss(1.0, 0.08))
    easy_pace = paces.training_paces(p.vdot).easy_fast_s_per_km * 1.06
    pace = paces.training_paces(p.vdot).threshold_s_per_km * 1.04 if hard else easy_pace
    pace *= rng.gauss(1.0 + p.fatigue * 0.03, 0.03)
    distance_m = duration_s / pace * 1000 if distance == 0 else distance * stretch
    hr_fraction = 0.86 if hard else 0.72
    avg_hr = round(p.hr_rest + (p.hr_max - p.hr_rest) * (hr_fraction + p.fatigue * 0.03))
    rpe = max(1.0, min(10.0, round((7.0 if hard else 3.5) + p.fatigue * 1.5 + rng.gauss(0, 0.7))))
    entry = TrainingLogCreate(
        local_date=day,
        duration_s=round(duration_s),
        distance_m=round(distance_m),
        avg_hr=min(avg_hr, p.hr_max - 2),
        rpe=rpe,
        pain_severity=rng.randint(3, 6) if injured else None,
        pain_location="left calf" if injured else None,
        feel=max(1, min(5, round(4 - p.fatigue * 2 + rng.gauss(0, 0.5)))),
    )
    return entry, duration_s / 3600 * (1.6 if hard else 1.0) * stretch
