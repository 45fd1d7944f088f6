"""Errors become HTTP in one place: ``{"error": code, "detail": message}``."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from runseason import errors
from runseason.api.app import create_app
from runseason.api.errors import allowed_methods, status_of


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (errors.AccountLocked("locked"), 423),
        (errors.AuthenticationFailed("no"), 401),
        (errors.PasswordChangeRequired("change"), 403),
        (errors.NotFound("gone"), 404),
        (errors.Conflict("twice"), 409),
        (errors.InvalidInput("bad"), 422),
        (errors.RateLimited("slow"), 429),
        (errors.DatabaseBusy("busy"), 503),
        (errors.ConfigurationError("odd"), 500),
    ],
)
def test_each_domain_error_has_its_status(error: errors.RunSeasonError, status: int) -> None:
    assert status_of(error) == status


def test_unknown_paths_and_methods_answer_in_the_error_shape(client: TestClient) -> None:
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.json()["error"] == "not_found"
    wrong = client.put("/api/v1/healthz")
    assert wrong.status_code == 405
    assert wrong.json()["error"] == "method_not_allowed"
    assert "GET" in wrong.headers["Allow"]


def test_a_bad_body_names_the_field(client: TestClient) -> None:
    answer = client.post("/api/v1/auth/login", json={"email": "a@b.org"})
    assert answer.status_code == 422
    assert answer.json() == {"error": "invalid_input", "detail": "password: Field required"}


def test_allowed_methods_gathers_every_route_of_a_path() -> None:
    assert allowed_methods(create_app(), "/api/v1/settings") == ["GET", "PATCH"]
