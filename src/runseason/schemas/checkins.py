"""The morning check-in at the boundary."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from runseason.schemas.briefing import BriefingRead
from runseason.schemas.common import Input, Output


class CheckInCreate(Input):
    """This morning's check-in; 1–5 scales where 5 is best (5 = very relaxed for stress).

    Every item may be left out (not answered); readiness needs at least one of sleep, energy,
    recovery, stress or the hours slept.
    """

    sleep_quality: int | None = Field(None, ge=1, le=5)
    energy: int | None = Field(None, ge=1, le=5)
    recovery: int | None = Field(None, ge=1, le=5)
    stress: int | None = Field(None, ge=1, le=5)
    mood: int | None = Field(None, ge=1, le=5)
    sleep_hours: float | None = Field(None, ge=0, le=24)
    resting_hr: int | None = Field(None, ge=25, le=250)
    hrv_rmssd: float | None = Field(None, ge=1, le=500)
    illness: bool = False
    pain_severity: int | None = Field(None, ge=0, le=10)
    pain_location: str | None = Field(None, max_length=100)
    pain_alters_gait: bool | None = None
    fever: bool | None = None
    temperature_c: float | None = Field(None, ge=-40, le=55)
    dew_point_c: float | None = Field(None, ge=-60, le=40)
    altitude_m: float | None = Field(None, ge=-500, le=6000)
    note: str | None = Field(None, max_length=2000)
    local_date: date | None = None

    @model_validator(mode="after")
    def _something_answered(self) -> CheckInCreate:
        answers = (self.sleep_quality, self.energy, self.recovery, self.stress, self.sleep_hours)
        if all(a is None for a in answers):
            raise ValueError(
                "answer at least one of sleep quality, energy, recovery, stress or hours slept"
            )
        return self

    @model_validator(mode="after")
    def _pain_location_needs_pain(self) -> CheckInCreate:
        if self.pain_location and not self.pain_severity:
            raise ValueError("give a pain severity (1–10) with a pain location")
        return self

    @field_validator("dew_point_c")
    @classmethod
    def _dew_point_not_above_temperature(
        cls, value: float | None, info: ValidationInfo
    ) -> float | None:
        temperature = info.data.get("temperature_c")
        if value is not None and temperature is None:
            raise ValueError("give the temperature with a dew point")
        if value is not None and temperature is not None and value > temperature:
            raise ValueError("the dew point cannot be above the temperature")
        return value


class FactorRead(Output):
    """One reason behind a readiness score."""

    item: str
    value: float
    z: float | None
    flag: str
    text: str


class CheckInRead(Output):
    """A stored check-in with its readiness."""

    id: int
    athlete_id: int
    local_date: date
    sleep_quality: int | None
    energy: int | None
    recovery: int | None
    stress: int | None
    mood: int | None
    sleep_hours: float | None
    resting_hr: int | None
    hrv_rmssd: float | None
    illness: bool
    pain_severity: int | None
    pain_location: str | None
    pain_alters_gait: bool | None = None
    fever: bool | None = None
    temperature_c: float | None = None
    dew_point_c: float | None = None
    altitude_m: float | None = None
    note: str | None
    submitted_at: datetime
    readiness_score: float | None = None
    readiness_band: str | None = None
    factors: list[dict[str, Any]] = Field(default_factory=list)
    capped_by: str | None = None


class CheckInSubmitted(Output):
    """A stored check-in with its readiness, and the day's briefing adapted to it."""

    checkin: CheckInRead
    briefing: BriefingRead
