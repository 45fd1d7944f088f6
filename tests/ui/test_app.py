"""The app's navigation: who sees which pages, and the signed-out visitor."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from tests.factories import World
from tests.ui.conftest import APP, Open, text_of


def test_signed_out_visitor_sees_only_the_sign_in_link() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert "Sign in to see your day" in text_of(at)


def test_athlete_navigation_has_no_coach_pages(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), None)
    with pytest.raises(ValueError, match="switch_page"):
        at.switch_page("pages/command_center.py")
