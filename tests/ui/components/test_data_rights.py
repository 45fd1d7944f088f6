"""Data rights on the web: an athlete downloads their data; an admin erases an athlete or the
whole organization, each only once the name is typed back."""

from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import Athlete, Organization, User
from tests.factories import World
from tests.ui.conftest import Open, button_of, text_of


def _typed(at: AppTest, starts: str, value: str) -> None:
    next(t for t in at.text_input if t.label.startswith(starts)).set_value(value)


def test_an_athlete_prepares_and_downloads_everything_held_about_them(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.user_of(world.greta, db), "profile")
    assert "Your data" in text_of(at)
    assert not at.get("download_button"), "the ZIP is built only when asked"
    button_of(at, "Prepare the download").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    (download,) = at.get("download_button")
    assert download.proto.label.startswith("Download the ZIP (")
    content = at.session_state[f"data-export-{world.greta.id}"]
    archive = zipfile.ZipFile(io.BytesIO(content))
    (user,) = json.loads(archive.read("json/users.json"))
    assert user["full_name"] == "Greta Green"
    assert "password_hash" not in user


def test_a_coach_sees_no_data_section_of_their_own(open_page: Open, world: World) -> None:
    at = open_page(world.cole, "profile")
    assert "Your data" not in text_of(at)


def _greta_chosen(open_page: Open, world: World, db: Session) -> AppTest:
    at = open_page(world.ada, "organization")
    role = next(s for s in at.selectbox if s.label == "Role")
    role.set_value("athlete")
    at.run()
    account = next(s for s in at.selectbox if s.label == "Account")
    account.set_value(world.greta.user_id)
    at.run()
    assert not at.exception
    return at


def test_an_admin_erases_an_athlete_only_with_their_email_typed_back(
    open_page: Open, world: World, db: Session
) -> None:
    at = _greta_chosen(open_page, world, db)
    email = world.user_of(world.greta, db).email
    athlete_id, user_id = world.greta.id, world.greta.user_id
    _typed(at, "Type their email", "someone.else@example.com")
    button_of(at, "Erase this athlete").click()  # type: ignore[attr-defined]
    at.run()
    assert f"Type the athlete's email, {email}, to confirm the erasure." in text_of(at)
    db.expire_all()
    assert db.get(Athlete, athlete_id) is not None
    _typed(at, "Type their email", email.upper())
    button_of(at, "Erase this athlete").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    db.expire_all()
    toasts = [t.value for t in at.toast]
    assert "Greta Green and everything held about them are erased." in toasts
    assert db.get(Athlete, athlete_id) is None
    assert db.get(User, user_id) is None


def test_an_admin_erases_the_organization_only_with_its_short_name_typed_back(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.ada, "organization")
    slug, north_id, south_id = world.north.slug, world.north.id, world.south.id
    assert "Erase everything" in text_of(at)
    assert f"Type its short name, {slug}, to confirm" in [t.label for t in at.text_input]
    _typed(at, "Type its short name", f"not-{slug}")
    button_of(at, "Erase the organization").click()  # type: ignore[attr-defined]
    at.run()
    assert f"Type the organization's short name, {slug}, to confirm its erasure." in text_of(at)
    db.expire_all()
    assert db.get(Organization, north_id) is not None
    _typed(at, "Type its short name", slug)
    button_of(at, "Erase the organization").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert "Your account went with it." in text_of(at)
    db.expire_all()
    assert db.get(Organization, north_id) is None
    assert db.get(Organization, south_id) is not None
