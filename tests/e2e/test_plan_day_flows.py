"""The plan's days a coach keeps, in a real browser: sick days marked on the athlete page excuse
the plan's sessions; a race goal changed in the plan builder shows on the athlete page."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from runseason.ui import wording
from tests.e2e.test_main_flows import ASHA, TIMEOUT, sign_in
from tests.e2e.test_triage import _api

pytestmark = pytest.mark.e2e


def _athlete(coach: httpx.Client, name: str) -> dict[str, Any]:
    listed = coach.get("/athletes", params={"page_size": 200})
    assert listed.status_code == 200, listed.text
    found: dict[str, Any] = next(a for a in listed.json()["items"] if name in str(a))
    return found


def _today_of(athlete: dict[str, Any]) -> date:
    """The athlete's today in their time zone (a day ahead of or behind the machine's at night)."""
    return datetime.now(ZoneInfo(athlete["timezone"])).date()


def _plan_with_a_session_today(coach: httpx.Client, athlete_id: int, today: date) -> None:
    """A 10 km plan from today (replacing any), with a session on today's date (added if the plan
    has none)."""
    made = coach.post(
        f"/athletes/{athlete_id}/plans",
        json={
            "race_distance_m": 10_000,
            "race_date": (today + timedelta(weeks=14)).isoformat(),
            "start_date": today.isoformat(),
            "current_weekly_distance_m": 30_000,
            "available_weekdays": list(range(7)),
            "replace_active": True,  # the calendar flows may have built one already
        },
    )
    assert made.status_code == 201, made.text
    plan = made.json()
    if any(s["scheduled_date"] == today.isoformat() for s in plan["sessions"]):
        return
    templates = coach.get("/templates", params={"page_size": 200})
    assert templates.status_code == 200, templates.text
    easy = next(t for t in templates.json()["items"] if t["category"] == "easy")
    added = coach.post(
        f"/plans/{plan['id']}/sessions",
        json={"scheduled_date": today.isoformat(), "template_id": easy["id"]},
    )
    assert added.status_code == 201, added.text


def _week_table(page: Page, day: date) -> Locator:
    """The calendar's table of the chosen week's sessions: the one with a "First planned" column
    and the day (the weeks' table also names the day when it starts a week, and other tabs hold
    tables too, e.g. the check-ins)."""
    tables = page.get_by_test_id("stDataFrame")
    return tables.filter(has_text="First planned").filter(has_text=wording.day_short(day)).first


def test_a_coach_marks_sick_days_and_sees_the_plan_days_excused(page: Page, base_url: str) -> None:
    with _api(base_url, ASHA) as asha:
        ramp = _athlete(asha, "Ramp Rapid")
        today = _today_of(ramp)
        _plan_with_a_session_today(asha, ramp["id"], today)
    sign_in(page, ASHA)
    expect(page.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{base_url}/athlete?athlete={ramp['id']}")
    page.get_by_role("tab", name="Plan").click()
    calendar = _week_table(page, today)
    expect(calendar).to_be_visible(timeout=TIMEOUT)
    expect(calendar).not_to_contain_text("excused")
    expect(page.get_by_text("No days marked.")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Mark the days").click()
    expect(page.get_by_text("these days leave the adherence count")).to_be_visible(timeout=TIMEOUT)
    page.reload()
    page.get_by_role("tab", name="Plan").click()
    marked = page.get_by_text(f"Sick: {wording.day(today)}", exact=True)
    expect(marked).to_be_visible(timeout=TIMEOUT)
    calendar = _week_table(page, today)
    expect(calendar).to_contain_text("excused (sick)", timeout=TIMEOUT)


def _riley_with_a_goal_plan(coach: httpx.Client, today: date) -> dict[str, Any]:
    """Riley runs a 5 km time trial (her VDOT) and gets a plan for her 10 km goal race."""
    riley = _athlete(coach, "Riley Red")
    trial = coach.post(
        f"/athletes/{riley['id']}/logs",
        json={
            "local_date": (today - timedelta(days=1)).isoformat(),
            "duration_s": 25 * 60,
            "distance_m": 5_000,
            "kind": "time_trial",
            "rpe": 9,
        },
    )
    assert trial.status_code == 201, trial.text
    goal = coach.post(
        f"/athletes/{riley['id']}/goals",
        json={
            "name": "Harbour 10K",
            "distance_m": 10_000,
            "race_date": (today + timedelta(weeks=14)).isoformat(),
            "target_time_s": 52 * 60,
        },
    )
    assert goal.status_code == 201, goal.text
    plan = coach.post(
        f"/athletes/{riley['id']}/plans",
        json={
            "goal_id": goal.json()["id"],
            "current_weekly_distance_m": 30_000,
            "replace_active": True,  # the calendar flows may have built one already
        },
    )
    assert plan.status_code == 201, plan.text
    return riley


def test_a_coach_edits_a_race_goal_and_sees_it_on_the_athlete_page(
    page: Page, base_url: str
) -> None:
    today = date.today()
    with _api(base_url, ASHA) as asha:
        riley = _riley_with_a_goal_plan(asha, today)
    sign_in(page, ASHA)
    expect(page.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{base_url}/athlete?athlete={riley['id']}")
    page.get_by_role("tab", name="Race day").click()
    goal = page.get_by_test_id("stMetric").filter(has_text="Goal")
    expect(goal).to_contain_text("52:00", timeout=TIMEOUT)
    expect(page.get_by_text("Harbour 10K", exact=True)).to_be_visible()

    page.goto(f"{base_url}/plan_builder")
    page.get_by_role("combobox", name="Athlete").click()
    page.get_by_role("option", name="Riley Red").click()
    expect(page.get_by_role("combobox", name="Race to change")).to_have_value(
        re.compile("Harbour 10K"), timeout=TIMEOUT
    )
    page.get_by_role("textbox", name="Race name as shown").fill("Harbour 10K by the sea")
    target = page.get_by_role("textbox", name=re.compile("New target time"))
    target.fill("49:30")
    page.get_by_role("button", name="Save the race").click()
    expect(page.get_by_text("Harbour 10K by the sea: saved.")).to_be_visible(timeout=TIMEOUT)

    page.goto(f"{base_url}/athlete?athlete={riley['id']}")
    page.get_by_role("tab", name="Race day").click()
    goal = page.get_by_test_id("stMetric").filter(has_text="Goal")
    expect(goal).to_contain_text("49:30", timeout=TIMEOUT)
    expect(page.get_by_text("Harbour 10K by the sea", exact=True)).to_be_visible()
