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
Open = Callable[[User, str | None], AppTest]


def text_of(at: AppTest) -> str:
    """Everything a person reads on the page, as one string."""
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


def button_of(at: AppTest, label: str) -> object:
    """The button with this label."""
    return next(b for b in at.button if b.label == label)


def page_path(name: str) -> str:
    """The file of one page, as st.navigation knows it."""
    return str(UI / "pages" / f"{name}.py")


@pytest.fixture
def open_page(db: object) -> Open:
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
