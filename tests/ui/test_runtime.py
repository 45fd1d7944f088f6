"""What every page shares: units, forms validated in place, refused calls shown as messages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from runseason.db.models import User
from runseason.ui import runtime


@pytest.mark.parametrize(
    ("value", "unit", "shown"), [(None, "km", "-"), (10_000, "km", "10.00 km")]
)
def test_distances_in_the_person_s_unit(value: float | None, unit: str, shown: str) -> None:
    assert runtime.distance(value, unit) == shown  # type: ignore[arg-type]


def test_durations_and_units() -> None:
    assert runtime.duration(None) == "-"
    assert runtime.duration(3725) == "1:02:05"
    assert runtime.unit_of(User(unit_preference="mi")) == "mi"
    assert runtime.unit_of(User(unit_preference="km")) == "km"


FORM_PAGE = """
from runseason.errors import NotFound
from runseason.schemas.cases import TaskCreate
from runseason.ui import runtime


def refuse(_session):
    raise NotFound("That athlete is not on your caseload.")


runtime.valid(TaskCreate, {"title": "What to do"}, title="", due_date="soon")
runtime.call(refuse)
"""


def test_a_bad_form_and_a_refused_call_become_messages_not_crashes(db: object) -> None:
    at = AppTest.from_string(FORM_PAGE, default_timeout=60)
    at.run()
    assert not at.exception
    messages = [e.value for e in at.error]
    assert any(m.startswith("What to do:") for m in messages), "a field is named by its label"
    assert any(m.startswith("Due date:") for m in messages), "else in plain words"
    assert messages[-1] == "That athlete is not on your caseload."


HOSTILE = [
    "![tracker](https://evil.example/pixel.png)",
    "[Reset your password](https://evil.example/login)",
    "# Loud\n**bold** _em_ <img src=x onerror=alert(1)> :red[alarm] $x^2$",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_typed_text_is_shown_as_written_never_as_markup(text: str) -> None:
    html = MarkdownIt("commonmark").render(runtime.plain(text))
    for tag in ("<img", "<a ", "<strong", "<em", "<h1"):
        assert tag not in html
    assert "https://evil.example" not in html or "href" not in html


@given(st.text(max_size=60))
def test_no_typed_text_becomes_an_image_or_a_link(text: str) -> None:
    html = MarkdownIt("commonmark").render(runtime.plain(text))
    assert "<img" not in html
    assert "<a " not in html


def test_risk_buckets_read_as_coloured_words_without_emoji() -> None:
    for key, label in runtime.BUCKET_LABELS.items():
        assert label.endswith(key.replace("_", " "))
        assert label.startswith((":red[", ":orange[", ":green["))
        assert all(ord(ch) < 0x2000 for ch in label), label
