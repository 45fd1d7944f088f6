"""An athlete's zones and paces at the boundary."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from runseason.schemas.common import Input, Output


class ZoneRead(Output):
    """One zone: bpm for heart rate, seconds per km for pace (slow bound first)."""

    name: str
    low: float
    high: float
    overridden: bool = False


class ZonesRead(Output):
    """The zones in use for an athlete, and where each set comes from."""

    athlete_id: int
    vdot: float | None
    vdot_source: str | None
    pace: list[ZoneRead]
    heart_rate: list[ZoneRead]
    heart_rate_method: str | None
    missing: list[str]


class ZoneOverride(Input):
    """A coach's hand-set bounds for one zone; ``clear`` removes the override."""

    kind: Literal["pace", "heart_rate"]
    name: str = Field(min_length=1, max_length=8)
    low: float | None = Field(None, ge=0, le=1200)
    high: float | None = Field(None, ge=0, le=1200)
    clear: bool = False

    @model_validator(mode="after")
    def _bounds(self) -> ZoneOverride:
        if not self.clear and (self.low is None or self.high is None):
            raise ValueError("give low and high, or clear")
        return self
