"""System status: an admin sees their own organization's queue and errors, no one else's."""

from __future__ import annotations

import io
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from runseason import context
from runseason.api.app import create_app
from runseason.config import load_settings
from runseason.errors import PermissionDenied
from runseason.logging import configure_logging
from runseason.services import system
from runseason.services.identity import ratelimit
from runseason.services.refresh import queue
from tests.api.conftest import login
from tests.factories import NOW, World, actor, make_user


def test_an_admin_sees_only_their_organizations_refresh_queue(db: Session, world: World) -> None:
    queue.enqueue(db, world.greta.id, world.north.id, date(2026, 11, 20), now=NOW)
    queue.enqueue(db, world.riley.id, world.north.id, date(2026, 11, 20), now=NOW)
    southern_admin = make_user(db, world.south, "admin", "Sam South")
    assert system.get_system_status(db, actor(db, world.ada)).waiting == 2
    assert system.get_system_status(db, actor(db, southern_admin)).waiting == 0


def test_only_admins_read_the_system_status(db: Session, world: World) -> None:
    with pytest.raises(PermissionDenied):
        system.get_system_status(db, actor(db, world.cole))


def test_an_error_is_kept_for_the_organization_it_broke(db: Session, world: World) -> None:
    southern_admin = make_user(db, world.south, "admin", "Sam South")
    with context.request_scope("req-broken"):
        context.bind_actor(world.cole.id, world.north.id)
        system.record_error_event(
            {"level": "error", "logger": "runseason.api", "message": "it broke"}
        )
    mine = system.get_system_status(db, actor(db, world.ada)).recent_errors
    assert [e.message for e in mine] == ["it broke"]
    assert system.get_system_status(db, actor(db, southern_admin)).recent_errors == []


def test_a_server_error_reaches_the_admins_system_status(
    db: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure_logging(
        load_settings(log_format="json"), stream=io.StringIO(), error_sink=system.record_error_event
    )
    southern_admin = make_user(db, world.south, "admin", "Sam South")
    ratelimit.reset_limiter()

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("runseason.services.identity.users.get_me", broken)
    try:
        with TestClient(create_app(), raise_server_exceptions=False) as client:
            answer = client.get("/api/v1/me", headers=login(client, world.cole.email))
            assert answer.status_code == 500
            admin = client.get("/api/v1/admin/system", headers=login(client, world.ada.email))
            south = client.get("/api/v1/admin/system", headers=login(client, southern_admin.email))
    finally:
        configure_logging(load_settings(log_format="json"), stream=io.StringIO())
    assert admin.status_code == 200
    assert [e["message"] for e in admin.json()["recent_errors"]] == ["api.unexpected_error"]
    assert south.json()["recent_errors"] == []
