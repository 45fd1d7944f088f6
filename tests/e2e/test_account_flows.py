"""Accounts and logs on a page, in a real browser: an admin invites, deactivates and reactivates
someone and issues a temporary password; the new athlete chooses a password, logs a session,
corrects it and deletes it (each confirmed after the rerun that shows it); an athlete downloads
their data."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_main_flows import TIMEOUT, WRONG, key_class, settled, sign_in
from tests.e2e.test_triage import _api

pytestmark = pytest.mark.e2e

ADA = "ada.admin@northside.example.com"
NIA = "nia.new@northside.example.com"
OWN_PASSWORD = "a long password of her own"


def _secret(page: Page) -> str:
    """The temporary password the page shows once, in its code span."""
    shown = page.get_by_test_id("stAlertContentSuccess").filter(has_text="Temporary password")
    expect(shown).to_be_visible(timeout=TIMEOUT)
    return shown.locator("code").inner_text().strip()


def _choose_account(page: Page, name: str) -> None:
    page.get_by_role("combobox", name="Account").click()
    page.keyboard.type(name)  # the list is long: typing narrows it
    page.get_by_role("option", name=re.compile(name)).click()
    expect(page.get_by_role("combobox", name="Account")).to_have_value(
        re.compile(name), timeout=TIMEOUT
    )


def _action(page: Page, key: str, user_id: int, label: str) -> None:
    """Press one of the account's own buttons (keyed by the account, so a click cannot land on
    the buttons of the account shown before the rerun)."""
    button = page.locator(f".st-key-{key}-{user_id}").get_by_role("button", name=label)
    expect(button).to_be_visible(timeout=TIMEOUT)
    button.click()


def _user_id(base_url: str, email: str) -> int:
    with _api(base_url, ADA) as ada:
        listed = ada.get("/users", params={"page_size": 200, "role": "athlete"})
        assert listed.status_code == 200, listed.text
        return int(next(u["id"] for u in listed.json()["items"] if u["email"] == email))


def _open_as(browser: Browser, base_url: str, email: str, password: str) -> Page:
    """A second person on their own browser (a context of their own: their own cookies)."""
    context = browser.new_context(base_url=base_url)
    other = context.new_page()
    sign_in(other, email, password)
    return other


def test_an_admin_looks_after_an_account_and_the_athlete_keeps_a_clean_log(
    page: Page, browser: Browser, base_url: str
) -> None:
    sign_in(page, ADA)
    expect(page.get_by_role("heading", name="Command Center")).to_be_visible(timeout=TIMEOUT)
    page.goto(base_url.rstrip("/") + "/organization")
    expect(page.get_by_role("heading", name="Organization")).to_be_visible(timeout=TIMEOUT)
    form = page.get_by_test_id("stForm").filter(has_text="Invite someone")
    form.get_by_role("textbox", name="Full name").fill("Nia New")
    form.get_by_role("textbox", name="Email").fill(NIA)
    form.get_by_role("button", name="Create account").click()
    first = _secret(page)

    # She signs in with it and must choose her own password first.
    nia = _open_as(browser, base_url, NIA, first)
    expect(nia.get_by_text("Choose your own password")).to_be_visible(timeout=TIMEOUT)
    nia.get_by_role("textbox", name="Current password").fill(first)
    nia.get_by_role("textbox", name="New password (at least 12 characters)").fill(OWN_PASSWORD)
    nia.get_by_role("textbox", name="New password again").fill(OWN_PASSWORD)
    nia.get_by_role("button", name="Change password").click()
    expect(nia.get_by_role("heading", name="Today")).to_be_visible(timeout=TIMEOUT)

    # Deactivated, she cannot sign in; reactivated, she can.
    nia_id = _user_id(base_url, NIA)
    _choose_account(page, "Nia New")
    _action(page, "off", nia_id, "Deactivate")
    expect(page.get_by_text("This account is deactivated.")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Nia New is deactivated")).to_be_visible(timeout=TIMEOUT)  # toast
    refused = _open_as(browser, base_url, NIA, OWN_PASSWORD)
    expect(refused.get_by_role("alert")).to_contain_text(WRONG, timeout=TIMEOUT)
    _action(page, "on", nia_id, "Reactivate")
    expect(page.get_by_text("This account is active.")).to_be_visible(timeout=TIMEOUT)
    back = _open_as(browser, base_url, NIA, OWN_PASSWORD)
    expect(back.get_by_role("heading", name="Today")).to_be_visible(timeout=TIMEOUT)

    # Her log: a session saved, corrected to 50 minutes, then deleted.
    back.goto(base_url.rstrip("/") + "/log")
    expect(back.get_by_role("heading", name="Log a session")).to_be_visible(timeout=TIMEOUT)
    back.get_by_role("button", name="Save session").click()
    expect(back.get_by_text(re.compile("Saved: load"))).to_be_visible(timeout=TIMEOUT)
    change = back.get_by_test_id("stForm").filter(has_text="Save the correction")
    expect(change).to_be_visible(timeout=TIMEOUT)
    before = key_class(back, "st-key-FormSubmitter-change-log-", "-Delete-the-")
    minutes = change.get_by_role("spinbutton", name="Minutes")
    minutes.fill("50")
    minutes.press("Tab")
    change.get_by_role("button", name="Save the correction").click()
    expect(back.get_by_text(re.compile("Corrected:"))).to_be_visible(timeout=TIMEOUT)
    expect(back.get_by_role("combobox", name="Session to change")).to_have_value(
        re.compile("50:00"), timeout=TIMEOUT
    )
    # The form is keyed by what is stored: a click on the one it replaces would be lost.
    expect(back.locator(f".{before}")).to_have_count(0, timeout=TIMEOUT)
    settled(back)
    change = back.get_by_test_id("stForm").filter(has_text="Save the correction")
    change.get_by_role("button", name="Delete the session").click()
    expect(back.get_by_text("Tick “Yes, delete this session” first.")).to_be_visible(
        timeout=TIMEOUT
    )
    change.get_by_text("Yes, delete this session").click()
    change.get_by_role("button", name="Delete the session").click()
    expect(back.get_by_text(re.compile("Deleted:"))).to_be_visible(timeout=TIMEOUT)
    expect(back.get_by_text("No sessions yet.")).to_be_visible(timeout=TIMEOUT)

    # She forgets it: the admin issues a temporary one, which works once more.
    _action(page, "temp", nia_id, "Issue a temporary password")
    again = _secret(page)
    assert again != first
    reset = _open_as(browser, base_url, NIA, again)
    expect(reset.get_by_text("Choose your own password")).to_be_visible(timeout=TIMEOUT)
    back.reload()  # her old session ended with the reset
    expect(back.get_by_text("Sign in to see your day")).to_be_visible(timeout=TIMEOUT)


def test_an_athlete_downloads_everything_held_about_them_as_one_zip(page: Page) -> None:
    sign_in(page, "oona.other@southside.example.com")
    expect(page.get_by_role("heading", name="Today")).to_be_visible(timeout=TIMEOUT)
    page.goto("/profile")
    expect(page.get_by_role("heading", name="Your data")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Prepare the download").click()
    ready = page.get_by_role("button", name=re.compile(r"Download the ZIP \("))
    expect(ready).to_be_visible(timeout=TIMEOUT)
    with page.expect_download(timeout=TIMEOUT) as downloaded:
        ready.click()
    assert downloaded.value.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(downloaded.value.path()) as archive:
        (user,) = json.loads(archive.read("json/users.json"))
        assert user["email"] == "oona.other@southside.example.com"
        assert "README.txt" in archive.namelist()
