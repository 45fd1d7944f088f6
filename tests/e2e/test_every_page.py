"""Every page for every role in a real browser: a product's chrome, accessible, no sideways scroll.

Each page is opened by its own URL, photographed (1280×900, and 390×844 for the athlete) into
the test's temporary folder, checked for Streamlit's developer chrome (the Deploy button, the
main menu) and passed through axe-core (bundled by the pinned ``axe-playwright-python``):
no serious or critical violation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.test_main_flows import PHONE, TIMEOUT, sign_in

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
COACH_PAGES = {
    "command_center": "Command Center",
    "caseload": "Caseload",
    "athlete": "Athlete",
    "activity": "Activity",
    "plan_builder": "Plan builder",
    "library": "Session library",
    "analytics": "Analytics",
    "portfolio": "Portfolio",
    "settings": "Settings",
    "groups": "Training groups",
    "profile": "Profile",
}
ROLES = {
    "coach": ("asha.coach@northside.example.com", COACH_PAGES),
    "admin": (
        "ada.admin@northside.example.com",
        {
            **COACH_PAGES,
            "organization": "Organization",
            "system": "System status",
            "webhooks": "Webhooks",
        },
    ),
    "athlete": (
        "ramp.rapid@northside.example.com",
        {
            "today": "Today",
            "log": "Log a session",
            "activity": "Activity",
            "history": "Bring in your history",
            "my_plan": "My plan",
            "progress": "Progress",
            "profile": "Profile",
        },
    ),
}
SERIOUS = {"serious", "critical"}
AXE = Axe()


def open_page(page: Page, path: str, title: str) -> None:
    """Open one page by its URL and wait until its script has finished running."""
    page.goto(f"/{path}")
    expect(page.get_by_role("heading", name=title, exact=True).first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)
    page.wait_for_timeout(300)  # charts and data grids draw after the script's last message


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    found = AXE.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(f"{n['target']} {n.get('failureSummary', '')[:160]}" for n in v["nodes"][:4])
        for v in found
        if v["impact"] in SERIOUS
    ]


def assert_product_chrome(page: Page) -> None:
    """No Deploy button, no developer or main menu, whatever folder the server started in."""
    expect(page.get_by_test_id("stAppDeployButton")).to_have_count(0)
    expect(page.get_by_role("button", name="Deploy")).to_have_count(0)
    expect(page.get_by_test_id("stMainMenu")).to_have_count(0)


def no_horizontal_scroll(page: Page) -> bool:
    """The page is no wider than the window."""
    return bool(page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"))


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_is_photographed_accessible_and_free_of_developer_chrome(
    page: Page, role: str, tmp_path: Path
) -> None:
    email, pages = ROLES[role]
    page.set_viewport_size(DESKTOP)
    sign_in(page, email)
    expect(page.get_by_role("heading").first).to_be_visible(timeout=TIMEOUT)
    problems: dict[str, list[str]] = {}
    for path, title in pages.items():
        open_page(page, path, title)
        assert_product_chrome(page)
        page.screenshot(path=str(tmp_path / f"{role}-{path}-desktop.png"), full_page=True)
        if found := serious_violations(page):
            problems[path] = found
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
    shots = sorted(p.name for p in tmp_path.glob("*.png"))
    assert shots == sorted(f"{role}-{path}-desktop.png" for path in pages)


def test_every_athlete_page_fits_a_phone_without_sideways_scrolling(
    page: Page, tmp_path: Path
) -> None:
    email, pages = ROLES["athlete"]
    page.set_viewport_size(PHONE)
    sign_in(page, email)
    expect(page.get_by_role("heading").first).to_be_visible(timeout=TIMEOUT)
    wide: list[str] = []
    for path, title in pages.items():
        open_page(page, path, title)
        # Every page is one tap away at the top, not behind a collapsed sidebar's button.
        expect(page.get_by_role("button", name="Expand sidebar")).to_have_count(0)
        for other in pages.values():
            expect(page.get_by_role("link", name=other, exact=True).first).to_be_in_viewport()
        page.screenshot(path=str(tmp_path / f"athlete-{path}-phone.png"), full_page=True)
        if not no_horizontal_scroll(page):
            wide.append(path)
    assert not wide, f"pages wider than a 390 px phone: {wide}"
