"""The base models: inputs refuse unknown fields and NUL characters; outputs read attributes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pydantic import ValidationError

from runseason.schemas.common import Input, Output, Page, check_timezone


class Named(Input):
    name: str


class Shown(Output):
    name: str


def test_inputs_trim_text_and_refuse_unknown_fields() -> None:
    assert Named(name="  Greta ").name == "Greta"
    with pytest.raises(ValidationError, match="extra"):
        Named.model_validate({"name": "x", "admin": True})


def test_text_with_a_nul_character_is_refused() -> None:
    with pytest.raises(ValidationError, match="NUL"):
        Named(name="a\x00b")


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
