"""An athlete's zones: derived from the profile, raised by a race, overridden by the coach."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy.orm import Session

from runseason.errors import InvalidInput
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.training import TrainingLogCreate
from runseason.schemas.zones import ZoneOverride
from runseason.services import training
from runseason.services.identity import users
from runseason.services.plans import zones
from tests.factories import NOW, World, actor


def test_zones_follow_the_profile_and_say_what_is_missing(db: Session, world: World) -> None:
    cole = actor(db, world.cole)
    empty = zones.get_zones(db, cole, world.greta.id)
    assert empty.pace == []
    assert empty.heart_rate == []
    assert len(empty.missing) == 2
    users.update_athlete(db, cole, world.greta.id, AthleteUpdate(hr_max=190, hr_rest=50))
    karvonen = zones.get_zones(db, cole, world.greta.id)
    assert karvonen.heart_rate_method == "Karvonen (heart-rate reserve)"
    assert karvonen.heart_rate[0].low == 120  # 50 + 0.5 x 140
    users.update_athlete(db, cole, world.greta.id, AthleteUpdate(lthr=165))
    friel = zones.get_zones(db, cole, world.greta.id)
    assert friel.heart_rate_method == "Friel (LTHR)"
    assert [(z.low, z.high) for z in friel.heart_rate[1:4]] == [(141, 147), (148, 155), (156, 163)]


def test_a_faster_race_raises_vdot_and_the_pace_zones(db: Session, world: World) -> None:
    greta = actor(db, world.user_of(world.greta, db))
    users.update_athlete(db, greta, world.greta.id, AthleteUpdate(vdot=45))
    day = NOW.date() - timedelta(days=1)
    race = TrainingLogCreate(local_date=day, duration_s=2400, distance_m=10000, kind="race", rpe=9)
    training.log_session(db, greta, world.greta.id, race, now=NOW)
    after = zones.get_zones(db, greta, world.greta.id)
    assert after.vdot == pytest.approx(51.9, abs=0.1)
    assert after.vdot_source == f"race on {day}"
    slower = TrainingLogCreate(local_date=day, duration_s=3000, distance_m=10000, kind="race")
    training.log_session(db, greta, world.greta.id, slower, now=NOW)
    assert zones.get_zones(db, greta, world.greta.id).vdot == after.vdot
    easy = TrainingLogCreate(local_date=day, duration_s=1200, distance_m=5000)  # training run
    training.log_session(db, greta, world.greta.id, easy, now=NOW)
    assert zones.get_zones(db, greta, world.greta.id).vdot == after.vdot


def test_the_coach_overrides_one_zone_and_can_clear_it(db: Session, world: World) -> None:
    cole = actor(db, world.cole)
    users.update_athlete(db, cole, world.greta.id, AthleteUpdate(vdot=50, hr_max=190))
    set_t = ZoneOverride(kind="pace", name="T", low=260, high=250)
    result = zones.override_zone(db, cole, world.greta.id, set_t)
    t = next(z for z in result.pace if z.name == "T")
    assert (t.low, t.high, t.overridden) == (260, 250, True)
    with pytest.raises(InvalidInput, match="slower pace"):
        zones.override_zone(
            db, cole, world.greta.id, ZoneOverride(kind="pace", name="T", low=240, high=250)
        )
    with pytest.raises(InvalidInput, match="not one of"):
        zones.override_zone(
            db, cole, world.greta.id, ZoneOverride(kind="heart_rate", name="Z9", low=1, high=2)
        )
    with pytest.raises(ValidationError):
        ZoneOverride(kind="pace", name="T")
    cleared = zones.override_zone(
        db, cole, world.greta.id, ZoneOverride(kind="pace", name="T", clear=True)
    )
    assert not any(z.overridden for z in cleared.pace)
