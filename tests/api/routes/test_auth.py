"""Sign-in, tokens, refresh rotation, API keys and the browser cookie, over HTTP."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from runseason.db.models import TrainingLog
from tests.api.conftest import Clock, login
from tests.factories import PASSWORD, World


def test_login_gives_tokens_and_wrong_password_a_401(client: TestClient, world: World) -> None:
    ok = client.post("/api/v1/auth/login", json={"email": world.cole.email, "password": PASSWORD})
    assert ok.status_code == 200
    assert ok.json()["expires_in"] == 900
    bad = client.post(
        "/api/v1/auth/login", json={"email": world.cole.email, "password": "nope nope"}
    )
    assert bad.status_code == 401
    assert bad.json() == {
        "error": "authentication_failed",
        "detail": "Email or password is incorrect.",
    }


def test_lockout_is_a_423_with_a_clear_message(client: TestClient, world: World) -> None:
    for _ in range(4):
        client.post("/api/v1/auth/login", json={"email": world.cole.email, "password": "wrong one"})
    locked = client.post(
        "/api/v1/auth/login", json={"email": world.cole.email, "password": "wrong one"}
    )
    assert locked.status_code == 423
    assert "locked" in locked.json()["detail"]


def test_access_token_expires_and_refresh_rotates(
    client: TestClient, world: World, clock: Clock
) -> None:
    tokens = client.post(
        "/api/v1/auth/login", json={"email": world.cole.email, "password": PASSWORD}
    ).json()
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert client.get("/api/v1/me", headers=auth).json()["email"] == world.cole.email
    clock.moment += timedelta(minutes=16)
    expired = client.get("/api/v1/me", headers=auth)
    assert expired.status_code == 401
    assert "expired" in expired.json()["detail"]
    fresh = client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert fresh.status_code == 200
    new_auth = {"Authorization": f"Bearer {fresh.json()['access_token']}"}
    assert client.get("/api/v1/me", headers=new_auth).status_code == 200
    reused = client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert reused.status_code == 401
    assert "already used" in reused.json()["detail"]
    # The reuse revoked the whole family: the newer refresh token is dead too.
    later = client.post(
        "/api/v1/auth/refresh", json={"refresh_token": fresh.json()["refresh_token"]}
    )
    assert later.status_code == 401


def test_password_change_invalidates_older_access_tokens(
    client: TestClient, world: World, clock: Clock
) -> None:
    auth = login(client, world.cole.email)
    clock.moment += timedelta(seconds=5)
    changed = client.post(
        "/api/v1/auth/password",
        headers=auth,
        json={"current_password": PASSWORD, "new_password": "a whole new passphrase"},
    )
    assert changed.status_code == 204
    clock.moment += timedelta(seconds=5)
    assert client.get("/api/v1/me", headers=auth).status_code == 401


def test_temporary_password_must_be_changed_first(client: TestClient, world: World) -> None:
    admin = login(client, world.ada.email)
    created = client.post(
        "/api/v1/users",
        headers=admin,
        json={"email": "nina@northside.example.com", "full_name": "Nina", "role": "coach"},
    )
    assert created.status_code == 201
    temporary = created.json()["temporary_password"]
    nina = login(client, "nina@northside.example.com", temporary)
    blocked = client.get("/api/v1/command-center", headers=nina)
    assert blocked.status_code == 403
    assert blocked.json()["error"] == "password_change_required"
    assert client.get("/api/v1/me", headers=nina).status_code == 200
    client.post(
        "/api/v1/auth/password",
        headers=nina,
        json={"current_password": temporary, "new_password": "nina's own passphrase"},
    )
    nina = login(client, "nina@northside.example.com", "nina's own passphrase")
    assert client.get("/api/v1/command-center", headers=nina).status_code == 200


def test_api_keys_read_only_scope(client: TestClient, world: World, db) -> None:
    auth = login(client, world.cole.email)
    created = client.post(
        "/api/v1/api-keys", headers=auth, json={"name": "script", "scope": "read"}
    )
    assert created.status_code == 201
    key = {"X-API-Key": created.json()["key"]}
    assert client.get(f"/api/v1/athletes/{world.greta.id}", headers=key).status_code == 200
    write = client.patch(f"/api/v1/athletes/{world.greta.id}", headers=key, json={"hr_max": 190})
    assert write.status_code == 403
    listed = client.get("/api/v1/api-keys", headers=auth).json()
    assert "key" not in listed[0]
    assert client.delete(f"/api/v1/api-keys/{listed[0]['id']}", headers=auth).status_code == 204
    assert client.get(f"/api/v1/athletes/{world.greta.id}", headers=key).status_code == 401


def test_browser_sign_in_sets_an_http_only_cookie(client: TestClient, world: World) -> None:
    page = client.get("/api/v1/auth/web/login")
    assert "Sign in" in page.text
    wrong = client.post(
        "/api/v1/auth/web/login",
        data={"email": world.cole.email, "password": "no"},
        follow_redirects=False,
    )
    assert "incorrect" in wrong.text
    ok = client.post(
        "/api/v1/auth/web/login",
        data={"email": world.cole.email, "password": PASSWORD},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    cookie = ok.headers["set-cookie"]
    assert "rs_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert client.get("/api/v1/me").json()["email"] == world.cole.email
    assert client.get("/api/v1/auth/web/logout").status_code == 200  # asks; changes nothing
    assert client.get("/api/v1/me").status_code == 200
    out = client.post("/api/v1/auth/web/logout", follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/api/v1/me").status_code == 401


def test_unauthenticated_and_unknown_routes(client: TestClient) -> None:
    assert client.get("/api/v1/command-center").status_code == 401
    assert client.get("/api/v1/nowhere").json()["error"] == "not_found"
    assert client.get("/api/v1/health").json()["status"] == "ok"
    headers = client.get("/api/v1/health").headers
    assert headers["x-content-type-options"] == "nosniff"


def test_health_probes_need_no_sign_in(client: TestClient) -> None:
    assert client.get("/api/v1/healthz").json() == {"status": "ok"}
    assert client.get("/api/v1/readyz").json() == {"status": "ready"}
    response = client.get("/api/v1/health")
    assert response.json()["status"] == "ok"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_calculators_over_http(client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    response = client.get(
        "/api/v1/calculators/vdot",
        params={"distance": "10k", "time": "40:00"},
        headers=headers["riley"],
    )
    assert response.status_code == 200
    assert round(response.json()["vdot"], 1) == 51.9
    bad = client.get(
        "/api/v1/calculators/predict",
        params={"distance": "5k", "time": "20:00", "target": "moon"},
        headers=headers["riley"],
    )
    assert bad.status_code == 422
    assert "is not a distance" in bad.json()["detail"]
    assert client.get("/api/v1/calculators/vdot?distance=5k&time=20:00").status_code == 401


def test_wrong_method_lists_every_allowed_method(
    client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    response = client.delete("/api/v1/me", headers=headers["riley"])
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, PATCH"
    assert response.json()["error"] == "method_not_allowed"


def test_admin_reads_the_audit_trail_and_moves_an_athlete(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    riley = world.riley.id
    moved = client.post(
        f"/api/v1/athletes/{riley}/assignments",
        json={"coach_id": world.uma.id},
        headers=headers["ada"],
    )
    assert moved.status_code == 201, moved.text
    assert client.get(f"/api/v1/athletes/{riley}", headers=headers["uma"]).status_code == 200
    assert client.get(f"/api/v1/athletes/{riley}", headers=headers["asha"]).status_code == 404
    history = client.get(f"/api/v1/athletes/{riley}/assignments", headers=headers["ada"]).json()
    assert {a["coach_id"] for a in history} >= {world.uma.id, world.asha.id}
    trail = client.get(
        "/api/v1/audit", params={"entity": "coach_assignments"}, headers=headers["ada"]
    )
    assert trail.status_code == 200
    assert trail.json()["total"] >= 2
    assert all(e["entity"] == "coach_assignments" for e in trail.json()["items"])
    users_trail = client.get(
        "/api/v1/audit", params={"entity": "users", "page_size": 200}, headers=headers["ada"]
    ).json()["items"]
    hashes = [e["changes"]["password_hash"] for e in users_trail if "password_hash" in e["changes"]]
    assert hashes
    assert all(set(h) <= {None, "[redacted]"} for h in hashes)
    assert client.get("/api/v1/audit", headers=headers["asha"]).status_code == 403
    ended = client.delete(
        f"/api/v1/athletes/{riley}/assignments/{world.uma.id}", headers=headers["ada"]
    )
    assert ended.status_code == 204
    assert client.get(f"/api/v1/athletes/{riley}", headers=headers["uma"]).status_code == 404


def test_an_idempotency_key_replays_the_first_answer_and_refuses_another_body(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db
) -> None:
    url = f"/api/v1/athletes/{world.riley.id}/logs"
    body = {"local_date": "2026-11-23", "duration_s": 1800, "rpe": 4}
    key = {**headers["riley"], "Idempotency-Key": "log-2026-11-23-morning"}
    first = client.post(url, json=body, headers=key)
    again = client.post(url, json=body, headers=key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    count = db.scalar(
        select(func.count())
        .select_from(TrainingLog)
        .where(TrainingLog.athlete_id == world.riley.id)
    )
    assert count == 1
    other = client.post(url, json={**body, "duration_s": 2400}, headers=key)
    assert other.status_code in (409, 422)
    assert "Idempotency-Key" in other.json()["detail"]


def test_text_with_a_nul_character_is_a_422_not_a_database_error(
    client: TestClient, world: World
) -> None:
    # Found by the schema fuzzer on PostgreSQL, which cannot store NUL in text (a 500 before).
    answer = client.post(
        "/api/v1/auth/login", json={"email": "co\x00le@example.com", "password": PASSWORD}
    )
    assert answer.status_code == 422
    assert "NUL" in answer.text
    nested = client.post(
        "/api/v1/auth/login", json={"email": world.cole.email, "password": "pass\x00word"}
    )
    assert nested.status_code == 422
    form = client.post(
        "/api/v1/auth/web/login",
        data={"email": world.cole.email, "password": "pass\x00word"},
        follow_redirects=False,
    )
    assert form.status_code == 200
    assert "Enter a valid email and password." in form.text
