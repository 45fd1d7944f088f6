"""The base models: inputs refuse unknown fields and NUL characters; outputs read attributes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pydantic import Field, ValidationError

from runseason.schemas.common import Input, Output, Page, check_timezone


class Named(Input):
    name: str


class Counted(Input):
    repeats: int
    pace_s: float | None = None
    weekdays: list[int] = Field(default_factory=list)
    shared: bool = False


class Shown(Output):
    name: str


def test_inputs_trim_text_and_refuse_unknown_fields() -> None:
    assert Named(name="  Greta ").name == "Greta"
    with pytest.raises(ValidationError, match="extra"):
        Named.model_validate({"name": "x", "admin": True})


def test_text_with_a_nul_character_is_refused() -> None:
    with pytest.raises(ValidationError, match="NUL"):
        Named(name="a\x00b")


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({"repeats": True}, "repeats"),
        ({"repeats": 3, "pace_s": False}, "pace_s"),
        ({"repeats": 3, "weekdays": [1, True]}, "weekdays"),
    ],
)
def test_true_or_false_is_never_read_as_a_number(given: dict[str, object], named: str) -> None:
    with pytest.raises(ValidationError, match=f"{named} must be a number, not true or false"):
        Counted.model_validate(given)


def test_numbers_and_true_false_fields_still_take_their_own_values() -> None:
    taken = Counted.model_validate({"repeats": 3, "pace_s": 300, "weekdays": [1], "shared": True})
    assert (taken.repeats, taken.pace_s, taken.weekdays, taken.shared) == (3, 300.0, [1], True)


def test_outputs_are_built_from_attributes_and_pages_carry_totals() -> None:
    @dataclass
    class Row:
        name: str

    page = Page[Shown](items=[Shown.model_validate(Row("Greta"))], page=1, page_size=10, total=1)
    assert page.items[0].name == "Greta"


def test_time_zones_are_iana_names() -> None:
    assert check_timezone("Europe/Oslo") == "Europe/Oslo"
    with pytest.raises(ValueError, match="not a known time zone"):
        check_timezone("Mars/Olympus")
