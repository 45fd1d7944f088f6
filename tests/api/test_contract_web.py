"""The API and the web app give the same answers for the same service calls."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.ui import runtime
from tests.factories import World
from tests.ui.conftest import APP, page_path


def _page(user_id: int, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[runtime.TEST_USER_KEY] = user_id
    at.run()
    if page:
        at.switch_page(page_path(page))
        at.run()
    assert not at.exception
    return at


def test_todays_briefing_is_the_same_in_both(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    api = client.get(f"/api/v1/athletes/{world.riley.id}/briefing", headers=headers["riley"]).json()
    at = _page(world.riley.user_id)
    assert f"Your session: {runtime.plain(api['title'])}" in [s.value for s in at.subheader]
    assert runtime.plain(api["reason"]) in [m.value for m in at.markdown]  # shown as written


def test_the_caseload_lists_the_same_athletes_in_the_same_order(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    api = client.get("/api/v1/caseload", headers=headers["ada"]).json()
    at = _page(world.ada.id, "caseload")
    frame = at.dataframe[0].value
    # The page shows no ids: the same names in the same order, and the same risk for each.
    assert list(frame["athlete"]) == [row["name"] for row in api["items"]]
    risks = [f"{round(row['risk'] * 100)} %" for row in api["items"]]
    assert all(shown.endswith(risk) for shown, risk in zip(frame["risk"], risks, strict=True))
