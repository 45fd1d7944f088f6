"""The caseload: one row per athlete, sorted, filtered, searched."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from runseason.errors import InvalidInput, NotFound
from runseason.schemas.groups import GroupCreate
from runseason.services import groups
from runseason.services.views import caseload
from tests.factories import World, actor, make_athlete
from tests.services.coaching_days import greta_green_streak, riley_red_patch


def test_caseload_sorts_filters_and_searches(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    greta_green_streak(db, world)
    admin = actor(db, world.ada)
    by_risk = caseload.get_caseload(db, admin, sort="risk")
    assert by_risk.items[0].name == "Riley Red"
    assert by_risk.total == 4
    at_risk = caseload.get_caseload(db, admin, bucket="at_risk")
    assert [r.name for r in at_risk.items] == ["Riley Red"]
    assert caseload.get_caseload(db, admin, search="gre").items[0].name == "Greta Green"
    with pytest.raises(InvalidInput):
        caseload.get_caseload(db, admin, sort="shoe size")


def test_caseload_shows_an_athlete_without_a_snapshot_as_stable(db: Session, world: World) -> None:
    """A new athlete has no snapshot row yet: the outer join's nulls become a stable row."""
    make_athlete(db, world.north, "Nova New", coach=world.uma)
    db.flush()
    coach = actor(db, world.uma)
    found = caseload.get_caseload(db, coach, search="nova")
    assert found.total == 1
    (row,) = found.items
    assert (row.name, row.risk, row.risk_bucket, row.open_interventions) == (
        "Nova New",
        0.0,
        "stable",
        0,
    )
    assert row.readiness_trend == []
    assert row.top_factors == []
    assert row.readiness_score is None
    stable = caseload.get_caseload(db, coach, bucket="stable", page_size=200)
    assert "Nova New" in [r.name for r in stable.items]
    assert stable.total == stable.buckets["stable"] == len(stable.items)
    other = caseload.get_caseload(db, actor(db, world.asha), search="nova")
    assert other.items == []
    assert other.total == 0


def test_one_athletes_row_is_the_caseloads_row_and_stays_in_scope(
    db: Session, world: World
) -> None:
    riley_red_patch(db, world)
    coach = actor(db, world.asha)
    listed = next(r for r in caseload.get_caseload(db, coach).items if r.name == "Riley Red")
    one = caseload.get_caseload_row(db, coach, world.riley.id)
    assert one == listed  # the Athlete page reads the very figures the Caseload shows
    assert one.readiness_score is not None
    with pytest.raises(NotFound):  # Greta is Cole's athlete
        caseload.get_caseload_row(db, coach, world.greta.id)


def test_search_reaches_past_the_first_two_hundred(db: Session, world: World) -> None:
    for i in range(205):
        make_athlete(db, world.north, f"Aaron {i:03d}", coach=world.uma)
    make_athlete(db, world.north, "Zelda Last", coach=world.uma)
    db.flush()
    coach = actor(db, world.uma)
    first = caseload.get_caseload(db, coach, sort="name", page_size=200)
    assert "Zelda Last" not in [r.name for r in first.items]
    found = caseload.get_caseload(db, coach, search="zelda")
    assert [r.name for r in found.items] == ["Zelda Last"]


def test_caseload_narrows_to_a_training_group_with_its_own_bucket_counts(
    db: Session, world: World
) -> None:
    riley_red_patch(db, world)
    admin = actor(db, world.ada)
    squad = groups.create_group(
        db, admin, GroupCreate(name="Squad", athlete_ids=[world.riley.id, world.greta.id])
    )
    read = caseload.get_caseload(db, admin, group_id=squad.id, sort="name")
    assert [r.name for r in read.items] == ["Greta Green", "Riley Red"]
    assert read.total == 2
    assert sum(read.buckets.values()) == 2
    assert caseload.get_caseload(db, admin, group_id=squad.id, bucket="at_risk").total == 1
    cole = caseload.get_caseload(db, actor(db, world.cole), group_id=squad.id)
    assert [r.name for r in cole.items] == ["Greta Green"]
    assert caseload.get_caseload(db, admin).total == 4  # the whole caseload is unchanged
    with pytest.raises(NotFound):
        caseload.get_caseload(db, actor(db, world.otto), group_id=squad.id)
