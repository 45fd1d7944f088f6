"""What every page shares: units, forms validated in place, refused calls shown as messages."""

from __future__ import annotations

import pytest
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
