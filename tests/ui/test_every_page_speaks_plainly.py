"""Every page for every role, walked on a living demo club: no internal names reach a person.

The walk reads what a person reads on each page (headings, text, captions, metrics, tables,
labels, options, expanders, alerts) and fails on what looks like the code's own words: a
snake_case key, JSON braces, a bare id (``#4459``, an ``id`` column), ``None`` or ``nan``.
Code blocks are left out: they are shown as code on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import User
from runseason.db.types import utcnow
from runseason.demo import DemoSpec
from runseason.demo.generator import generate
from runseason.ui import runtime
from tests.ui.conftest import APP, UI, page_path

COACH = [
    "command_center",
    "caseload",
    "athlete",
    "activity",
    "plan_builder",
    "library",
    "analytics",
    "portfolio",
    "settings",
    "groups",
    "profile",
]
PAGES = {
    "athlete": ["today", "log", "activity", "history", "my_plan", "progress", "profile"],
    "coach": COACH,
    "admin": [*COACH, "organization", "system", "webhooks"],
}
INTERNAL = [
    (re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b"), "a snake_case key"),
    (re.compile(r"[{}]"), "JSON braces"),
    (re.compile(r"#\d+|\bids?\b"), "a bare id"),
    (re.compile(r"\bNone\b|\bnan\b|\bNaN\b"), "an empty value in code's words"),
    (re.compile(r"\b(?:hrv|acwr|rmssd|vdot|lthr|rpe|ctl|atl|tsb)\b"), "a key's abbreviation"),
    (re.compile(r"^\s*(?:[EMTIR]|Z\d[a-c]?)\s*$"), "a zone's code without its name"),
    (re.compile(r"\bshare \d|\bz -?\d"), "a model's share or z-score instead of a reason"),
]
CODE = re.compile(r"```.*?```|`[^`]*`", re.DOTALL)
EMAIL = re.compile(r"\S+@\S+")
ICON = re.compile(r":material/[a-z0-9_]+:")  # Streamlit's icon syntax, drawn as an icon
SKIPPED = {"code", "arrow_vega_lite_chart", "vega_lite_chart", "plotly_chart", "html"}


def _placeholder(proto: Any) -> str:
    """What the grid shows for a missing value: the page's placeholder, else "None"."""
    if "placeholder" not in proto.DESCRIPTOR.fields_by_name:  # st.table draws None as "None"
        return "None"
    try:
        return str(proto.placeholder) if proto.HasField("placeholder") else "None"
    except ValueError:
        return str(proto.placeholder) or "None"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # NaN


def _frame_text(frame: pd.DataFrame, missing: str) -> Iterator[str]:
    """Column titles and cells as the grid draws them (a missing value as the placeholder)."""
    yield from (str(c) for c in frame.columns)
    for column in frame.columns:
        # A list in a cell is drawn as a sparkline or bars, not as text (None: no line).
        if any(isinstance(v, list) for v in frame[column].tolist()):
            continue
        yield from (missing if _missing(v) else str(v) for v in frame[column].tolist())


def read_by_a_person(at: AppTest) -> Iterator[tuple[str, str]]:
    """(kind, text) for everything shown on the page, code blocks and charts left out."""
    for node in at._tree:
        kind = node.type
        if kind in SKIPPED:
            continue
        if kind == "json":
            yield kind, str(node.value)  # raw JSON is never meant for a person
            continue
        for attr in ("label", "help", "placeholder", "delta"):
            value = getattr(node, attr, None)
            if isinstance(value, str) and value:
                yield kind, value
        if kind in {"selectbox", "radio", "multiselect", "select_slider", "button_group"}:
            yield from ((kind, str(o)) for o in node.options)
        value = getattr(node, "value", None) if kind not in {"button", "checkbox"} else None
        if isinstance(value, pd.DataFrame):
            yield from ((kind, t) for t in _frame_text(value, _placeholder(node.proto)))
        elif kind in {"markdown", "caption", "title", "header", "subheader", "text", "metric"}:
            yield kind, str(value)
        elif kind in {"error", "warning", "info", "success", "toast", "text_area", "text_input"}:
            yield kind, str(value or "")


def internal_names(at: AppTest) -> list[str]:
    """Each piece of text that speaks in the code's words, with what gave it away."""
    found = []
    for kind, text in read_by_a_person(at):
        plain = ICON.sub("", EMAIL.sub("", CODE.sub("", text))) if kind != "json" else text
        for pattern, what in INTERNAL:
            if match := pattern.search(plain):
                found.append(f"{kind}: {what} {match.group(0)!r} in {text[:160]!r}")
    return found


@pytest.fixture
def club(db: Session) -> dict[str, User]:
    """A small demo club with weeks of history, and one sign-in per role."""
    generate(db, DemoSpec(athletes=3, coaches=1, weeks=6, slug="walk"), today=utcnow())
    db.flush()
    accounts = db.scalars(select(User).where(User.email.like("%@walk.example.com")))
    return {u.role: u for u in accounts}


def open_as(user: User, page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[runtime.TEST_USER_KEY] = user.id
    at.run()
    at.switch_page(page_path(page))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_walk_covers_every_page() -> None:
    files = {p.stem for p in (Path(UI) / "pages").glob("*.py")}
    assert files == {page for pages in PAGES.values() for page in pages}


@pytest.mark.parametrize("role", list(PAGES))
def test_no_page_speaks_in_internal_names(club: dict[str, User], role: str) -> None:
    problems = {page: internal_names(open_as(club[role], page)) for page in PAGES[role]}
    problems = {page: found for page, found in problems.items() if found}
    assert not problems, "\n".join(
        f"{role} · {page}:\n  " + "\n  ".join(sorted(set(found))[:15])
        for page, found in problems.items()
    )


def test_the_scanner_catches_what_it_looks_for() -> None:
    at = AppTest.from_string(
        "import streamlit as st\n"
        "st.markdown('pace_s_per_km 368.4 and `code_is_fine`')\n"
        "st.json({'warmup_s': 0})\n"
        "st.caption('who 2 … insert recommendations #4459')\n"
        "st.code('left_alone = {}')\n"
        "st.dataframe({'zone': ['T', 'Threshold (T)']})\n"
    )
    at.run()
    found = " ".join(internal_names(at))
    assert "'pace_s_per_km'" in found
    assert "json" in found
    assert "'#4459'" in found
    assert "key 'code_is_fine'" not in found
    assert "left_alone" not in found
    assert "code without its name 'T'" in found
    assert "Threshold (T)" not in found


def test_minutes_are_shown_as_whole_minutes_not_45_00(club: dict[str, User]) -> None:
    at = open_as(club["athlete"], "log")
    minutes = next(n for n in at.number_input if n.label == "Duration (minutes)")
    assert minutes.proto.format == "%.0f"
