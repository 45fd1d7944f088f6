"""Real HTTP through the API on the test's database (rolled back after each test)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from runseason.api import deps
from runseason.api.app import create_app
from tests.factories import NOW, PASSWORD, World


class Clock:
    """The API's clock, moved by tests."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def client(db: Session, clock: Clock) -> Iterator[TestClient]:
    app = create_app()
    app.dependency_overrides[deps.now] = clock
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def login(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    """Sign in and return the Authorization header."""
    response = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def headers(client: TestClient, world: World, db: Session) -> dict[str, dict[str, str]]:
    """Authorization headers of the named characters."""
    people = {
        "ada": world.ada,
        "cole": world.cole,
        "asha": world.asha,
        "uma": world.uma,
        "otto": world.otto,
        "greta": world.user_of(world.greta, db),
        "riley": world.user_of(world.riley, db),
        "oona": world.user_of(world.oona, db),
    }
    return {name: login(client, user.email) for name, user in people.items()}
