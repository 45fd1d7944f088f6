"""Email preferences over HTTP, the unsubscribe link without sign-in, the admin's delivery log."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from runseason.services.notifications import sends, unsubscribe
from runseason.services.notifications.messages import Recipient
from tests.factories import World


def test_a_person_reads_and_changes_their_preferences(
    client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    mine = client.get("/api/v1/me/notifications", headers=headers["greta"])
    assert mine.status_code == 200
    assert mine.json()["kinds"] == ["reminder"]
    changed = client.patch(
        "/api/v1/me/notifications",
        json={"reminder_at": "06:15", "quiet_days": [5, 6]},
        headers=headers["greta"],
    )
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["reminder_at"], body["quiet_days"], body["reminder_enabled"]) == (
        "06:15:00",
        [5, 6],
        True,
    )


def test_bad_preferences_are_refused_naming_the_field(
    client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    for body, field in [
        ({"quiet_days": [7]}, "quiet_days"),
        ({"reminder_at": "25:00"}, "reminder_at"),
        ({"reminder_at": "07:00:30"}, "reminder_at"),
        ({"digest": False}, "digest"),
    ]:
        response = client.patch("/api/v1/me/notifications", json=body, headers=headers["cole"])
        assert response.status_code == 422, body
        assert field in response.json()["detail"] or field in str(response.json()), body
    unchanged = client.get("/api/v1/me/notifications", headers=headers["cole"]).json()
    assert (unchanged["quiet_days"], unchanged["reminder_at"]) == ([], "07:00:00")


def test_the_unsubscribe_link_needs_no_sign_in_and_answers_in_html(
    client: TestClient, world: World
) -> None:
    token = unsubscribe.unsubscribe_token(world.cole.id, "digest")
    posted = client.post("/api/v1/unsubscribe", params={"token": token})  # RFC 8058 one-click
    assert posted.status_code == 200
    assert posted.headers["content-type"].startswith("text/html")
    assert "no longer receive the morning digest" in posted.text
    broken = client.get("/api/v1/unsubscribe", params={"token": token[:-4]})
    assert broken.status_code == 404
    assert broken.headers["content-type"].startswith("text/html")
    assert "not valid" in broken.text
    assert client.get("/api/v1/unsubscribe").status_code == 422  # no token at all


def test_the_admin_sees_failed_deliveries_and_a_coach_may_not(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    moment = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
    to = Recipient(world.cole.id, world.north.id, "Cole", world.cole.email, date(2026, 11, 25))
    send_id = sends.claim(db, to, "digest", now=moment)
    assert send_id is not None
    sends.finish(db, send_id, now=moment, attempts=4, error="the server closed the connection")
    log = client.get("/api/v1/admin/deliveries?status=failed", headers=headers["ada"])
    assert log.status_code == 200
    [failed] = log.json()["items"]
    assert (failed["person"], failed["attempts"], failed["last_error"]) == (
        "Cole Coach",
        4,
        "the server closed the connection",
    )
    assert client.get("/api/v1/admin/deliveries", headers=headers["cole"]).status_code == 403
    assert client.get("/api/v1/admin/deliveries", headers=headers["otto"]).status_code == 403
