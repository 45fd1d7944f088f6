"""What every page shares: who is signed in, one transaction per service call, and display helpers.

Sign-in happens on the API's sign-in page (same origin), which sets an HttpOnly session cookie;
every script run re-reads that cookie and resolves the server-side session, so a refresh or a new
tab stays signed in and a revoked session is out on the next click.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from runseason.config import get_settings
from runseason.db.models import User
from runseason.db.session import session_scope
from runseason.db.types import utcnow
from runseason.domain import units
from runseason.errors import RunSeasonError
from runseason.services.identity import access, auth
from runseason.services.identity.access import Actor, actor_for_user

SESSION_COOKIE = "rs_session"
SIGNIN_URL = "/api/v1/auth/web/login"
SIGNOUT_URL = "/api/v1/auth/web/logout"
PAGES = Path(__file__).resolve().parent / "pages"
CURRENT_KEY = "_signed_in_this_run"
TEST_USER_KEY = "test_user_id"  # honoured only when RUNSEASON_ENV=test (AppTest has no cookies)

T = TypeVar("T")


def same_tab_link(label: str, url: str, *, primary: bool = False) -> None:
    """A link that opens in this tab (Streamlit's link button opens a new one)."""
    colour = "#b8400c" if primary else "#495057"
    st.markdown(
        f'<a href="{url}" target="_self" style="display:inline-block;padding:.45rem 1rem;'
        f'border-radius:.5rem;background:{colour};color:#fff;text-decoration:none">{label}</a>',
        unsafe_allow_html=True,
    )


# Every ASCII punctuation mark: Markdown (and Streamlit's :colour[...] and $maths$) reads each
# one escaped by a backslash as itself.
_MARKUP = re.compile(r"([!-/:-@\[-`{-~])")


def plain(text: str | None) -> str:
    """Text a person typed, escaped so that a page shows it as written: never a link, an image
    that loads from elsewhere, a heading or bold."""
    return _MARKUP.sub(r"\\\1", text or "")


def now() -> datetime:
    """The clock of this script run."""
    return utcnow()


def session_token() -> str | None:
    """The browser's session cookie, if any."""
    token = st.context.cookies.get(SESSION_COOKIE)
    return token if isinstance(token, str) and token else None


def _resolve() -> tuple[Actor, User] | None:
    test_user = st.session_state.get(TEST_USER_KEY)
    token = session_token() if test_user is None else None
    if test_user is None and not token:
        return None
    try:
        with session_scope() as session:
            if test_user is not None and get_settings().env == "test":
                user = session.get(User, int(test_user))
                if user is None or not user.is_active:
                    return None
                actor = actor_for_user(session, user)
            elif token:
                actor = auth.resolve_session(session, token, now=now())
                user = session.get(User, actor.user_id)
            else:
                return None
            assert user is not None
            session.expunge(user)
            return actor, user
    except RunSeasonError:
        return None


def signed_in() -> tuple[Actor, User] | None:
    """Resolve the browser's session (the entrypoint does it once at the top of every run).

    The result is kept for the rest of this run, so pages and service calls do not look the
    session up again; the next run (a click, a refresh) resolves it afresh.
    """
    found = _resolve()
    if found:
        access.bind(found[0])
        st.session_state[CURRENT_KEY] = found
    else:
        st.session_state.pop(CURRENT_KEY, None)
    return found


def _current() -> tuple[Actor, User] | None:
    found = st.session_state.get(CURRENT_KEY)
    return found if found is not None else signed_in()


def actor() -> Actor:
    """The signed-in actor (pages are only registered for signed-in users)."""
    found = _current()
    if found is None:
        st.error("Your session has ended. Sign in again.")
        same_tab_link("Sign in", SIGNIN_URL, primary=True)
        st.stop()
    return found[0]


def user() -> User:
    """The signed-in account."""
    found = _current()
    if found is None:
        st.stop()
    return found[1]


def call(func: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Run one service call in its own transaction; show a clear message if it is refused."""
    who = _current()
    try:
        with session_scope() as session:
            if who:
                session.info["actor_user_id"] = who[0].user_id
            return func(session, *args, **kwargs)
    except RunSeasonError as error:
        st.error(error.message)
        return None


M = TypeVar("M", bound=BaseModel)


def valid(model: type[M], labels: dict[str, str] | None = None, **values: Any) -> M | None:
    """Validate a form against its input schema; show what is wrong instead of raising.

    Each problem names its field by the form's label (``labels``), else in plain words.
    """
    try:
        return model(**values)
    except ValidationError as error:
        for problem in error.errors():
            field = ".".join(str(p) for p in problem["loc"])
            name = (labels or {}).get(field) or field.replace("_", " ").capitalize() or "Form"
            st.error(f"{name}: {problem['msg'].removeprefix('Value error, ')}")
        return None


FLASH_KEY = "_flash"


def flash(message: str) -> None:
    """A confirmation to show as a toast on the next run (a change is followed by a rerun)."""
    st.session_state.setdefault(FLASH_KEY, []).append(message)


def show_flash() -> None:
    """Show the confirmations kept for this run (the entrypoint calls it on every run)."""
    for message in st.session_state.pop(FLASH_KEY, []):
        st.toast(message)


def done(message: str) -> None:
    """Confirm a change after the rerun that shows it."""
    flash(message)
    st.rerun()


def read(func: Callable[[Session], T]) -> T | None:
    """Run a read in a transaction (a lambda over the session)."""
    return call(func)


def unit_of(u: User) -> units.Unit:
    """The user's distance unit."""
    return "mi" if u.unit_preference == "mi" else "km"


def distance(value_m: float | None, unit: units.Unit) -> str:
    """A distance in the user's unit."""
    return "-" if value_m is None else units.format_distance(value_m, unit)


def duration(value_s: float | None) -> str:
    """A duration as h:mm:ss."""
    return "-" if value_s is None else units.format_duration(value_s)


BAND_COLOURS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828"}
# Risk buckets in words, coloured by their mark as the week's cards colour a session's status.
BUCKET_LABELS = {
    "at_risk": ":red[:material/error:] at risk",
    "watch": ":orange[:material/visibility:] watch",
    "stable": ":green[:material/check_circle:] stable",
}
