"""A coach's zone override at the boundary."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from runseason.schemas.zones import ZoneOverride


def test_an_override_gives_both_bounds_or_clears() -> None:
    assert ZoneOverride(kind="pace", name="T", low=240, high=250).high == 250
    assert ZoneOverride(kind="heart_rate", name="Z2", clear=True).clear
    with pytest.raises(ValidationError, match="give low and high, or clear"):
        ZoneOverride(kind="pace", name="T", low=240)
    with pytest.raises(ValidationError):
        ZoneOverride.model_validate({"kind": "power", "name": "Z1", "clear": True})
