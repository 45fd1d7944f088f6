"""Training groups over HTTP: a paged list with its total, an idempotent create, rename, delete
and the members put whole; bad input names its field, other organizations' ids are 404."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]
GROUPS = "/api/v1/groups"


def _make(client: TestClient, headers: Headers, who: str, body: dict[str, object]) -> int:
    made = client.post(GROUPS, json=body, headers=headers[who])
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def test_a_coach_makes_fills_renames_and_deletes_a_group(
    client: TestClient, headers: Headers, world: World
) -> None:
    cole = headers["cole"]
    made = client.post(
        GROUPS, json={"name": " Marathon squad ", "athlete_ids": [world.greta.id]}, headers=cole
    )
    assert made.status_code == 201, made.text
    group = made.json()
    assert (group["name"], group["members"], group["may_manage"]) == ("Marathon squad", 1, True)
    path = f"{GROUPS}/{group['id']}"
    members = client.put(
        f"{path}/members", json={"athlete_ids": [world.sam.id, world.greta.id]}, headers=cole
    )
    assert members.status_code == 200, members.text
    assert members.json()["athlete_ids"] == [world.greta.id, world.sam.id]
    renamed = client.patch(path, json={"name": "Spring marathon"}, headers=cole)
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["name"] == "Spring marathon"
    assert client.delete(path, headers=cole).status_code == 204
    assert client.get(GROUPS, headers=cole).json()["total"] == 0
    assert client.delete(path, headers=cole).status_code == 404


def test_the_list_is_paged_with_its_total_and_counts_the_readers_athletes(
    client: TestClient, headers: Headers, world: World
) -> None:
    everyone = [world.greta.id, world.riley.id, world.sam.id]
    _make(client, headers, "ada", {"name": "Marathon squad", "athlete_ids": everyone})
    _make(client, headers, "ada", {"name": "Juniors"})
    _make(client, headers, "ada", {"name": "Seniors"})
    page = client.get(GROUPS, params={"page": 1, "page_size": 2}, headers=headers["ada"])
    assert page.status_code == 200, page.text
    body = page.json()
    assert (body["total"], body["page"], body["page_size"]) == (3, 1, 2)
    assert [g["name"] for g in body["items"]] == ["Juniors", "Marathon squad"]
    assert body["items"][1]["members"] == 3
    squad = client.get(GROUPS, params={"page": 2, "page_size": 2}, headers=headers["cole"])
    assert [g["name"] for g in squad.json()["items"]] == ["Seniors"]
    cole_sees = client.get(GROUPS, headers=headers["cole"]).json()["items"]
    assert [g["members"] for g in cole_sees] == [0, 2, 0]  # Greta and Sam, not Riley
    assert not any(g["may_manage"] for g in cole_sees)
    assert client.get(GROUPS, headers=headers["otto"]).json()["total"] == 0
    assert client.get(GROUPS, params={"page_size": 500}, headers=headers["ada"]).status_code == 422


def test_bad_input_names_its_field(client: TestClient, headers: Headers, world: World) -> None:
    cole = headers["cole"]
    for body, field in (
        ({"name": ""}, "name"),
        ({"name": "x" * 81}, "name"),
        ({}, "name"),
        ({"name": "A", "athlete_ids": [0]}, "athlete_ids"),
        ({"name": "A", "athlete_ids": "all"}, "athlete_ids"),
        ({"name": "A", "owner": 1}, "owner"),
    ):
        refused = client.post(GROUPS, json=body, headers=cole)
        assert refused.status_code == 422, (body, refused.text)
        assert field in refused.text
    group = _make(client, headers, "cole", {"name": "Juniors"})
    taken = client.post(GROUPS, json={"name": "juniors"}, headers=cole)
    assert taken.status_code == 409
    assert "name" in taken.json()["detail"]
    empty = client.put(f"{GROUPS}/{group}/members", json={}, headers=cole)
    assert empty.status_code == 422
    assert "athlete_ids" in empty.text
    assert client.patch(f"{GROUPS}/0", json={"name": "A"}, headers=cole).status_code == 422


def test_foreign_ids_are_404_and_athletes_are_refused(
    client: TestClient, headers: Headers, world: World
) -> None:
    group = _make(client, headers, "ada", {"name": "Juniors", "athlete_ids": [world.greta.id]})
    path = f"{GROUPS}/{group}"
    otto = headers["otto"]
    assert client.patch(path, json={"name": "Mine"}, headers=otto).status_code == 404
    assert client.delete(path, headers=otto).status_code == 404
    assert client.put(f"{path}/members", json={"athlete_ids": []}, headers=otto).status_code == 404
    foreign = client.put(
        f"{path}/members", json={"athlete_ids": [world.oona.id]}, headers=headers["ada"]
    )
    assert foreign.status_code == 404
    assert "athlete_ids" in foreign.json()["detail"]
    not_coached = client.post(
        GROUPS, json={"name": "Mine", "athlete_ids": [world.riley.id]}, headers=headers["cole"]
    )
    assert not_coached.status_code == 404
    assert client.patch(path, json={"name": "Mine"}, headers=headers["cole"]).status_code == 403
    assert client.get(GROUPS, headers=headers["greta"]).status_code == 403
    assert client.post(GROUPS, json={"name": "Mine"}, headers=headers["greta"]).status_code == 403
    assert client.delete(path, headers=headers["greta"]).status_code == 404


def test_analytics_narrow_to_a_group_and_refuse_a_foreign_one(
    client: TestClient, headers: Headers, world: World
) -> None:
    group = _make(client, headers, "ada", {"name": "Juniors", "athlete_ids": [world.riley.id]})
    path = "/api/v1/analytics/distributions"
    read = client.get(path, params={"group": group}, headers=headers["ada"])
    assert read.status_code == 200, read.text
    both = client.get(
        path, params={"group": group, "coach_id": world.asha.id}, headers=headers["ada"]
    )
    assert both.status_code == 200, both.text
    assert client.get(path, params={"group": group}, headers=headers["otto"]).status_code == 404
    refused = client.get(path, params={"group": 0}, headers=headers["ada"])
    assert refused.status_code == 422
    assert "group" in refused.text
