"""The coach's calendar in a real browser at 1280×900: edit a session and see it saved, replace
an active plan only after confirming (the old one stays listed)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.test_main_flows import ASHA, TIMEOUT, key_class, settled, sign_in
from tests.e2e.test_triage import _api

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}


def open_plan_builder(page: Page, athlete: str) -> None:
    page.set_viewport_size(DESKTOP)
    sign_in(page, ASHA)
    expect(page.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("link", name="Plan builder").click()
    expect(page.get_by_role("heading", name="Plan builder")).to_be_visible(timeout=TIMEOUT)
    choose(page, "Athlete", athlete)
    expect(page.get_by_role("combobox", name="Athlete")).to_have_value(athlete, timeout=TIMEOUT)


def choose(page: Page, label: str, option: str | re.Pattern[str]) -> None:
    """Pick an option of a Streamlit select box as a person does: open the list, wait for the
    option, click it. A click that lands while the page is still re-running does not open the
    list, so the box is clicked again (up to three times) until the option shows."""
    box = page.get_by_role("combobox", name=label)
    wanted = page.get_by_role("option", name=option).first
    for _attempt in range(3):
        box.scroll_into_view_if_needed()
        box.click()
        try:
            wanted.wait_for(state="visible", timeout=TIMEOUT / 3)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")  # close whatever opened; the next click reopens it
    wanted.click()


def build(page: Page) -> None:
    page.get_by_role("button", name="Build the plan").click()
    settled(page)


def _active_plan(base_url: str, name: str) -> None:
    """The athlete follows a 10 km plan from today (built through the API, replacing any)."""
    with _api(base_url, ASHA) as asha:
        listed = asha.get("/athletes", params={"page_size": 200}).json()["items"]
        athlete = next(a for a in listed if name in str(a))
        made = asha.post(
            f"/athletes/{athlete['id']}/plans",
            json={
                "race_distance_m": 10_000,
                "race_date": (date.today() + timedelta(weeks=14)).isoformat(),
                "replace_active": True,
            },
        )
        assert made.status_code == 201, made.text


def errors(page: Page) -> list[str]:
    """What the page refused, to say why a step failed."""
    return [e.inner_text() for e in page.get_by_test_id("stAlertContentError").all()]


def test_coach_edits_a_session_from_the_calendar_and_sees_it_saved(
    page: Page, base_url: str, artifacts: Path
) -> None:
    _active_plan(base_url, "Ramp")  # the calendar of the plan Ramp follows
    open_plan_builder(page, "Ramp Rapid")
    calendar = page.get_by_role("heading", name="3 · The calendar")
    expect(calendar).to_be_visible(timeout=TIMEOUT)
    settled(page)
    # Next week, as a coach adjusting the days ahead would (this week may be all but over).
    choose(page, "Week", re.compile(r"^Week 2 · "))
    expect(page.get_by_role("heading", name="Change week 2")).to_be_visible(timeout=TIMEOUT)
    settled(page)
    picker = page.get_by_role("combobox", name="Session to change")
    picker.scroll_into_view_if_needed()
    picker.click()
    picker.press("ArrowDown")  # opens the list on the focused select box
    options = page.get_by_role("option")
    expect(options.first).to_be_visible(timeout=TIMEOUT)
    label = options.nth(1).inner_text()
    shown_before = key_class(page, "st-key-minutes-")
    options.nth(1).click()
    # The form is keyed by its session: wait until the one picked has replaced the first.
    expect(page.locator(f".{shown_before}")).to_have_count(0, timeout=TIMEOUT)
    settled(page)
    day_and_title = label.rsplit(" · ", 1)[0]
    minutes = page.get_by_role("spinbutton", name="Minutes")
    expect(minutes).to_have_value(str(round(_minutes_of(label))), timeout=TIMEOUT)
    minutes.fill("55")
    minutes.press("Tab")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text(re.compile("saved; the plan has a new version"))).to_be_visible(
        timeout=TIMEOUT
    )
    # The picker reads the stored session: its label now says 55 minutes.
    expect(page.get_by_role("combobox", name="Session to change")).to_have_value(
        re.compile(r"55:00$"), timeout=TIMEOUT
    )
    assert (
        day_and_title.split(" · ")[0]
        in page.get_by_role("combobox", name="Session to change").input_value()
    )
    page.screenshot(path=str(artifacts / "coach-plan-calendar.png"), full_page=True)


def _minutes_of(label: str) -> float:
    """Minutes of a label ending in h:mm:ss or m:ss."""
    parts = [int(p) for p in label.rsplit(" · ", 1)[1].split(":")]
    seconds = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) == 3 else 0)
    return seconds / 60


def test_coach_replaces_an_active_plan_only_after_confirming(page: Page, base_url: str) -> None:
    _active_plan(base_url, "Riley")  # before the coach opens the builder
    open_plan_builder(page, "Riley Red")
    build(page)
    expect(page.get_by_text(re.compile("already follows"))).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Keep the current plan").click()
    expect(page.get_by_text(re.compile("already follows"))).to_be_hidden(timeout=TIMEOUT)
    settled(page)
    build(page)
    page.get_by_role("button", name="Replace the current plan").click()
    built = page.get_by_text(re.compile(r"Plan built: \d+ weeks"))
    expect(built.or_(page.get_by_test_id("stAlertContentError")).first).to_be_visible(
        timeout=TIMEOUT
    )
    assert not errors(page), errors(page)
    expect(page.get_by_role("heading", name="Earlier plans")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("button", name="Make this plan active again")).to_be_visible(
        timeout=TIMEOUT
    )
