"""The risk engine on a batch of athlete-days: the day's risk on the snapshot and the stored day,
one recommendation per day brought up to date, and interventions opened once then fed evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from runseason.db.models import DailyMetric, Intervention, Recommendation
from runseason.domain.dates import local_date
from runseason.services.refresh import engine
from tests.factories import NOW, World
from tests.services.coaching_days import greta_green_streak, riley_red_patch


@dataclass
class _Snapshot:
    """What the engine sets on a snapshot."""

    risk: float = -1.0
    risk_bucket: str = ""
    confidence: float | None = None
    top_factors: list[Any] = field(default_factory=list)
    open_interventions: int = -1


def _count(db: Session, model: Any, athlete_id: int) -> int:
    return db.scalar(select(func.count()).where(model.athlete_id == athlete_id)) or 0


def _unresolved(db: Session, athlete_id: int) -> int:
    return (
        db.scalar(
            select(func.count()).where(
                Intervention.athlete_id == athlete_id, Intervention.status != "resolved"
            )
        )
        or 0
    )


def test_an_empty_batch_changes_nothing(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    before = _count(db, Recommendation, world.riley.id)
    engine.evaluate_days(db, [], now=NOW)
    assert _count(db, Recommendation, world.riley.id) == before


def test_a_red_patch_is_assessed_onto_the_snapshot_and_the_stored_day(
    db: Session, world: World
) -> None:
    riley_red_patch(db, world)
    today = local_date(NOW, world.riley.timezone)
    db.execute(
        update(DailyMetric)
        .where(DailyMetric.athlete_id == world.riley.id, DailyMetric.day == today)
        .values(risk=None, risk_bucket=None)
    )
    snap = _Snapshot()
    engine.evaluate_days(db, [(world.riley, today, snap, [])], now=NOW)
    assert snap.risk_bucket == "at_risk"
    assert 0.6 <= snap.risk <= 1.0
    assert 1 <= len(snap.top_factors) <= 3
    assert {"name", "share", "concern", "threshold"} == set(snap.top_factors[0])
    unresolved = db.scalars(
        select(Intervention).where(
            Intervention.athlete_id == world.riley.id, Intervention.status != "resolved"
        )
    ).all()
    assert snap.open_interventions == len(unresolved) > 0
    stored = db.get(DailyMetric, (world.riley.id, today))
    assert stored is not None
    assert (stored.risk, stored.risk_bucket) == (snap.risk, "at_risk")


def test_the_same_day_assessed_again_updates_its_recommendation_and_adds_evidence(
    db: Session, world: World
) -> None:
    riley_red_patch(db, world)
    today = local_date(NOW, world.riley.timezone)
    recs = _count(db, Recommendation, world.riley.id)
    items = db.scalars(select(Intervention).where(Intervention.athlete_id == world.riley.id)).all()
    evidence = {i.id: len(i.evidence) for i in items}
    engine.evaluate_days(db, [(world.riley, today, _Snapshot(), [])], now=NOW)
    assert _count(db, Recommendation, world.riley.id) == recs
    assert _count(db, Intervention, world.riley.id) == len(items)
    assert all(len(i.evidence) == evidence[i.id] + 1 for i in items)
    assert all(i.evidence[-1]["at"] == NOW.isoformat() for i in items)


def test_an_answered_recommendation_stays_while_its_type_holds(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    today = local_date(NOW, world.riley.timezone)
    rec = db.scalars(
        select(Recommendation).where(
            Recommendation.athlete_id == world.riley.id,
            Recommendation.local_date == today,
            Recommendation.status == "open",
        )
    ).one()
    recs = _count(db, Recommendation, world.riley.id)
    rec.athlete_answer, rec.title = "declined", "as answered"
    engine.evaluate_days(db, [(world.riley, today, _Snapshot(), [])], now=NOW)
    assert rec.title == "as answered"
    assert _count(db, Recommendation, world.riley.id) == recs
    rec.type = "progress"  # the engine now proposes something else: a new recommendation
    engine.evaluate_days(db, [(world.riley, today, _Snapshot(), [])], now=NOW)
    assert _count(db, Recommendation, world.riley.id) == recs + 1
    assert (rec.status, rec.title) == ("open", "as answered")


def test_one_batch_assesses_each_athlete_on_their_own(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    greta_green_streak(db, world)
    riley, greta = _Snapshot(), _Snapshot()
    batch = [
        (world.riley, local_date(NOW, world.riley.timezone), riley, []),
        (world.greta, local_date(NOW, world.greta.timezone), greta, []),
    ]
    engine.evaluate_days(db, batch, now=NOW)
    assert riley.risk_bucket == "at_risk"
    assert greta.risk_bucket == "stable"
    assert greta.risk < riley.risk
    assert greta.open_interventions == _unresolved(db, world.greta.id)
    assert riley.open_interventions == _unresolved(db, world.riley.id) > 0
