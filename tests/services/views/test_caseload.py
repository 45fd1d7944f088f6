"""The caseload: one row per athlete, sorted, filtered, searched."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from runseason.errors import InvalidInput
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
