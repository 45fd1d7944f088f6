"""Access tokens that must be refused: forged, expired, early, for another audience or purpose."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import timedelta

import jwt
import pytest
from fastapi.testclient import TestClient

from runseason.config import get_settings
from tests.api.conftest import Clock
from tests.factories import NOW, PASSWORD, World

ME = "/api/v1/me"


def _claims(user_id: int, **changes: object) -> dict[str, object]:
    now = int(NOW.timestamp())
    claims: dict[str, object] = {
        "sub": str(user_id),
        "aud": get_settings().security.jwt_audience,
        "typ": "access",
        "iat": now,
        "nbf": now,
        "exp": now + 900,
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _key() -> str:
    return get_settings().secret_key.get_secret_value()


def _unsigned(claims: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


FORGERIES: dict[str, Callable[[int], str]] = {
    "alg none": lambda uid: _unsigned(_claims(uid)),
    "wrong key": lambda uid: jwt.encode(_claims(uid), "another key " * 4, algorithm="HS256"),
    "other HMAC algorithm": lambda uid: jwt.encode(_claims(uid), _key() * 2, algorithm="HS512"),
    "expired": lambda uid: jwt.encode(
        _claims(uid, exp=int(NOW.timestamp()) - 1), _key(), algorithm="HS256"
    ),
    "not yet valid": lambda uid: jwt.encode(
        _claims(uid, nbf=int(NOW.timestamp()) + 3600), _key(), algorithm="HS256"
    ),
    "wrong audience": lambda uid: jwt.encode(
        _claims(uid, aud="someone-else"), _key(), algorithm="HS256"
    ),
    "wrong type": lambda uid: jwt.encode(_claims(uid, typ="refresh"), _key(), algorithm="HS256"),
    "no expiry": lambda uid: jwt.encode(_claims(uid, exp=None), _key(), algorithm="HS256"),
    "garbage": lambda uid: "not.a.token",
}


def test_a_well_formed_token_is_accepted(client: TestClient, world: World) -> None:
    token = jwt.encode(_claims(world.cole.id), _key(), algorithm="HS256")
    response = client.get(ME, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("name", list(FORGERIES))
def test_forged_or_unfit_tokens_get_401(client: TestClient, world: World, name: str) -> None:
    token = FORGERIES[name](world.cole.id)
    response = client.get(ME, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401, (name, response.text)
    assert response.json()["error"] == "authentication_failed"


def test_a_refresh_token_is_not_an_access_token(client: TestClient, world: World) -> None:
    pair = client.post(
        "/api/v1/auth/login", json={"email": world.cole.email, "password": PASSWORD}
    ).json()
    response = client.get(ME, headers={"Authorization": f"Bearer {pair['refresh_token']}"})
    assert response.status_code == 401


def test_a_reused_refresh_token_ends_the_whole_family(
    client: TestClient, world: World, clock: Clock
) -> None:
    first = client.post(
        "/api/v1/auth/login", json={"email": world.cole.email, "password": PASSWORD}
    ).json()
    second = client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    reuse = client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    assert "already used" in reuse.json()["detail"]
    clock.moment = NOW + timedelta(minutes=1)
    # the legitimate holder's newer token is revoked too
    after = client.post(
        "/api/v1/auth/refresh", json={"refresh_token": second.json()["refresh_token"]}
    )
    assert after.status_code == 401
