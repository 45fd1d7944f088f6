"""The workout library in a real browser: a coach writes a workout with a repeat, sees it
resolved for one of their athletes (their paces and heart rates, the totals), and saves it."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from runseason.domain.units import format_duration
from tests.e2e.test_main_flows import ASHA, TIMEOUT, sign_in
from tests.e2e.test_plan_day_flows import _athlete
from tests.e2e.test_triage import _api

pytestmark = pytest.mark.e2e


def _pace(zone: dict[str, float]) -> str:
    return f"{format_duration(zone['high'])}–{format_duration(zone['low'])} /km"


def test_a_coach_builds_a_workout_with_a_repeat_and_sees_it_for_an_athlete(
    page: Page, base_url: str, artifacts: Path
) -> None:
    with _api(base_url, ASHA) as asha:
        ramp = _athlete(asha, "Ramp Rapid")
        changed = asha.patch(f"/athletes/{ramp['id']}", json={"vdot": 48, "lthr": 168})
        assert changed.status_code == 200, changed.text
        zones = asha.get(f"/athletes/{ramp['id']}/zones").json()
    interval = next(z for z in zones["pace"] if z["name"] == "I")
    sign_in(page, ASHA)
    expect(page.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{base_url}/library")
    expect(page.get_by_role("heading", name="Session library")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("tab", name="Write a workout").click()
    page.get_by_role("spinbutton", name="Row 1: repeats").fill("5")
    page.get_by_role("spinbutton", name="Row 1: repeats").press("Enter")
    work = page.get_by_role("textbox", name="Work (time or distance)")
    work.fill("1 km")
    work.press("Enter")
    recovery = page.get_by_role("textbox", name="Recovery (empty for none)")
    recovery.fill("2 min")
    recovery.press("Enter")
    # The preview follows each change (for the first athlete of the list until one is chosen).
    table = page.get_by_test_id("stDataFrame").filter(has_text="5 × Interval pace")
    expect(table).to_be_visible(timeout=TIMEOUT)
    expect(table).to_contain_text("2:00", timeout=TIMEOUT)
    picker = page.get_by_role("combobox", name="Resolve for")
    picker.click()
    picker.press("ArrowDown")  # the list opens from the keyboard even when a click lands mid-rerun
    page.get_by_role("option", name="Ramp Rapid").first.click()
    expect(page.get_by_role("combobox", name="Resolve for")).to_have_value(
        "Ramp Rapid", timeout=TIMEOUT
    )
    expect(table).to_contain_text(_pace(interval), timeout=TIMEOUT)
    expect(table).to_contain_text("bpm")
    expect(table).to_contain_text("5 × Easy jog")
    total = page.get_by_test_id("stMetric").filter(has_text="Total distance")
    expect(total).to_contain_text(re.compile(r"\d+\.\d\d km"), timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetric").filter(has_text="Total time")).to_contain_text(
        re.compile(r"\d:\d\d:\d\d|\d+:\d\d")
    )
    page.screenshot(path=str(artifacts / "coach-library-workout.png"), full_page=True)
    name = f"5 × 1 km {datetime.now():%H%M%S}"
    page.get_by_role("textbox", name="Workout name").fill(name)
    page.get_by_role("button", name="Save the workout").click()
    expect(page.get_by_text(f"{name} saved to your library.")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("tab", name="Browse the library").click()
    search = page.get_by_role("textbox", name="Search")
    search.fill(name)
    search.press("Enter")
    expect(page.get_by_text(name).first).to_be_visible(timeout=TIMEOUT)
