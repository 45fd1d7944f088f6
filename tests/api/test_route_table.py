"""The route table: every route but sign-in and health requires a signed-in actor, and athletes
are refused (403) on the routes meant for coaches and admins."""

from __future__ import annotations

from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from runseason.api import deps
from runseason.api.app import create_app
from tests.factories import World

PUBLIC = {
    "/api/v1/auth/login",
    "/api/v1/auth/refresh",
    "/api/v1/auth/logout",
    "/api/v1/auth/web/login",
    "/api/v1/auth/web/logout",
    "/api/v1/health",
    "/api/v1/healthz",
    "/api/v1/readyz",
    "/api/v1/calendar/{token}.ics",  # the secret address is the credential (calendar apps)
    "/api/v1/unsubscribe",  # the one-click link in an email: a signed token, no sign-in
    "/metrics",  # for Prometheus: guarded by its own token when RUNSEASON_METRICS_TOKEN is set
}
PLAN = {"race_distance_m": 10000, "race_date": "2027-05-01"}
AUTH_DEPENDENCIES = {deps.signed_in_actor, deps.current_actor}


def _calls(dependant: object) -> set[object]:
    found = set()
    for sub in getattr(dependant, "dependencies", []):
        found.add(sub.call)
        found |= _calls(sub)
    return found


def _api_routes(routes: list[Any]) -> list[Any]:
    """Every endpoint with its effective path (FastAPI keeps included routers nested)."""
    out: list[Any] = []
    for route in routes:
        if isinstance(route, APIRoute):
            out.append(route)
        elif hasattr(route, "effective_route_contexts"):
            out += list(route.effective_route_contexts())
    return out


def test_every_route_but_sign_in_and_health_requires_an_actor() -> None:
    app = create_app()
    routes = _api_routes(app.routes)
    assert len(routes) > 40
    unguarded = sorted(
        f"{sorted(r.methods)} {r.path}"
        for r in routes
        if r.path not in PUBLIC and not (_calls(r.dependant) & AUTH_DEPENDENCIES)
    )
    assert unguarded == []
    assert {r.path for r in routes} >= PUBLIC - {"/api/v1/auth/web/login"}


def test_athletes_get_403_on_staff_routes(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    riley = headers["riley"]
    own = world.riley.id
    staff_only = [
        ("get", "/api/v1/command-center", None),
        ("get", "/api/v1/caseload", None),
        ("get", "/api/v1/users", None),
        ("post", "/api/v1/users", {"email": "x@y.org", "full_name": "X", "role": "coach"}),
        ("patch", "/api/v1/settings", {"risk": {"guardrail": 0.9}}),
        ("get", "/api/v1/tasks", None),
        (
            "post",
            f"/api/v1/athletes/{own}/plans",
            {"race_distance_m": 10000, "race_date": "2027-05-01"},
        ),
        ("post", f"/api/v1/athletes/{own}/tasks", {"title": "Call", "due_on": "2026-12-01"}),
        ("post", "/api/v1/templates", {"name": "Mine"}),
    ]
    for method, path, body in staff_only:
        response = client.request(method, path, json=body, headers=riley)
        assert response.status_code in (403, 422), (path, response.status_code, response.text)
        if response.status_code == 422:  # validation first is fine only if access is then refused
            continue
        assert response.json()["error"] == "permission_denied", path
