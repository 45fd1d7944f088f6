"""The demo's athletes: varied, unique, and living through illness, injury and stress."""

from __future__ import annotations

import random
from datetime import date, timedelta

from runseason.demo import DemoSpec
from runseason.demo.personas import life_events, make_personas


def test_personas_span_levels_time_zones_and_behaviours() -> None:
    people = make_personas(DemoSpec(athletes=200), random.Random(3))
    vdots = [p.vdot for p in people]
    assert min(vdots) >= 30
    assert max(vdots) <= 75
    assert max(vdots) - min(vdots) > 25
    assert len({p.timezone for p in people}) >= 6
    assert {p.behaviour for p in people} == {"steady", "skipper", "overreacher", "fragile", "busy"}
    assert len({p.email for p in people}) == 200


def test_more_athletes_than_names_still_get_unique_accounts() -> None:
    people = make_personas(DemoSpec(athletes=1500), random.Random(4))
    assert len({p.email for p in people}) == 1500


def test_life_events_start_and_end_in_the_persona_s_state() -> None:
    p = make_personas(DemoSpec(athletes=1), random.Random(1))[0]
    p.behaviour = "fragile"
    rng = random.Random(2)
    day = date(2026, 1, 5)
    seen_ill = False
    for offset in range(400):
        life_events(p, day + timedelta(days=offset), rng)
        seen_ill = seen_ill or p.ill_until is not None
        if p.ill_until is not None:
            assert p.ill_until > day + timedelta(days=offset - 9)
    assert seen_ill
    assert any(e.startswith("ill from") for e in p.episodes)
