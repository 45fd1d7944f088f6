"""Real Streamlit pages through AppTest, on the test's database (rolled back after each test)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from runseason.db.models import User
from runseason.ui import runtime

UI = Path(runtime.__file__).resolve().parent
APP = str(UI / "app.py")


def page_path(name: str) -> str:
    """The file of one page, as st.navigation knows it."""
    return str(UI / "pages" / f"{name}.py")


@pytest.fixture
def open_page(db: object) -> Callable[[User, str | None], AppTest]:
    """Run the app signed in as ``user`` and switch to ``page`` (the role's default if None)."""

    def run(user: User, page: str | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state[runtime.TEST_USER_KEY] = user.id
        at.run()
        if page is not None:
            at.switch_page(page_path(page))
            at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return run
