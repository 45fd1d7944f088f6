"""The delivery log: one claim per person, kind and day; the admin reads their organization's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from runseason.errors import PermissionDenied
from runseason.services.identity.access import Actor
from runseason.services.notifications import sends
from runseason.services.notifications.messages import Recipient
from tests.factories import World, actor

NOW = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)


def _to(world: World, day: date = date(2026, 11, 25)) -> Recipient:
    return Recipient(world.cole.id, world.north.id, "Cole Coach", world.cole.email, day)


def test_a_person_kind_and_day_is_claimed_once(db: Session, world: World) -> None:
    first = sends.claim(db, _to(world), "digest", now=NOW)
    assert first is not None
    assert sends.claim(db, _to(world), "digest", now=NOW) is None
    assert sends.claim(db, _to(world), "reminder", now=NOW) is not None  # another kind
    assert sends.claim(db, _to(world, date(2026, 11, 26)), "digest", now=NOW) is not None
    sends.finish(db, first, now=NOW, attempts=1)
    log = sends.list_deliveries(db, actor(db, world.ada))
    assert log.total == 3
    sent = [d for d in log.items if d.status == "sent"]
    assert [(d.person, d.kind, d.local_date, d.attempts) for d in sent] == [
        ("Cole Coach", "digest", date(2026, 11, 25), 1)
    ]


def test_only_an_admin_reads_the_log_and_only_their_organization(db: Session, world: World) -> None:
    sends.claim(db, _to(world), "digest", now=NOW)
    with pytest.raises(PermissionDenied):
        sends.list_deliveries(db, actor(db, world.cole))
    south_admin = Actor(world.otto.id, world.south.id, "admin")
    south_admin_view = sends.list_deliveries(db, south_admin)
    assert south_admin_view.total == 0
