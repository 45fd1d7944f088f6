"""The coach–athlete loop and nothing lost, in a real browser.

The loop: Oona (Southside Track, whom no other browser test touches) checks in on Today with a
note; her coach Otto reads it on the Athlete page (the Check-ins tab and the timeline), writes
a note shared with her, and she reads it, as he typed it, on Today and on My plan.

Nothing lost: a session the Log page refuses (a distance no runner covers in the time) keeps its
notes and says which fields are wrong in words; corrected, it saves with those notes. An
invitation refused for its email keeps the typed name and names "Email"; corrected, it is sent.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_account_flows import ADA
from tests.e2e.test_main_flows import TIMEOUT, settled, sign_in
from tests.e2e.test_plan_day_flows import _athlete
from tests.e2e.test_triage import _api

pytestmark = pytest.mark.e2e

OONA = "oona.other@southside.example.com"
OTTO = "otto.coach@southside.example.com"
CHECKIN_NOTE = "Legs a bit heavy after the hills"
# Markdown would eat the asterisks and the brackets: the athlete must read it as typed.
SHARED_NOTE = "Easy 40 min tomorrow, *conversational* [then 4 x 20 s strides]"
LOG_NOTES = "Felt strong on the climbs, calf tight at the end"
NEW_NAME = "Nova Newcomer"


def _as(browser: Browser, base_url: str, email: str) -> Page:
    """Another person on a browser of their own (their own cookies), signed in."""
    other = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = other.new_page()
    page.set_default_timeout(TIMEOUT)
    sign_in(page, email)
    return page


def test_the_athlete_s_note_reaches_the_coach_and_the_coach_s_note_reaches_her(
    page: Page, browser: Browser, base_url: str
) -> None:
    with _api(base_url, OTTO) as otto:
        oona = _athlete(otto, "Oona Other")

    # Oona checks in with a note for her coach (the note sits in the form's "More" part).
    sign_in(page, OONA)
    expect(page.get_by_role("heading", name="Check-in", exact=True)).to_be_visible(timeout=TIMEOUT)
    settled(page)
    page.get_by_role("radiogroup", name="Sleep quality").get_by_role("radio", name="4").click()
    page.get_by_text(re.compile(r"^More \(optional\): .*note$")).click()
    page.get_by_role("textbox", name="Note for your coach").fill(CHECKIN_NOTE)
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("heading", name="Update today's check-in")).to_be_visible(
        timeout=TIMEOUT
    )
    settled(page)

    # Otto opens her page: the note is in the Check-ins tab and in the timeline.
    coach = _as(browser, base_url, OTTO)
    expect(coach.get_by_role("heading", name="Command Center")).to_be_visible()
    coach.goto(f"{base_url}/athlete?athlete={oona['id']}")
    expect(coach.get_by_role("combobox", name="Athlete")).to_have_value(re.compile("Oona Other"))
    settled(coach)
    coach.get_by_role("tab", name="Check-ins").click()
    latest = coach.get_by_text(re.compile(rf"^Latest note \(.+\): {CHECKIN_NOTE}$"))
    expect(latest).to_be_visible()
    coach.get_by_role("tab", name="Timeline").click()
    expect(coach.get_by_text(re.compile(rf'Check-in.*: "{CHECKIN_NOTE}"$'))).to_be_visible()

    # He answers with a note he shares with her.
    coach.get_by_role("tab", name="Notes").click()
    coach.get_by_role("textbox", name="New note").fill(SHARED_NOTE)
    coach.get_by_text("Share with the athlete").click()
    coach.get_by_role("button", name="Add note").click()
    expect(coach.get_by_text("Note added.")).to_be_visible()
    settled(coach)
    expect(coach.get_by_text(re.compile(r"\(shared\)$"))).to_be_visible()
    expect(coach.get_by_text(SHARED_NOTE, exact=True)).to_be_visible()
    coach.context.close()

    # She reads it, as he typed it, on Today and on My plan.
    page.reload()
    shared = page.get_by_text(SHARED_NOTE, exact=True)
    expect(page.get_by_text("From your coach")).to_be_visible(timeout=TIMEOUT)
    expect(shared).to_be_visible(timeout=TIMEOUT)
    settled(page)
    page.get_by_role("link", name="My plan").click()
    expect(page.get_by_role("heading", name="My plan")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("From your coach")).to_be_visible(timeout=TIMEOUT)
    expect(shared).to_be_visible(timeout=TIMEOUT)


def test_a_refused_session_keeps_its_notes_and_names_the_fields_in_words(
    page: Page, base_url: str
) -> None:
    sign_in(page, OONA)
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{base_url}/log")
    expect(page.get_by_role("heading", name="Log a session")).to_be_visible(timeout=TIMEOUT)
    settled(page)
    distance = page.get_by_role("spinbutton", name="Distance (km)")
    notes = page.get_by_role("textbox", name="Notes", exact=True)
    # 100 km in the form's 45 minutes: a pace no runner holds.
    distance.fill("100")
    distance.press("Tab")
    notes.fill(LOG_NOTES)
    page.get_by_role("button", name="Save session").click()
    refused = page.get_by_test_id("stAlertContentError")
    expect(refused).to_contain_text("Distance and duration", timeout=TIMEOUT)
    settled(page)
    expect(refused).not_to_contain_text("distance_m")
    expect(refused).not_to_contain_text("duration_s")
    expect(page.get_by_text(re.compile(r"^Saved: load"))).to_have_count(0)
    expect(notes).to_have_value(LOG_NOTES)
    expect(distance).to_have_value(re.compile(r"^100(\.0+)?$"))

    distance.fill("10")
    distance.press("Tab")
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_text(re.compile(r"^Saved: load \d+"))).to_be_visible(timeout=TIMEOUT)
    settled(page)
    expect(refused).to_have_count(0)
    # The stored session carries the notes typed before the refusal.
    change = page.get_by_test_id("stForm").filter(has_text="Save the correction")
    expect(change.get_by_role("textbox", name="Notes about it")).to_have_value(
        LOG_NOTES, timeout=TIMEOUT
    )


def test_a_refused_invitation_keeps_the_name_and_names_the_email_field(
    page: Page, base_url: str
) -> None:
    sign_in(page, ADA)
    expect(page.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{base_url}/organization")
    expect(page.get_by_role("heading", name="Organization")).to_be_visible(timeout=TIMEOUT)
    settled(page)
    form = page.get_by_test_id("stForm").filter(has_text="Invite someone")
    name = form.get_by_role("textbox", name="Full name")
    email = form.get_by_role("textbox", name="Email")
    name.fill(NEW_NAME)
    email.fill("nova at northside")
    form.get_by_role("button", name="Create account").click()
    refused = page.get_by_test_id("stAlertContentError")
    expect(refused).to_contain_text(re.compile(r"^Email: "), timeout=TIMEOUT)
    settled(page)
    expect(refused).not_to_contain_text("email:")
    expect(name).to_have_value(NEW_NAME)
    expect(email).to_have_value("nova at northside")

    email.fill("nova.newcomer@northside.example.com")
    form.get_by_role("button", name="Create account").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        "Temporary password", timeout=TIMEOUT
    )
    settled(page)
    expect(refused).to_have_count(0)
