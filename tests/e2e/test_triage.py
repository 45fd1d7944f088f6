"""Triage in a real browser: a coach applies a recommendation, sees it applied, undoes it; the
Caseload shows every athlete; each athlete has a URL that survives a reload."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_main_flows import PHONE, TIMEOUT, sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

COLE = "cole.coach@northside.example.com"
GRETA = "greta.green@northside.example.com"
SAM = "sam.silent@northside.example.com"
BAD_MORNING = {"sleep_quality": 1, "energy": 1, "recovery": 1, "stress": 2, "pain_severity": 5}


def sign_in_at(page: Page, base_url: str, email: str) -> None:
    """Sign in on a page of another browser context (which has no base URL of its own)."""
    page.goto(base_url)
    page.get_by_role("link", name="Sign in").click()
    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _api(base: str, email: str) -> httpx.Client:
    """An API client signed in as ``email`` (the API is served beside the web app)."""
    token = httpx.post(
        f"{base}/api/v1/auth/login", json={"email": email, "password": PASSWORD}, timeout=30
    )
    assert token.status_code == 200, token.text
    bearer = {"Authorization": f"Bearer {token.json()['access_token']}"}
    return httpx.Client(base_url=f"{base}/api/v1", headers=bearer, timeout=30)


def _greta(base_url: str) -> dict[str, Any]:
    """Greta (Cole's athlete) checks in with a bad night and a sore calf, through the API."""
    with _api(base_url, COLE) as cole:
        listed = cole.get("/athletes", params={"page_size": 200})
        assert listed.status_code == 200, listed.text
        greta: dict[str, Any] = next(a for a in listed.json()["items"] if "Greta" in str(a))
    with _api(base_url, GRETA) as athlete:
        posted = athlete.post(
            f"/athletes/{greta['id']}/checkins", json={**BAD_MORNING, "pain_location": "calf"}
        )
        assert posted.status_code in (200, 201), posted.text
    return greta


def test_the_coach_applies_a_recommendation_sees_it_applied_and_undoes_it(
    page: Page, base_url: str, artifacts: Path
) -> None:
    _greta(base_url)
    sign_in(page, COLE)
    expect(page.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    row = page.get_by_test_id("stExpander").filter(has_text="Greta Green")
    expect(row).to_have_count(1, timeout=TIMEOUT)  # one row for the athlete, with her items
    summary = row.locator("summary")
    expect(summary).to_contain_text(re.compile(r"risk \d+ % now"), timeout=TIMEOUT)
    assert len(re.findall(r"\d+ %", summary.inner_text())) == 1  # one risk, today's
    if row.locator("details[open]").count() == 0:  # only the first athlete starts open
        summary.click()
    row.get_by_role("button", name="Apply").click()
    expect(row.get_by_text(re.compile(r"^Applied on "))).to_be_visible(timeout=TIMEOUT)
    expect(row.get_by_role("button", name="Apply")).to_have_count(0)
    page.screenshot(path=str(artifacts / "coach-command-center-applied.png"), full_page=True)
    row.get_by_role("button", name="Undo").click()
    expect(row.get_by_role("button", name="Apply")).to_be_visible(timeout=TIMEOUT)
    expect(row.get_by_text(re.compile(r"^Applied on "))).to_have_count(0)


def test_each_athlete_has_a_url_that_survives_a_reload(
    page: Page, base_url: str, artifacts: Path
) -> None:
    with _api(base_url, COLE) as cole:
        listed = cole.get("/athletes", params={"page_size": 200}).json()["items"]
    sam = next(a for a in listed if "Sam" in str(a))
    sign_in(page, COLE)
    expect(page.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{base_url}/athlete?athlete={sam['id']}")
    picker = page.get_by_role("combobox", name="Athlete")
    expect(picker).to_have_value(re.compile("Sam Silent"), timeout=TIMEOUT)
    page.reload()
    expect(picker).to_have_value(re.compile("Sam Silent"), timeout=TIMEOUT)
    assert f"athlete={sam['id']}" in page.url
    page.get_by_role("link", name="Caseload").click()
    expect(page.get_by_role("heading", name="Caseload")).to_be_visible(timeout=TIMEOUT)
    table = page.get_by_test_id("stDataFrame")
    expect(table).to_have_count(1, timeout=TIMEOUT)  # the Athlete page's tables have gone
    expect(table).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=str(artifacts / "coach-caseload.png"), full_page=True)
    box = table.bounding_box()
    assert box is not None
    assert box["height"] >= 3 * 35  # Cole's athletes and the header, none hidden behind a scroll


def test_the_athlete_accepts_a_suggestion_and_the_coach_sees_the_answer(
    page: Page, base_url: str, artifacts: Path
) -> None:
    with _api(base_url, COLE) as cole:
        listed = cole.get("/athletes", params={"page_size": 200}).json()["items"]
        sam = next(a for a in listed if "Sam" in str(a))
        mode = cole.put(f"/athletes/{sam['id']}/automation", json={"mode": "assisted"})
        assert mode.status_code == 200, mode.text
    with _api(base_url, SAM) as athlete:
        tired = {"sleep_quality": 2, "energy": 2, "recovery": 1, "stress": 2}
        posted = athlete.post(f"/athletes/{sam['id']}/checkins", json=tired)
        assert posted.status_code in (200, 201), posted.text
    page.set_viewport_size(PHONE)
    sign_in(page, SAM)
    expect(page.get_by_text("A suggestion for today")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Accept the change").click()
    expect(page.get_by_text(re.compile("You accepted the change"))).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=str(artifacts / "athlete-suggestion-accepted-phone.png"), full_page=True)
    browser = page.context.browser
    assert browser is not None
    coach = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    coach.set_default_timeout(TIMEOUT)
    sign_in_at(coach, base_url, COLE)
    expect(coach.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    row = coach.get_by_test_id("stExpander").filter(has_text="Sam Silent")
    expect(row).to_have_count(1, timeout=TIMEOUT)
    if row.locator("details[open]").count() == 0:  # only the first athlete starts open
        row.locator("summary").click()
    expect(row.get_by_text(re.compile(r"^The athlete accepted the change on "))).to_be_visible(
        timeout=TIMEOUT
    )
    coach.screenshot(path=str(artifacts / "coach-sees-the-athletes-answer.png"), full_page=True)
    coach.context.close()
