"""Every list of the case history answers a page with its total, filters by date and names a bad
parameter: notes, goals, tasks, interventions and health cases."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]

# (who reads, the list's path, how to add one dated item on a given day)
LISTS: dict[
    str, Callable[[World], tuple[str, str, Callable[[str], tuple[str, dict[str, object]]]]]
] = {
    "notes": lambda w: (
        "cole",
        f"/api/v1/athletes/{w.greta.id}/notes",
        lambda day: (f"/api/v1/athletes/{w.greta.id}/notes", {"body": f"seen {day}"}),
    ),
    "goals": lambda w: (
        "cole",
        f"/api/v1/athletes/{w.greta.id}/goals",
        lambda day: (
            f"/api/v1/athletes/{w.greta.id}/goals",
            {"name": f"Race {day}", "distance_m": 10000, "race_date": day},
        ),
    ),
    "tasks": lambda w: (
        "cole",
        "/api/v1/tasks",
        lambda day: (f"/api/v1/athletes/{w.greta.id}/tasks", {"title": "Call", "due_date": day}),
    ),
    "health cases": lambda w: (
        "cole",
        f"/api/v1/athletes/{w.greta.id}/health-cases",
        lambda day: (
            f"/api/v1/athletes/{w.greta.id}/health-cases",
            {"kind": "illness", "started_on": day},
        ),
    ),
}
PAIN = {"sleep_quality": 2, "energy": 2, "recovery": 2, "stress": 2, "pain_severity": 6}
DAYS = ["2026-12-10", "2026-12-11", "2026-12-12"]


@pytest.mark.parametrize("kind", sorted(LISTS))
def test_a_list_answers_pages_with_a_total_and_keeps_to_its_dates(
    client: TestClient, headers: Headers, world: World, kind: str
) -> None:
    who, path, add = LISTS[kind](world)
    for day in DAYS:
        url, body = add(day)
        made = client.post(url, json=body, headers=headers[who])
        assert made.status_code == 201, made.text
    if kind == "notes":  # a note is dated by when it is written: every one is today's
        window = {"from": "2026-11-24", "to": "2026-11-24"}
        expected = 3
    else:
        window = {"from": DAYS[1], "to": DAYS[2]}
        expected = 2
    first = client.get(path, params={"page_size": 2}, headers=headers[who]).json()
    assert (first["total"], first["page"], len(first["items"])) == (3, 1, 2)
    rest = client.get(path, params={"page_size": 2, "page": 2}, headers=headers[who]).json()
    assert len(rest["items"]) == 1
    ids = {item["id"] for item in first["items"] + rest["items"]}
    assert len(ids) == 3
    within = client.get(path, params=window, headers=headers[who]).json()
    assert within["total"] == expected
    assert len(within["items"]) == expected


@pytest.mark.parametrize("kind", [*sorted(LISTS), "interventions"])
@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"page_size": 0}, "page_size"),
        ({"page_size": 201}, "page_size"),
        ({"page": 0}, "page"),
        ({"from": "soon"}, "from"),
        ({"to": "0001-01-01"}, "to"),
        ({"from": "2026-12-12", "to": "2026-12-01"}, "from"),
    ],
)
def test_a_bad_list_parameter_is_refused_by_name(
    client: TestClient,
    headers: Headers,
    world: World,
    kind: str,
    params: dict[str, object],
    named: str,
) -> None:
    path = (
        f"/api/v1/athletes/{world.riley.id}/interventions"
        if kind == "interventions"
        else LISTS[kind](world)[1]
    )
    refused = client.get(path, params=params, headers=headers["ada"])
    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"].startswith(named)


def test_interventions_come_a_page_at_a_time_within_their_dates(
    client: TestClient, headers: Headers, world: World
) -> None:
    posted = client.post(
        f"/api/v1/athletes/{world.riley.id}/checkins",
        json={**PAIN, "pain_location": "left knee"},
        headers=headers["riley"],
    )
    assert posted.status_code == 201, posted.text
    path = f"/api/v1/athletes/{world.riley.id}/interventions"
    listed = client.get(path, params={"page_size": 1}, headers=headers["asha"]).json()
    assert listed["total"] >= 1
    assert len(listed["items"]) == 1
    opened_today = {"from": "2026-11-24", "to": "2026-11-24"}
    today = client.get(path, params=opened_today, headers=headers["asha"]).json()
    assert today["total"] == listed["total"]
    before = client.get(path, params={"to": "2026-11-23"}, headers=headers["asha"]).json()
    assert (before["total"], before["items"]) == (0, [])
