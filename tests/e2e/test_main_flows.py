"""The main flows in a real browser: sign in, stay signed in, check in, triage, sign out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000
ASHA = "asha.coach@northside.example.com"
WRONG = "Email or password is incorrect"
RILEY = "riley.red@northside.example.com"


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_wrong_password_is_refused_without_saying_whether_the_account_exists(page: Page) -> None:
    sign_in(page, ASHA, "not the right password at all")
    expect(page.get_by_role("alert")).to_contain_text(
        "Email or password is incorrect", timeout=TIMEOUT
    )
    sign_in(page, "nobody@nowhere.example.com", "not the right password at all")
    expect(page.get_by_role("alert")).to_contain_text(
        "Email or password is incorrect", timeout=TIMEOUT
    )


def test_coach_sees_the_command_center_after_refresh_and_in_a_new_tab(page: Page) -> None:
    sign_in(page, ASHA)
    heading = page.get_by_role("heading", name="Command Center")
    expect(heading).to_be_visible(timeout=TIMEOUT)
    page.reload()
    expect(heading).to_be_visible(timeout=TIMEOUT)
    second = page.context.new_page()
    second.goto(page.url)
    expect(second.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("link", name="Caseload").click()
    expect(page.get_by_role("heading", name="Caseload")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("link", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=TIMEOUT)
    second.reload()
    expect(second.get_by_text("Sign in to see your day")).to_be_visible(timeout=TIMEOUT)


def test_athlete_checks_in_and_reads_the_briefing(page: Page) -> None:
    sign_in(page, RILEY)
    expect(page.get_by_role("heading", name="Today")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(re.compile("Your session"))).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Update today's check-in")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetric").filter(has_text="Readiness")).to_contain_text(
        re.compile(r"\d+"), timeout=TIMEOUT
    )
