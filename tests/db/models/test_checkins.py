"""Check-ins and readiness scores as tables: one of each per athlete and day, answers within
their scales, the dew point at most the temperature, and a score within 0–100 in a known band."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import CheckIn, ReadinessScore
from tests.db.models.checks import refused
from tests.factories import World
from tests.services.coaching_days import check_in


def test_a_check_ins_answers_stay_within_their_scales(db: Session, world: World) -> None:
    row = check_in(db, world, world.greta, 0)
    stored = db.get(CheckIn, row.id)
    assert stored is not None
    refused(db, stored, "energy_range", energy=6)
    refused(db, stored, "pain_severity_range", pain_severity=11)
    refused(db, stored, "resting_hr_range", resting_hr=20)
    refused(db, stored, "dew_point_order", temperature_c=10.0, dew_point_c=12.0)


def test_one_check_in_and_one_score_per_athlete_and_day(db: Session, world: World) -> None:
    row = check_in(db, world, world.greta, 0)
    stored = db.get(CheckIn, row.id)
    assert stored is not None
    twin = CheckIn(
        organization_id=stored.organization_id,
        athlete_id=stored.athlete_id,
        local_date=stored.local_date,
    )
    refused(db, twin, "check_ins")
    score = db.scalars(select(ReadinessScore).where(ReadinessScore.check_in_id == stored.id)).one()
    refused(db, score, "score_range", score=101.0)
    refused(db, score, "band_valid", band="blue")
