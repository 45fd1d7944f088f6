"""GET /athletes/{id}/export: the athlete's whole data as a ZIP download."""

from __future__ import annotations

import io
import zipfile

from fastapi.testclient import TestClient

from tests.factories import World


def test_the_athlete_downloads_their_data_and_no_one_else_can(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    url = f"/api/v1/athletes/{world.greta.id}/export"
    mine = client.get(url, headers=headers["greta"])
    assert mine.status_code == 200
    assert mine.headers["content-type"] == "application/zip"
    assert "attachment" in mine.headers["content-disposition"]
    assert "json/check_ins.json" in zipfile.ZipFile(io.BytesIO(mine.content)).namelist()
    assert client.get(url, headers=headers["ada"]).status_code == 200
    assert client.get(url, headers=headers["cole"]).status_code == 403
    assert client.get(url, headers=headers["riley"]).status_code == 404
    assert client.get(url, headers=headers["otto"]).status_code == 404


def test_an_admin_erases_an_athlete_who_then_cannot_sign_in(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    url = f"/api/v1/athletes/{world.greta.id}/erase"
    checkin = {"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 2}
    posted = client.post(
        f"/api/v1/athletes/{world.greta.id}/checkins", json=checkin, headers=headers["greta"]
    )
    assert posted.status_code == 201, posted.text
    assert client.post(url, headers=headers["cole"]).status_code == 403
    assert client.post(url, headers=headers["otto"]).status_code == 404
    erased = client.post(url, headers=headers["ada"])
    assert erased.status_code == 200, erased.text
    assert erased.json()["erased_rows"]["check_ins"] == 1
    gone = client.get(f"/api/v1/athletes/{world.greta.id}", headers=headers["ada"])
    assert gone.status_code == 404
    assert client.get("/api/v1/me", headers=headers["greta"]).status_code == 401


def test_an_admin_erases_the_organization_after_typing_its_slug(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    url = f"/api/v1/organizations/{world.north.id}/erase"
    wrong = client.post(url, json={"confirmation": "south"}, headers=headers["ada"])
    assert wrong.status_code == 422, wrong.text
    assert "northside" in wrong.text
    confirmed = {"confirmation": "northside"}
    assert client.post(url, json=confirmed, headers=headers["cole"]).status_code == 404
    assert client.post(url, json=confirmed, headers=headers["otto"]).status_code == 404
    erased = client.post(url, json=confirmed, headers=headers["ada"])
    assert erased.status_code == 200, erased.text
    assert erased.json()["erased_rows"]["users"] >= 5
    assert client.get("/api/v1/me", headers=headers["ada"]).status_code == 401
    assert client.get("/api/v1/me", headers=headers["otto"]).status_code == 200
