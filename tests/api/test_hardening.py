"""What a tester from outside tried: forged sites, read-only keys, oversized and odd requests."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import CaseNote, Intervention
from tests.api.conftest import Clock, login
from tests.factories import PASSWORD, World


def _cookie_session(client: TestClient, email: str) -> None:
    signed = client.post(
        "/api/v1/auth/web/login",
        data={"email": email, "password": PASSWORD},
        follow_redirects=False,
    )
    assert signed.status_code == 303


def test_a_read_only_key_cannot_revoke_keys_or_change_the_password(
    client: TestClient, world: World
) -> None:
    auth = login(client, world.cole.email)
    writer = client.post(
        "/api/v1/api-keys", headers=auth, json={"name": "w", "scope": "read_write"}
    )
    reader = client.post("/api/v1/api-keys", headers=auth, json={"name": "r", "scope": "read"})
    read_only = {"X-API-Key": reader.json()["key"]}
    revoke = client.delete(f"/api/v1/api-keys/{writer.json()['id']}", headers=read_only)
    assert revoke.status_code == 403
    change = client.post(
        "/api/v1/auth/password",
        headers=read_only,
        json={"current_password": PASSWORD, "new_password": "a whole new passphrase"},
    )
    assert change.status_code == 403
    assert client.get("/api/v1/me", headers={"X-API-Key": writer.json()["key"]}).status_code == 200


def test_a_password_change_ends_every_api_key(client: TestClient, world: World) -> None:
    auth = login(client, world.cole.email)
    created = client.post("/api/v1/api-keys", headers=auth, json={"name": "s", "scope": "read"})
    key = {"X-API-Key": created.json()["key"]}
    assert client.get("/api/v1/me", headers=key).status_code == 200
    changed = client.post(
        "/api/v1/auth/password",
        headers=auth,
        json={"current_password": PASSWORD, "new_password": "a whole new passphrase"},
    )
    assert changed.status_code == 204
    assert client.get("/api/v1/me", headers=key).status_code == 401


def test_a_token_issued_in_the_same_second_before_a_password_change_dies(
    client: TestClient, world: World, clock: Clock
) -> None:
    clock.moment = clock.moment.replace(microsecond=100_000)
    old = login(client, world.cole.email)
    other = login(client, world.cole.email)
    clock.moment += timedelta(milliseconds=500)  # still the same second
    changed = client.post(
        "/api/v1/auth/password",
        headers=other,
        json={"current_password": PASSWORD, "new_password": "a whole new passphrase"},
    )
    assert changed.status_code == 204
    assert client.get("/api/v1/me", headers=old).status_code == 401


def test_another_site_cannot_write_through_the_cookie_session(
    client: TestClient, world: World, db: Session
) -> None:
    _cookie_session(client, world.user_of(world.riley, db).email)
    body = {"local_date": "2026-11-23", "duration_s": 1800, "rpe": 4}
    url = f"/api/v1/athletes/{world.riley.id}/logs"
    forged = client.post(url, json=body, headers={"Sec-Fetch-Site": "same-site"})
    assert forged.status_code == 403
    assert "another site" in forged.json()["detail"]
    old_browser = client.post(url, json=body, headers={"Origin": "http://localhost:9999"})
    assert old_browser.status_code == 403
    own = client.post(url, json=body, headers={"Sec-Fetch-Site": "same-origin"})
    assert own.status_code == 201
    # Reading stays possible from anywhere the cookie goes (the answer is not readable there).
    assert client.get("/api/v1/me", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 200


def test_sign_out_is_a_post_from_this_site(client: TestClient, world: World) -> None:
    _cookie_session(client, world.cole.email)
    assert client.get("/api/v1/auth/web/logout").status_code == 200
    assert client.get("/api/v1/me").status_code == 200  # a GET only asks
    forged = client.post(
        "/api/v1/auth/web/logout", headers={"Sec-Fetch-Site": "cross-site"}, follow_redirects=False
    )
    assert forged.status_code == 403
    assert client.get("/api/v1/me").status_code == 200
    out = client.post(
        "/api/v1/auth/web/logout", headers={"Sec-Fetch-Site": "same-origin"}, follow_redirects=False
    )
    assert out.status_code == 303
    assert client.get("/api/v1/me").status_code == 401


def test_a_sign_in_form_posted_from_another_site_is_refused(
    client: TestClient, world: World
) -> None:
    forged = client.post(
        "/api/v1/auth/web/login",
        data={"email": world.cole.email, "password": PASSWORD},
        headers={"Origin": "http://evil.example"},
        follow_redirects=False,
    )
    assert forged.status_code == 403
    assert "rs_session" not in forged.headers.get("set-cookie", "")


def test_an_oversized_json_body_is_refused_before_parsing(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    big = b'{"notes": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    answer = client.post(
        f"/api/v1/athletes/{world.riley.id}/logs",
        content=big,
        headers={**headers["riley"], "Content-Type": "application/json"},
    )
    assert answer.status_code == 413
    assert answer.json()["error"] == "body_too_large"


def test_a_streamed_body_without_a_length_is_cut_at_the_limit(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    def chunks():
        for _ in range(40):
            yield b"x" * 64 * 1024

    answer = client.post(
        f"/api/v1/athletes/{world.riley.id}/logs",
        content=chunks(),
        headers={**headers["riley"], "Content-Type": "application/json"},
    )
    assert answer.status_code == 413


def test_a_nul_in_a_query_parameter_is_a_422_naming_it(
    client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    answer = client.get("/api/v1/caseload?search=ri%00ley", headers=headers["cole"])
    assert answer.status_code == 422
    assert "search" in answer.json()["detail"]


def test_true_is_refused_where_a_number_is_expected_naming_the_field(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    logs = f"/api/v1/athletes/{world.greta.id}/logs"
    sent = {"local_date": "2026-11-23", "duration_s": True, "rpe": 5}
    refused = client.post(logs, json=sent, headers=headers["greta"])
    assert refused.status_code == 422
    assert "duration_s must be a number" in refused.json()["detail"]
    checkin = {"sleep_quality": True, "energy": 3, "recovery": 3, "stress": 3}
    answer = client.post(
        f"/api/v1/athletes/{world.greta.id}/checkins", json=checkin, headers=headers["greta"]
    )
    assert answer.status_code == 422
    assert "sleep_quality" in answer.json()["detail"]
    listed = client.get(logs, headers=headers["greta"]).json()
    assert listed["total"] == 0


def test_an_id_beyond_64_bits_is_a_422_naming_it_not_a_crash(
    client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    huge = 2**63
    for path, name in (
        (f"/api/v1/athletes/{huge}", "athlete_id"),
        (f"/api/v1/plans/{huge}", "plan_id"),
        (f"/api/v1/interventions/{huge}", "intervention_id"),
    ):
        answer = client.get(path, headers=headers["cole"])
        assert answer.status_code == 422, path
        assert name in answer.json()["detail"]
    assert client.get(f"/api/v1/athletes/{2**63 - 1}", headers=headers["cole"]).status_code == 404


def test_a_note_cannot_link_another_organizations_intervention(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    theirs = Intervention(
        organization_id=world.south.id,
        athlete_id=world.oona.id,
        cause="pain",
        title="Pain flag",
        risk=0.7,
    )
    db.add(theirs)
    db.flush()
    url = f"/api/v1/athletes/{world.greta.id}/notes"
    answer = client.post(
        url, headers=headers["cole"], json={"body": "linked", "intervention_id": theirs.id}
    )
    assert answer.status_code == 422
    assert "intervention_id" in answer.json()["detail"]
    notes = db.scalar(select(func.count()).select_from(CaseNote).where(CaseNote.body == "linked"))
    assert notes == 0


def test_admins_unlock_reset_deactivate_and_reactivate_through_the_api(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    for attempt in range(5):
        client.post(
            "/api/v1/auth/login", json={"email": world.cole.email, "password": f"wrong {attempt}"}
        )
    locked = client.post(
        "/api/v1/auth/login", json={"email": world.cole.email, "password": PASSWORD}
    )
    assert locked.status_code == 423
    base = f"/api/v1/users/{world.cole.id}"
    unlocked = client.post(f"{base}/unlock", headers=headers["ada"])
    assert unlocked.status_code == 200
    assert unlocked.json()["locked_until"] is None
    assert login(client, world.cole.email)
    assert client.post(f"{base}/unlock", headers=headers["cole"]).status_code == 403
    temporary = client.post(f"{base}/temporary-password", headers=headers["ada"])
    assert temporary.status_code == 200
    assert len(temporary.json()["temporary_password"]) >= 12
    assert client.post(f"{base}/deactivate", headers=headers["ada"]).json()["is_active"] is False
    assert client.post(f"{base}/reactivate", headers=headers["ada"]).json()["is_active"] is True


def test_session_dates_are_bounded_and_a_start_time_falls_on_its_day(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    url = f"/api/v1/athletes/{world.riley.id}/logs"
    base = {"duration_s": 1800, "rpe": 4}
    cases = [
        ({**base, "local_date": "0001-01-01"}, "local_date"),
        (
            {**base, "local_date": "2026-11-20", "start_time": "0001-01-01T07:00:00+00:00"},
            "start_time",
        ),
        (
            {**base, "local_date": "2026-11-20", "start_time": "9999-12-31T23:00:00+00:00"},
            "start_time",
        ),
        ({**base, "local_date": "1990-05-01"}, "local_date"),
        (
            {**base, "local_date": "2026-11-20", "start_time": "2026-11-18T07:00:00+00:00"},
            "start_time",
        ),
        ({**base, "local_date": "2026-11-20", "start_time": "2026-11-20T07:00:00"}, "start_time"),
    ]
    for body, field in cases:
        answer = client.post(url, json=body, headers=headers["riley"])
        assert answer.status_code == 422, (body, answer.text)
        assert field in answer.json()["detail"], answer.text
    ok = {**base, "local_date": "2026-11-20", "start_time": "2026-11-20T07:00:00+00:00"}
    assert client.post(url, json=ok, headers=headers["riley"]).status_code == 201
