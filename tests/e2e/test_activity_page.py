"""In a real browser: an athlete uploads a device file and sees its charts and splits; the coach
opens the athlete's sessions from the Athlete page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import shared_dir
from tests.e2e.test_main_flows import TIMEOUT, sign_in
from tests.e2e.test_triage import COLE, _api

pytestmark = pytest.mark.e2e

SAM = "sam.silent@northside.example.com"
FIT = shared_dir() / "fixtures" / "activities" / "activity-small-fenix2-run.fit"


def test_an_athlete_uploads_a_run_and_sees_its_charts_and_splits(
    page: Page, artifacts: Path
) -> None:
    sign_in(page, SAM)
    expect(page.get_by_role("heading", name="Today")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("link", name="Log a session").click()
    expect(page.get_by_role("heading", name="Log a session")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("tab", name="From a device file").click()
    page.locator("input[type=file]").set_input_files(str(FIT))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text(re.compile(r"Imported 2015-08-15"))).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("link", name="See its charts and splits").click()
    expect(page.get_by_role("heading", name="Activity")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Splits per kilometre")).to_be_visible(timeout=TIMEOUT)
    metrics = page.get_by_test_id("stMetric")
    expect(metrics.filter(has_text="Distance")).to_contain_text("9.01 km", timeout=TIMEOUT)
    expect(metrics.filter(has_text="Grade-adjusted pace")).to_contain_text(
        re.compile(r"\d:\d\d/km"), timeout=TIMEOUT
    )
    # The linked traces and the route are drawn as charts (Sam has no zones set yet).
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts.nth(1)).to_be_visible(timeout=TIMEOUT)
    expect(charts.first).to_contain_text("Heart rate (bpm)", timeout=TIMEOUT)
    expect(page.get_by_text("Pace zones need a VDOT for the athlete.")).to_be_visible()
    expect(charts.first.locator("canvas, svg").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Route", exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("radiogroup", name="Along").get_by_text("Distance").click()
    expect(charts.first).to_contain_text("Distance (km)", timeout=TIMEOUT)
    page.screenshot(path=str(artifacts / "athlete-activity.png"), full_page=True)


def test_the_coach_opens_an_athletes_sessions_from_the_athlete_page(
    page: Page, base_url: str, artifacts: Path
) -> None:
    with _api(base_url, COLE) as cole:
        listed = cole.get("/athletes", params={"page_size": 200}).json()["items"]
        sam = next(a for a in listed if "Sam" in str(a))
        files = {"file": ("run.fit", FIT.read_bytes(), "application/octet-stream")}
        sent = cole.post(f"/athletes/{sam['id']}/logs/upload", files=files)
        assert sent.status_code in (201, 409), sent.text  # 409: Sam uploaded it above
    sign_in(page, COLE)
    expect(page.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{base_url}/athlete?athlete={sam['id']}")
    page.get_by_role("tab", name="Sessions").click()
    page.get_by_role("link", name="Open the sessions on the Activity page").click()
    expect(page.get_by_role("heading", name="Activity")).to_be_visible(timeout=TIMEOUT)
    picker = page.get_by_role("combobox", name="Athlete")
    expect(picker).to_have_value(re.compile("Sam Silent"), timeout=TIMEOUT)
    expect(page.get_by_text("Splits per kilometre")).to_be_visible(timeout=TIMEOUT)
    assert f"athlete={sam['id']}" in page.url
    page.screenshot(path=str(artifacts / "coach-activity.png"), full_page=True)
