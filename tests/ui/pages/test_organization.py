"""Admin · Organization: accounts and coach assignments."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import User
from runseason.db.types import utcnow
from tests.factories import World
from tests.ui.conftest import Open, button_of, text_of


def test_renders_for_an_admin(open_page: Open, world: World) -> None:
    at = open_page(world.ada, "organization")
    assert at.title


def test_admin_invites_an_athlete_and_sees_the_password_once(open_page: Open, world: World) -> None:
    at = open_page(world.ada, "organization")
    at.text_input[0].set_value("Nina Newcomer")
    at.text_input[1].set_value("nina@northside.example.com")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert "Temporary password" in text_of(at)
    assert at.text_input[0].value == "", "a created account starts a fresh form"


def test_a_refused_invitation_keeps_what_was_typed_and_names_the_field(
    open_page: Open, world: World
) -> None:
    bad = open_page(world.ada, "organization")
    bad.text_input[0].set_value("No Email")
    bad.text_input[1].set_value("not-an-email")
    next(s for s in bad.selectbox if s.label == "Role").set_value("coach")
    bad.button[0].click()
    bad.run()
    assert not bad.exception
    assert any(e.value.startswith("Email:") for e in bad.error), [e.value for e in bad.error]
    assert (bad.text_input[0].value, bad.text_input[1].value) == ("No Email", "not-an-email")
    assert next(s for s in bad.selectbox if s.label == "Role").value == "coach"


def test_the_admin_moves_an_athlete_and_reads_the_trail(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.ada, "organization")
    assert any("changes recorded" in c.value for c in at.caption)
    button_of(at, "Assign").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("coach of" in s.value for s in at.success), [e.value for e in at.error]


def _button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def _choose(at: AppTest, user: User) -> None:
    box = next(s for s in at.selectbox if s.label == "Account")
    box.set_value(user.id)
    at.run()


def test_an_admin_unlocks_a_locked_account(open_page: Open, world: World, db: Session) -> None:
    world.cole.locked_until = utcnow() + timedelta(minutes=10)
    world.cole.failed_login_count = 4
    db.flush()
    at = open_page(world.ada, "organization")
    _choose(at, world.cole)
    assert any("locked after failed sign-ins" in c.value for c in at.caption)
    _button(at, "Unlock").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("can sign in again" in t.value for t in at.toast)
    assert not any("locked after failed sign-ins" in c.value for c in at.caption)
    db.refresh(world.cole)
    assert world.cole.locked_until is None
    assert world.cole.failed_login_count == 0


def test_an_admin_issues_a_temporary_password(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.ada, "organization")
    _choose(at, world.cole)
    _button(at, "Issue a temporary password").click()  # type: ignore[attr-defined]
    at.run()
    assert any("Temporary password for" in s.value for s in at.success)
    db.refresh(world.cole)
    assert world.cole.must_change_password


def test_an_admin_deactivates_then_reactivates(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.ada, "organization")
    _choose(at, world.cole)
    _button(at, "Deactivate").click()  # type: ignore[attr-defined]
    at.run()
    assert any("is deactivated" in t.value for t in at.toast)
    assert any("This account is deactivated" in c.value for c in at.caption)
    db.refresh(world.cole)
    assert not world.cole.is_active
    at = open_page(world.ada, "organization")
    _choose(at, world.cole)
    _button(at, "Reactivate").click()  # type: ignore[attr-defined]
    at.run()
    assert any("is active again" in t.value for t in at.toast)
    db.refresh(world.cole)
    assert world.cole.is_active
