"""The demo's athletes: who they are, and the life events that come their way day by day.

A persona carries hidden state (fatigue, illness, injury, stress) that the simulation of each day
reads and moves; everything is drawn from the generator's one ``random.Random``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from runseason.db.models import User

if TYPE_CHECKING:
    from runseason.demo.generator import DemoSpec

Behaviour = Literal["steady", "skipper", "overreacher", "fragile", "busy"]
BEHAVIOURS: tuple[tuple[Behaviour, float], ...] = (
    ("steady", 0.5),
    ("skipper", 0.15),
    ("overreacher", 0.15),
    ("fragile", 0.1),
    ("busy", 0.1),
)
TIMEZONES = (
    "Europe/London",
    "Europe/Oslo",
    "Europe/Berlin",
    "America/New_York",
    "America/Denver",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Asia/Tokyo",
)
FIRST = (
    "Ada",
    "Alex",
    "Amir",
    "Anna",
    "Ben",
    "Bea",
    "Carl",
    "Chloe",
    "Dan",
    "Dara",
    "Eli",
    "Emma",
    "Finn",
    "Freya",
    "Gus",
    "Hana",
    "Ivan",
    "Iris",
    "Jon",
    "Juno",
    "Kai",
    "Kira",
    "Leo",
    "Lina",
    "Max",
    "Mia",
    "Nils",
    "Nora",
    "Omar",
    "Olga",
    "Pete",
    "Pia",
    "Quinn",
    "Rosa",
    "Sam",
    "Sara",
    "Tom",
    "Tara",
    "Uli",
    "Una",
    "Vic",
    "Vera",
    "Will",
    "Wren",
    "Yan",
    "Yara",
    "Zed",
    "Zoe",
)
LAST = (
    "Berg",
    "Costa",
    "Dahl",
    "Evans",
    "Fox",
    "Garcia",
    "Hale",
    "Ito",
    "Jensen",
    "Khan",
    "Lund",
    "Moreau",
    "Novak",
    "Okafor",
    "Park",
    "Quist",
    "Rossi",
    "Silva",
    "Tan",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Young",
    "Zeller",
)
RACES = (
    ("Harbour 10K", 10_000.0),
    ("City Half Marathon", 21_097.5),
    ("Autumn Marathon", 42_195.0),
    ("Parkland 5K", 5_000.0),
    ("Lakeside Half", 21_097.5),
)


@dataclass(slots=True)
class Persona:
    """One simulated athlete and their hidden state."""

    name: str
    email: str
    vdot: float
    sex: Literal["female", "male"]
    birth_year: int
    level: Literal["beginner", "intermediate", "advanced", "elite"]
    timezone: str
    weekly_km: float
    weekdays: list[int]
    behaviour: Behaviour
    race: tuple[str, float]
    race_in_days: int
    hr_rest: int
    hr_max: int
    athlete_id: int = 0
    user: User | None = None
    fatigue: float = 0.0
    ill_until: date | None = None
    injured_until: date | None = None
    stress_until: date | None = None
    episodes: list[str] = field(default_factory=list)


def _level(vdot: float) -> Literal["beginner", "intermediate", "advanced", "elite"]:
    if vdot < 38:
        return "beginner"
    if vdot < 52:
        return "intermediate"
    if vdot < 65:
        return "advanced"
    return "elite"


def make_personas(spec: DemoSpec, rng: random.Random) -> list[Persona]:
    """Athletes of varied level (VDOT 30-75), age, sex, availability and time zone."""
    people: list[Persona] = []
    pool = [f"{f} {last}" for f in FIRST for last in LAST]
    # Beyond the pool (1,200 names) names repeat; emails stay unique by their index.
    names = (
        rng.sample(pool, spec.athletes)
        if spec.athletes <= len(pool)
        else [rng.choice(pool) for _ in range(spec.athletes)]
    )
    behaviours, weights = zip(*BEHAVIOURS, strict=True)
    for i, name in enumerate(names):
        vdot = round(min(75.0, max(30.0, rng.gauss(47, 9))), 1)
        age = rng.randint(19, 62)
        days = rng.choice([4, 5, 5, 6, 6, 7])
        weekdays = sorted(rng.sample(range(7), days))
        if 6 not in weekdays and rng.random() < 0.7:
            weekdays = sorted({*weekdays[1:], 6})
        hr_max = round(208 - 0.7 * age + rng.gauss(0, 5))
        people.append(
            Persona(
                name=name,
                email=f"{name.lower().replace(' ', '.')}.{i}@{spec.slug}.example.com",
                vdot=vdot,
                sex=rng.choice(["female", "male"]),
                birth_year=2026 - age,
                level=_level(vdot),
                timezone=rng.choice(TIMEZONES),
                weekly_km=round(min(120.0, max(15.0, (vdot - 20) * 1.4 + rng.gauss(0, 8))), 0),
                weekdays=weekdays,
                behaviour=rng.choices(behaviours, weights)[0],
                race=rng.choice(RACES),
                race_in_days=rng.randint(21, 110),
                hr_rest=max(38, min(75, round(rng.gauss(56 - (vdot - 45) * 0.4, 5)))),
                hr_max=max(160, min(215, hr_max)),
            )
        )
    return people


def life_events(p: Persona, day: date, rng: random.Random) -> None:
    """Illness, injury and stress start and end (fragile and busy people more often)."""
    fragile = p.behaviour == "fragile"
    if p.ill_until is None and rng.random() < (0.012 if fragile else 0.004):
        p.ill_until = day + timedelta(days=rng.randint(3, 8))
        p.episodes.append(f"ill from {day}")
    if p.injured_until is None and rng.random() < (0.008 if fragile else 0.002) + p.fatigue * 0.004:
        p.injured_until = day + timedelta(days=rng.randint(7, 21))
        p.episodes.append(f"injured from {day}")
    if p.stress_until is None and rng.random() < (0.02 if p.behaviour == "busy" else 0.006):
        p.stress_until = day + timedelta(days=rng.randint(4, 12))
    for name in ("ill_until", "injured_until", "stress_until"):
        until = getattr(p, name)
        if until is not None and day > until:
            setattr(p, name, None)
