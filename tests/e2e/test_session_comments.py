"""A session's thread in a real browser: the athlete writes under today's session on My plan,
the coach reads it under the same session on the Athlete page's calendar and answers, and the
athlete reads the answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_main_flows import TIMEOUT, settled, sign_in
from tests.e2e.test_plan_day_flows import _athlete, _plan_with_a_session_today, _today_of
from tests.e2e.test_triage import COLE, GRETA, _api, sign_in_at

pytestmark = pytest.mark.e2e

ASKED = "Legs heavy on the last rep"
ANSWERED = "Good: keep the reps at 4:05 next week"


def test_the_athlete_writes_about_a_session_and_the_coach_answers(
    page: Page, base_url: str, artifacts: Path
) -> None:
    with _api(base_url, COLE) as cole:
        greta = _athlete(cole, "Greta")
        _plan_with_a_session_today(cole, greta["id"], _today_of(greta))
    sign_in(page, GRETA)
    expect(page.get_by_role("heading", name="Today")).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{base_url}/my_plan")
    expect(page.get_by_text("Comments on a session")).to_be_visible(timeout=TIMEOUT)
    # The week's session of today, or its first when today's is a rest day.
    picker = page.get_by_role("combobox", name="Session to talk about")
    expect(picker).to_have_value(re.compile(r"^\w{3} \d{1,2} \w{3} · "), timeout=TIMEOUT)
    box = page.get_by_role("textbox", name="Message to your coach")
    box.fill(ASKED)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text(ASKED, exact=True)).to_be_visible(timeout=TIMEOUT)

    browser = page.context.browser
    assert browser is not None
    coach = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    coach.set_default_timeout(TIMEOUT)
    sign_in_at(coach, base_url, COLE)
    expect(coach.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    coach.goto(f"{base_url}/athlete?athlete={greta['id']}")
    coach.get_by_role("tab", name="Plan").click()
    expect(coach.get_by_text(ASKED, exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(coach.get_by_text("(athlete)")).to_be_visible(timeout=TIMEOUT)
    coach.get_by_role("textbox", name="Reply").fill(ANSWERED)
    coach.get_by_role("button", name="Send").click()
    expect(coach.get_by_text(ANSWERED, exact=True)).to_be_visible(timeout=TIMEOUT)
    settled(coach)
    expect(coach.locator("[data-stale='true']")).to_have_count(0, timeout=TIMEOUT)
    coach.screenshot(path=str(artifacts / "coach-answers-a-session-comment.png"), full_page=True)
    coach.context.close()

    page.reload()
    expect(page.get_by_text(ANSWERED, exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("(coach)")).to_be_visible(timeout=TIMEOUT)
