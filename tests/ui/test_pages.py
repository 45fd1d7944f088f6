"""Every page renders for the roles that see it, and the main actions work through the page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import CheckIn, User
from tests.factories import World
from tests.ui.conftest import APP

Open = Callable[[User, str | None], AppTest]


def _text(at: AppTest) -> str:
    parts = (
        [m.value for m in at.markdown]
        + [t.value for t in at.title]
        + [s.value for s in at.subheader]
    )
    parts += [str(m.label) + str(m.value) for m in at.metric]
    parts += (
        [e.value for e in at.error] + [i.value for i in at.info] + [c.value for c in at.caption]
    )
    parts += [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


def test_signed_out_visitor_sees_only_the_sign_in_link() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert "Sign in to see your day" in _text(at)


def test_athlete_checks_in_and_gets_a_briefing(open_page: Open, world: World, db: Session) -> None:
    riley = world.user_of(world.riley, db)
    at = open_page(riley, None)
    assert "Today" in _text(at)
    assert "Your session" in _text(at)
    sliders = at.select_slider
    sliders[0].set_value(2)
    sliders[1].set_value(2)
    at.button[0].click()  # the form's submit button
    at.run()
    assert not at.exception
    stored = db.scalar(select(CheckIn).where(CheckIn.athlete_id == world.riley.id))
    assert stored is not None
    assert stored.sleep_quality == 2
    assert "Readiness" in _text(at)


@pytest.mark.parametrize("page", ["log", "my_plan", "progress", "profile"])
def test_athlete_pages_render(open_page: Open, world: World, db: Session, page: str) -> None:
    at = open_page(world.user_of(world.riley, db), page)
    assert at.title


@pytest.mark.parametrize(
    "page",
    ["command_center", "caseload", "athlete", "plan_builder", "library", "analytics", "settings"],
)
def test_coach_pages_render(open_page: Open, world: World, page: str) -> None:
    at = open_page(world.asha, page)
    assert at.title


@pytest.mark.parametrize("page", ["organization", "system", "settings"])
def test_admin_pages_render(open_page: Open, world: World, page: str) -> None:
    at = open_page(world.ada, page)
    assert at.title


def test_athlete_navigation_has_no_coach_pages(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), None)
    with pytest.raises(ValueError, match="switch_page"):
        at.switch_page("pages/command_center.py")


def test_admin_invites_an_athlete_and_sees_the_password_once(open_page: Open, world: World) -> None:
    at = open_page(world.ada, "organization")
    at.text_input[0].set_value("Nina Newcomer")
    at.text_input[1].set_value("nina@northside.example.com")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert "Temporary password" in _text(at)
    bad = open_page(world.ada, "organization")
    bad.text_input[0].set_value("No Email")
    bad.text_input[1].set_value("not-an-email")
    bad.button[0].click()
    bad.run()
    assert not bad.exception
    assert "email" in _text(bad).lower()
