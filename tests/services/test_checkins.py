"""Check-ins: validation, local dates, duplicates, readiness and metrics."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session

from runseason.db import audit
from runseason.db.models import AthleteSnapshot, AuditLog, CheckIn, DailyMetric, ReadinessScore
from runseason.domain.dates import local_date
from runseason.domain.readiness import readiness
from runseason.errors import InvalidInput
from runseason.schemas.checkins import CheckInCreate
from runseason.services import checkins, coaching_settings
from runseason.services.coaching_settings import effective_settings, readiness_params
from tests.factories import NOW, World, actor


def good(**changes: object) -> CheckInCreate:
    fields = {"sleep_quality": 4, "energy": 4, "recovery": 4, "stress": 4, **changes}
    return CheckInCreate.model_validate(fields)


def test_athlete_checks_in_and_gets_readiness(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    read = checkins.submit_checkin(db, me, world.greta.id, good(), now=NOW)
    assert read.readiness_band == "green"
    assert read.readiness_score == pytest.approx(75.0)
    assert read.factors


def test_the_readiness_is_stored_as_answered_and_a_resubmission_rewrites_it(
    db: Session, world: World
) -> None:
    me = actor(db, world.user_of(world.greta, db))
    first = checkins.submit_checkin(db, me, world.greta.id, good(pain_severity=6), now=NOW)
    stored = db.scalars(select(ReadinessScore).where(ReadinessScore.check_in_id == first.id)).one()
    assert (stored.score, stored.band, stored.capped_by) == (
        first.readiness_score,
        first.readiness_band,
        first.capped_by,
    )
    assert stored.factors == first.factors
    assert stored.factors
    assert (stored.athlete_id, stored.local_date) == (world.greta.id, first.local_date)
    assert stored.organization_id == world.greta.organization_id
    assert stored.computed_at is not None
    assert stored.baseline_used is False
    assert checkins.get_checkin(db, me, first.id).readiness_score == first.readiness_score
    again = checkins.submit_checkin(db, me, world.greta.id, good(energy=1), now=NOW)
    assert again.id == first.id
    assert again.readiness_score != first.readiness_score
    rows = db.scalars(select(ReadinessScore).where(ReadinessScore.athlete_id == world.greta.id))
    assert [(r.check_in_id, r.score) for r in rows] == [(first.id, again.readiness_score)]


def test_the_day_is_the_athletes_own_local_date(db: Session, world: World) -> None:
    # 23:30 UTC on the 24th is already the 25th in Oslo and still the 24th in New York.
    late = NOW.replace(hour=23, minute=30)
    greta = checkins.submit_checkin(
        db, actor(db, world.user_of(world.greta, db)), world.greta.id, good(), now=late
    )
    sam = checkins.submit_checkin(
        db, actor(db, world.user_of(world.sam, db)), world.sam.id, good(), now=late
    )
    assert greta.local_date == late.date() + timedelta(days=1)
    assert sam.local_date == late.date()


@pytest.mark.parametrize(
    "fields",
    [
        {"sleep_quality": 0, "energy": 3, "recovery": 3, "stress": 3},
        {"sleep_quality": 6, "energy": 3, "recovery": 3, "stress": 3},
        {},  # nothing answered
        {"mood": 3, "note": "fine"},  # nothing readiness is made of
        {"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 3, "pain_severity": 11},
        {"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 3, "resting_hr": 300},
        {"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 3, "pain_location": "knee"},
        {"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 3, "colour": "blue"},
    ],
)
def test_out_of_range_check_ins_are_refused_at_the_boundary(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        CheckInCreate.model_validate(fields)


def test_items_left_unanswered_are_stored_as_none_and_left_out_of_readiness(
    db: Session, world: World
) -> None:
    me = actor(db, world.user_of(world.greta, db))
    for days_ago in range(10, 0, -1):  # a norm to be flagged against
        day = NOW - timedelta(days=days_ago)
        checkins.submit_checkin(db, me, world.greta.id, good(stress=5), now=day)
    only_sleep = CheckInCreate(sleep_quality=4, energy=4)
    read = checkins.submit_checkin(db, me, world.greta.id, only_sleep, now=NOW)
    assert (read.recovery, read.stress) == (None, None)
    items = {f["item"] for f in read.factors}
    assert items >= {"sleep_quality", "energy"}
    assert not items & {"recovery", "stress"}
    assert read.readiness_score == pytest.approx(75.0)
    stored = db.scalar(select(CheckIn).where(CheckIn.id == read.id))
    assert stored is not None
    assert stored.stress is None


def test_a_second_check_in_the_same_day_updates_the_first_and_is_audited(
    db: Session, world: World
) -> None:
    me = actor(db, world.user_of(world.greta, db))
    first = checkins.submit_checkin(db, me, world.greta.id, good(), now=NOW)
    second = checkins.submit_checkin(db, me, world.greta.id, good(energy=1), now=NOW)
    assert second.id == first.id
    assert second.energy == 1
    assert second.readiness_score is not None
    assert first.readiness_score is not None
    assert second.readiness_score < first.readiness_score
    count = db.scalar(select(func.count()).where(CheckIn.athlete_id == world.greta.id))
    assert count == 1
    trail = db.scalars(
        select(AuditLog).where(AuditLog.entity == "check_ins", AuditLog.action == "update")
    ).all()
    assert any(r.changes.get("energy", [None, None])[1] == 1 for r in trail)


def test_a_new_check_in_is_stored_and_audited_as_an_added_object_would_be(
    db: Session, world: World
) -> None:
    me = actor(db, world.user_of(world.greta, db))
    answer = checkins.submit_checkin(
        db, me, world.greta.id, good(mood=4, sleep_hours=7.5, note='felt "fine"'), now=NOW
    )
    db.expire_all()
    stored = db.get(CheckIn, answer.id)
    assert stored is not None
    assert stored.athlete_id == world.greta.id
    assert stored.note == 'felt "fine"'
    assert stored.submitted_at == NOW
    assert stored.created_at == stored.updated_at
    assert answer.model_dump(
        exclude={"readiness_score", "readiness_band", "factors", "capped_by"}
    ) == {
        name: getattr(stored, name)
        for name in answer.model_dump(
            exclude={"readiness_score", "readiness_band", "factors", "capped_by"}
        )
    }
    (entry,) = db.scalars(
        select(AuditLog).where(
            AuditLog.entity == "check_ins",
            AuditLog.action == "insert",
            AuditLog.entity_id == str(answer.id),
        )
    ).all()
    # What the audit listener writes for an added CheckIn: every non-null column but updated_at.
    expected = {
        attr: [None, audit._jsonable(getattr(stored, attr))]
        for attr in (c.key for c in inspect(CheckIn).column_attrs)
        if getattr(stored, attr) is not None and attr not in CheckIn.__audit_ignored__
    }
    assert entry.changes == expected
    assert entry.organization_id == world.greta.organization_id
    assert "updated_at" not in entry.changes
    assert entry.changes["illness"] == [None, False]


def test_back_dating_is_limited_and_the_future_refused(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.sam, db))
    today = NOW.date()
    checkins.submit_checkin(
        db, me, world.sam.id, good(local_date=today - timedelta(days=7)), now=NOW
    )
    with pytest.raises(InvalidInput, match="at most 7 days"):
        checkins.submit_checkin(
            db, me, world.sam.id, good(local_date=today - timedelta(days=8)), now=NOW
        )
    with pytest.raises(InvalidInput, match="future"):
        checkins.submit_checkin(
            db, me, world.sam.id, good(local_date=today + timedelta(days=1)), now=NOW
        )


def test_editing_a_check_in_rescores_it(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    first = checkins.submit_checkin(db, me, world.greta.id, good(), now=NOW)
    edited = checkins.update_checkin(db, me, first.id, good(illness=True), now=NOW)
    assert edited.readiness_band == "red"
    assert edited.capped_by == "illness"


def test_check_in_updates_the_daily_metric_and_the_snapshot(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    read = checkins.submit_checkin(db, me, world.greta.id, good(), now=NOW)
    metric = db.get(DailyMetric, (world.greta.id, read.local_date))
    assert metric is not None
    assert metric.readiness_band == "green"
    snapshot = db.get(AthleteSnapshot, world.greta.id)
    assert snapshot is not None
    assert snapshot.last_checkin_date == read.local_date
    assert snapshot.readiness_band == "green"


def test_list_is_paginated_newest_first(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.sam, db))
    for back in range(5):
        day = NOW.date() - timedelta(days=back)
        checkins.submit_checkin(db, me, world.sam.id, good(local_date=day), now=NOW)
    page = checkins.list_checkins(db, me, world.sam.id, page=1, page_size=2)
    assert page.total == 5
    assert [c.local_date for c in page.items] == [NOW.date(), NOW.date() - timedelta(days=1)]
    assert checkins.find_checkin_for_day(db, me, world.sam.id, NOW.date()) is not None


def test_a_new_check_in_reads_its_day_and_its_baseline_in_one_statement(
    db: Session, world: World
) -> None:
    me = actor(db, world.user_of(world.greta, db))
    today = local_date(NOW, world.greta.timezone)
    for back in (3, 2, 1):
        day = today - timedelta(days=back)
        checkins.submit_checkin(db, me, world.greta.id, good(local_date=day, energy=back), now=NOW)
    reads: list[str] = []
    every: list[str] = []

    def seen(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        every.append(" ".join(statement.split()))
        if statement.lstrip().startswith("SELECT") and "FROM check_ins" in statement:
            reads.append(statement)

    engine = db.get_bind()
    db.info.pop(coaching_settings.CACHE_KEY, None)  # as in a new request's transaction
    event.listen(engine, "before_cursor_execute", seen)
    try:
        new = checkins.submit_checkin(db, me, world.greta.id, good(), now=NOW)
        assert len(reads) == 1
        # The athlete and the organization's settings come in one statement too.
        # (The refresh's read of coach and athlete automation modes is its own.)
        (settings_read,) = [
            s for s in every if "FROM setting_overrides" in s and "coach_assignments" not in s
        ]
        assert settings_read.startswith("SELECT athletes.")
        reads.clear()
        again = checkins.submit_checkin(db, me, world.greta.id, good(energy=2), now=NOW)
        assert len(reads) == 2  # a day already checked in is then read whole, to update it
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    # Scored against the three days before, as a separate read of them gives.
    params = readiness_params(effective_settings(db, world.greta.organization_id))
    baseline = checkins._history(db, world.greta.id, today, params.baseline_window_days)
    assert [v.energy for v in baseline] == [3, 2, 1]
    expected = readiness(checkins._values(good()), baseline, params)
    assert new.readiness_score == pytest.approx(expected.score)
    assert again.id == new.id
    again_expected = readiness(checkins._values(good(energy=2)), baseline, params)
    assert again.readiness_score == pytest.approx(again_expected.score)
    count = select(func.count()).where(CheckIn.athlete_id == world.greta.id)
    assert db.scalar(count.where(CheckIn.local_date == today)) == 1
