"""The access matrix: every registered use-case refuses foreign actors with NotFound.

Greta is Cole's athlete in Northside. Otto (a coach of another organization), Oona (his athlete),
Uma (a coach of Greta's organization without her) and Riley (another athlete of Greta's
organization) must all get ``NotFound`` (never the object, never a different error than a missing
id); the characters a probe allows must succeed. Modules with use-cases are imported here so their
registrations exist; a registered use-case without a probe fails by name.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from sqlalchemy.orm import Session

import runseason.services
from runseason.errors import NotFound, PermissionDenied
from runseason.services.identity.access import USE_CASES, Actor
from tests.factories import World, actor
from tests.services.access_probes import PROBES

for _module in pkgutil.walk_packages(runseason.services.__path__, "runseason.services."):
    importlib.import_module(_module.name)

FOREIGN = ("otto", "oona", "uma", "riley")
NAMES = sorted(USE_CASES)


def _actor(db: Session, world: World, who: str) -> Actor:
    people = {
        "ada": world.ada,
        "cole": world.cole,
        "uma": world.uma,
        "otto": world.otto,
        "greta": world.user_of(world.greta, db),
        "riley": world.user_of(world.riley, db),
        "oona": world.user_of(world.oona, db),
    }
    return actor(db, people[who])


def test_every_registered_use_case_has_a_probe() -> None:
    missing = [name for name in NAMES if name not in PROBES]
    assert not missing, f"use-cases without an access probe in access_probes.py: {missing}"
    stale = [name for name in PROBES if name not in USE_CASES]
    assert not stale, f"probes of use-cases that are no longer registered: {stale}"


def test_the_matrix_covers_a_real_number_of_use_cases() -> None:
    assert len(NAMES) >= 5


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("who", FOREIGN)
def test_foreign_actors_get_not_found(db: Session, world: World, name: str, who: str) -> None:
    probe = PROBES.get(name)
    if probe is None:
        pytest.fail(f"{name} has no access probe")
    with pytest.raises(NotFound):
        probe.call(db, _actor(db, world, who), world)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("who", ["ada", "cole", "greta"])
def test_allowed_actors_succeed_and_others_are_refused(
    db: Session, world: World, name: str, who: str
) -> None:
    probe = PROBES.get(name)
    if probe is None:
        pytest.fail(f"{name} has no access probe")
    if who in probe.allowed:
        probe.call(db, _actor(db, world, who), world)
    else:
        with pytest.raises((PermissionDenied, NotFound)):
            probe.call(db, _actor(db, world, who), world)


@pytest.mark.parametrize("name", [n for n in NAMES if USE_CASES[n].writes])
def test_read_only_keys_cannot_write(db: Session, world: World, name: str) -> None:
    probe = PROBES.get(name)
    if probe is None:
        pytest.fail(f"{name} has no access probe")
    read_only = actor(db, world.ada, scope="read")
    with pytest.raises(PermissionDenied):
        probe.call(db, read_only, world)
