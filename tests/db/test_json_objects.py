"""Rows read as JSON objects built by the database."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.json_objects import json_object_of, json_object_or_null, json_text
from runseason.db.models import Intervention, Recommendation
from runseason.schemas.coaching import InterventionRead, RecommendationRead
from tests.factories import World

# Doubles that need all 17 digits (SQLite's JSON functions print 15), a tiny one and whole ones.
AWKWARD = (1 / 3, 0.1 + 0.2, 2.0 / 3, 4.9e-314, 1.0, 0.0)


def _stored(db: Session, world: World) -> tuple[Recommendation, Intervention]:
    athlete = world.greta
    recommendation = Recommendation(
        athlete_id=athlete.id,
        organization_id=athlete.organization_id,
        local_date=date(2026, 11, 24),
        type="reduce_load",
        title="Ease off",
        rationale='Two red days — "quoted" and unicode: é',
        risk=1 / 3,
        confidence=0.1 + 0.2,
        bucket="watch",
        factors=[{"name": "acwr", "value": 2.0 / 3, "nested": {"xs": [1, 2.5, None]}}],
        proposed_action={"scale": 0.8, "note": None},
        requires_coach=True,
    )
    db.add(recommendation)
    db.flush()
    opened = datetime(2026, 11, 23, 6, 5, 4, 3002, tzinfo=UTC)
    intervention = Intervention(
        athlete_id=athlete.id,
        organization_id=athlete.organization_id,
        cause="load",
        title="Load spike",
        risk=2.0 / 3,
        recommendation_id=recommendation.id,
        evidence=[{"at": "2026-11-23T06:05:04+00:00", "risk": 1 / 3, "why": "spike"}],
        opened_at=opened,
        last_evidence_at=opened + timedelta(hours=5),
        snoozed_until=datetime(2026, 11, 25, 0, 0, tzinfo=UTC),
    )
    db.add(intervention)
    db.flush()
    return recommendation, intervention


def test_an_object_built_by_the_database_validates_to_what_the_orm_reads(
    db: Session, world: World
) -> None:
    recommendation, intervention = _stored(db, world)
    fields_i = [name for name in InterventionRead.model_fields if name != "sla"]
    fields_r = list(RecommendationRead.model_fields)
    row = db.execute(
        select(
            json_text(json_object_of(*(getattr(Intervention, f) for f in fields_i))),
            json_text(json_object_of(*(getattr(Recommendation, f) for f in fields_r))),
        )
        .join(Recommendation, Recommendation.id == Intervention.recommendation_id)
        .where(Intervention.id == intervention.id)
    ).one()
    assert isinstance(row[0], str)
    assert isinstance(row[1], str)
    db.expire_all()
    stored_i = db.get(Intervention, intervention.id)
    stored_r = db.get(Recommendation, recommendation.id)
    from_json_i = InterventionRead.model_validate_json(row[0])
    from_json_r = RecommendationRead.model_validate_json(row[1])
    assert from_json_i == InterventionRead.model_validate(stored_i)
    assert from_json_r == RecommendationRead.model_validate(stored_r)
    # Every digit of the doubles, the timestamps in UTC to the microsecond, JSON as JSON.
    assert from_json_i.risk == 2.0 / 3
    assert from_json_r.risk == 1 / 3
    assert from_json_r.confidence == 0.1 + 0.2
    assert from_json_i.opened_at == datetime(2026, 11, 23, 6, 5, 4, 3002, tzinfo=UTC)
    assert from_json_i.opened_at.utcoffset() == timedelta(0)
    assert from_json_i.acknowledged_at is None
    assert from_json_i.evidence[0]["risk"] == 1 / 3
    assert from_json_r.factors[0]["nested"] == {"xs": [1, 2.5, None]}
    assert from_json_r.proposed_action == {"scale": 0.8, "note": None}
    assert from_json_r.requires_coach is True
    assert from_json_r.local_date == date(2026, 11, 24)


def test_stored_doubles_keep_every_digit(db: Session, world: World) -> None:
    _, intervention = _stored(db, world)
    read = select(json_text(json_object_of(Intervention.risk))).where(
        Intervention.id == intervention.id
    )
    for value in AWKWARD:
        intervention.risk = value
        db.flush()
        text = db.execute(read).scalar_one()
        assert json.loads(text)["risk"] == value


def test_a_missing_row_is_null_not_an_object_of_nulls(db: Session, world: World) -> None:
    _, intervention = _stored(db, world)
    intervention.recommendation_id = None
    db.flush()
    rows = db.execute(
        select(
            json_text(
                json_object_or_null(Recommendation.id, Recommendation.id, Recommendation.title)
            )
        )
        .select_from(Intervention)
        .outerjoin(Recommendation, Recommendation.id == Intervention.recommendation_id)
        .where(Intervention.id == intervention.id)
    ).all()
    assert rows == [(None,)]


def test_an_object_needs_named_columns() -> None:
    with pytest.raises(ValueError, match="named columns"):
        json_object_of(func.count())


def test_a_nested_object_is_embedded_as_an_object(db: Session, world: World) -> None:
    _, intervention = _stored(db, world)
    text = db.execute(
        select(
            json_text(
                json_object_of(
                    Intervention.title,
                    json_object_of(Intervention.risk, Intervention.evidence).label("inner"),
                )
            )
        ).where(Intervention.id == intervention.id)
    ).scalar_one()
    assert json.loads(text) == {
        "title": "Load spike",
        "inner": {"risk": 2.0 / 3, "evidence": intervention.evidence},
    }
