"""Every mutation of audited data leaves an audit row through the one database-layer listener."""

from __future__ import annotations

import gc
from datetime import date

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from runseason import context
from runseason.db import audit, outbox
from runseason.db.models import Athlete, AuditLog, DailyMetric, Organization, User
from runseason.db.session import make_session_factory


def _trail(db: Session, entity: str) -> list[AuditLog]:
    return list(db.scalars(select(AuditLog).where(AuditLog.entity == entity).order_by(AuditLog.id)))


def test_insert_update_delete_are_audited_with_actor_and_request(db: Session) -> None:
    with context.request_scope("req-audit-1"):
        context.bind_actor(42, None)
        org = Organization(name="Harriers", slug="harriers-audit")
        db.add(org)
        db.flush()
        org.name = "Harriers AC"
        db.flush()
        db.delete(org)
        db.flush()
    rows = [r for r in _trail(db, "organizations") if r.entity_id == str(org.id)]
    assert [r.action for r in rows] == ["insert", "update", "delete"]
    assert {r.actor_user_id for r in rows} == {42}
    assert {r.request_id for r in rows} == {"req-audit-1"}
    assert rows[0].organization_id == org.id
    assert rows[1].changes == {"name": ["Harriers", "Harriers AC"]}
    assert rows[2].changes["slug"] == ["harriers-audit", None]


def test_password_hash_changes_are_recorded_without_values(db: Session) -> None:
    org = Organization(name="Org", slug="org-audit-pw")
    db.add(org)
    db.flush()
    user = User(
        organization_id=org.id,
        email="pw@example.org",
        full_name="P W",
        role="coach",
        password_hash="secret-hash-1",
    )
    db.add(user)
    db.flush()
    user.password_hash = "secret-hash-2"
    user.failed_login_count = 3  # bookkeeping only: no row of its own
    db.flush()
    rows = [r for r in _trail(db, "users") if r.entity_id == str(user.id)]
    assert [r.action for r in rows] == ["insert", "update"]
    assert rows[0].changes["password_hash"] == [None, "[redacted]"]
    assert rows[1].changes == {"password_hash": ["[redacted]", "[redacted]"]}
    assert "secret-hash" not in str([r.changes for r in rows])
    assert rows[0].organization_id == org.id


def test_derived_metrics_are_not_audited(db: Session) -> None:
    org = Organization(name="Org", slug="org-audit-derived")
    db.add(org)
    db.flush()
    user = User(
        organization_id=org.id,
        email="d@example.org",
        full_name="D",
        role="athlete",
        password_hash="x",
    )
    db.add(user)
    db.flush()
    athlete = Athlete(organization_id=org.id, user_id=user.id, display_name="D")
    db.add(athlete)
    db.flush()
    db.add(DailyMetric(organization_id=org.id, athlete_id=athlete.id, day=date(2026, 1, 5)))
    db.flush()
    assert _trail(db, "daily_metrics") == []
    assert len([r for r in _trail(db, "athletes") if r.entity_id == str(athlete.id)]) == 1


def test_every_new_session_factory_gets_the_listener_once() -> None:
    # Factories come and go (tests, CLI commands); each new one must audit, and only once.
    for round_ in range(200):
        factory = make_session_factory(create_engine("sqlite://"))
        audit.install(factory)  # a second install on the same factory adds nothing
        outbox.install(factory)
        session = factory()
        # The audit's listener and the webhook outbox's (db/outbox.py), once each.
        assert len(session.dispatch.after_flush) == 2, round_
        assert len(session.dispatch.before_flush) == 1, round_
        session.close()
        factory.kw["bind"].dispose()
        del session, factory
        if round_ % 25 == 0:
            gc.collect()
