"""One simulated athlete-day: the morning check-in, then the planned session or rest."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from runseason.demo.days import simulate_day
from runseason.demo.generator import DemoSpec
from runseason.demo.personas import Persona, make_personas
from runseason.demo.sinks import BulkSink
from tests.factories import NOW

TEMPO = (3600.0, 0.0, True)


def _persona(**changes: object) -> Persona:
    p = make_personas(DemoSpec(athletes=1), random.Random(5))[0]
    return replace(p, athlete_id=1, **changes)  # type: ignore[arg-type]


def _weeks(p: Persona, seed: int, days: int = 28) -> BulkSink:
    sink = BulkSink(None)  # type: ignore[arg-type]
    rng = random.Random(seed)
    start = NOW.date() - timedelta(days=days + 1)
    for i in range(days):
        simulate_day(sink, p, start + timedelta(days=i), NOW, TEMPO, rng)
    return sink


def test_the_same_seed_gives_the_same_days() -> None:
    first, again = _weeks(_persona(), 3), _weeks(_persona(), 3)
    assert [d for _, d, _ in first.checkins] == [d for _, d, _ in again.checkins]
    assert [d for _, d, _ in first.logs] == [d for _, d, _ in again.logs]
    assert first.logs
    assert [d for _, d, _ in _weeks(_persona(), 4).logs] != [d for _, d, _ in first.logs]


def test_an_ill_athlete_checks_in_ill_and_does_not_train() -> None:
    p = _persona(ill_until=date(2099, 1, 1), behaviour="steady")
    sink = BulkSink(None)  # type: ignore[arg-type]
    done = simulate_day(sink, p, NOW.date() - timedelta(days=1), NOW, TEMPO, random.Random(1))
    assert done[1] == 0
    assert not sink.logs
    assert all(data.illness for _, data, _ in sink.checkins)


def test_today_s_session_is_not_yet_run_and_fatigue_eases() -> None:
    p = _persona(fatigue=1.0)
    sink = BulkSink(None)  # type: ignore[arg-type]
    checked_in, trained = simulate_day(sink, p, NOW.date(), NOW, TEMPO, random.Random(1))
    assert trained == 0
    assert checked_in == len(sink.checkins)
    assert p.fatigue < 1.0


def test_an_overreacher_s_sessions_run_longer_than_planned() -> None:
    sink = _weeks(_persona(behaviour="overreacher"), 8)
    durations = [data.duration_s for _, data, _ in sink.logs]
    assert sum(durations) / len(durations) > TEMPO[0]
