"""The API application: every router under /api/v1, security headers and a request id."""

from __future__ import annotations

from fastapi.testclient import TestClient

from runseason.api.app import SECURITY_HEADERS, create_app
from runseason.api.routes import ROUTERS
from runseason.config import Settings


def test_every_router_is_mounted_under_the_prefix() -> None:
    documented = create_app().openapi()["paths"]
    for router in ROUTERS:
        for route in router.routes:
            if getattr(route, "include_in_schema", False):
                assert f"/api/v1{route.path}" in documented  # type: ignore[attr-defined]


def test_answers_carry_the_security_headers_and_echo_the_request_id(client: TestClient) -> None:
    answer = client.get("/api/v1/healthz", headers={"X-Request-ID": "trace-1"})
    assert answer.status_code == 200
    for name, value in SECURITY_HEADERS.items():
        assert answer.headers[name] == value
    assert answer.headers["X-Request-ID"] == "trace-1"
    assert client.get("/api/v1/healthz").headers["X-Request-ID"] != "trace-1"


def test_the_documentation_is_served_outside_production_only() -> None:
    with TestClient(create_app()) as dev:
        assert dev.get("/api/v1/openapi.json").status_code == 200
    prod = Settings(env="prod", secret_key="x" * 40, allow_sqlite_in_prod=True)
    with TestClient(create_app(prod)) as served:
        assert served.get("/api/v1/openapi.json").status_code == 404
