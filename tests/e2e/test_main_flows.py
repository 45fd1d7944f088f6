"""The main flows in a real browser: sign in, stay signed in, triage, check in, log, sign out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000
ASHA = "asha.coach@northside.example.com"
RAMP = "ramp.rapid@northside.example.com"
WRONG = "Email or password is incorrect"
PHONE = {"width": 390, "height": 844}


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def settled(page: Page) -> None:
    """Streamlit's rerun has finished (its running-status widget is gone)."""
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=TIMEOUT)


def key_class(page: Page, prefix: str, within: str = "") -> str:
    """The one ``st-key-`` class starting with ``prefix`` (and holding ``within``): a widget's key
    that carries what its form shows, so a test can wait for the form it replaces to go."""
    holder = page.locator(f"[class*='{prefix}']" + (f"[class*='{within}']" if within else ""))
    expect(holder).to_have_count(1, timeout=TIMEOUT)
    classes = (holder.get_attribute("class") or "").split()
    return next(c for c in classes if c.startswith(prefix))


def no_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_wrong_password_is_refused_without_saying_whether_the_account_exists(page: Page) -> None:
    sign_in(page, ASHA, "not the right password at all")
    expect(page.get_by_role("alert")).to_contain_text(WRONG, timeout=TIMEOUT)
    sign_in(page, "nobody@nowhere.example.com", "not the right password at all")
    expect(page.get_by_role("alert")).to_contain_text(WRONG, timeout=TIMEOUT)


def test_coach_triages_the_queue_and_stays_signed_in(page: Page, artifacts: Path) -> None:
    sign_in(page, ASHA)
    heading = page.get_by_role("heading", name="Command Center")
    expect(heading).to_be_visible(timeout=TIMEOUT)
    riley = page.get_by_text("Riley Red").first
    expect(riley).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=str(artifacts / "coach-command-center.png"), full_page=True)
    page.reload()
    expect(heading).to_be_visible(timeout=TIMEOUT)
    second = page.context.new_page()
    second.goto(page.url)
    expect(second.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    acknowledge = page.get_by_role("button", name="Acknowledge")
    expect(acknowledge.first).to_be_visible(timeout=TIMEOUT)
    open_items = acknowledge.count()
    acknowledge.first.click()
    expect(acknowledge).to_have_count(open_items - 1, timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Open the athlete's case").first.click()
    expect(page.get_by_role("heading", name="Athlete")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("combobox", name="Athlete")).to_have_value(
        re.compile("Riley Red"), timeout=TIMEOUT
    )
    expect(page.get_by_test_id("stMetric").first).to_contain_text("Risk", timeout=TIMEOUT)
    page.screenshot(path=str(artifacts / "coach-athlete.png"), full_page=True)
    page.get_by_role("link", name="Caseload").click()
    expect(page.get_by_role("heading", name="Caseload")).to_be_visible(timeout=TIMEOUT)
    # The Athlete page's tables leave with the rerun; the Caseload page has one table.
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1, timeout=TIMEOUT)
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()  # a form of this site: POST, not a link
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=TIMEOUT)
    second.reload()
    expect(second.get_by_text("Sign in to see your day")).to_be_visible(timeout=TIMEOUT)


def test_athlete_on_a_phone_checks_in_and_logs_the_session(page: Page, artifacts: Path) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, RAMP)
    expect(page.get_by_role("heading", name="Today")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(re.compile("Your session"))).to_be_visible(timeout=TIMEOUT)
    # An item left alone is no answer (and the check-in wants one): tap how the night was.
    page.get_by_role("radiogroup", name="Sleep quality").get_by_role("radio", name="4").click()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Update today's check-in")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetric").filter(has_text="Readiness")).to_contain_text(
        re.compile(r"\d+"), timeout=TIMEOUT
    )
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "athlete-today-phone.png"), full_page=True)
    page.reload()
    expect(page.get_by_text("Update today's check-in")).to_be_visible(timeout=TIMEOUT)
    page.goto(page.url.rstrip("/") + "/log")
    expect(page.get_by_role("heading", name="Log a session")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_text(re.compile(r"Saved: load \d+"))).to_be_visible(timeout=TIMEOUT)
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "athlete-log-phone.png"), full_page=True)
