"""Retention: check-in notes older than the setting are blanked by the worker's job, once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.config import reset_settings_cache
from runseason.db.models import AuditLog, CheckIn
from runseason.schemas.checkins import CheckInCreate
from runseason.services import checkins, retention
from tests.factories import NOW, World, actor


def _checkin(db: Session, world: World, days_ago: int) -> int:
    greta = actor(db, world.user_of(world.greta, db))
    made = checkins.submit_checkin(
        db,
        greta,
        world.greta.id,
        CheckInCreate(
            sleep_quality=3, energy=3, recovery=3, stress=2, note=f"calf, {days_ago} days ago"
        ),
        now=NOW - timedelta(days=days_ago),
    )
    return made.id


def test_notes_past_their_retention_are_blanked_and_the_scores_stay(
    db: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, recent = _checkin(db, world, 40), _checkin(db, world, 5)
    assert retention.prune_checkin_notes(now=NOW) == 0  # no retention set: kept
    monkeypatch.setenv("RUNSEASON_RETENTION_CHECKIN_NOTE_DAYS", "30")
    reset_settings_cache()
    assert retention.prune_checkin_notes(now=NOW) == 1
    db.expire_all()
    kept, blanked = db.get(CheckIn, recent), db.get(CheckIn, old)
    assert kept is not None
    assert blanked is not None
    assert kept.note == "calf, 5 days ago"
    assert blanked.note is None
    assert blanked.sleep_quality == 3
    copies = db.scalar(
        select(func.count())
        .select_from(AuditLog)
        .where(AuditLog.entity == "check_ins", AuditLog.entity_id == str(old))
    )
    assert copies == 0
    assert retention.prune_checkin_notes(now=NOW) == 0  # nothing twice
