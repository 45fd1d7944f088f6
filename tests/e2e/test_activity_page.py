"""In a real browser: an athlete uploads a device file and sees its charts and splits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import shared_dir
from tests.e2e.test_main_flows import TIMEOUT, sign_in

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
