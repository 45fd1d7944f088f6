"""Organizations, users and athlete profiles at the boundary."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, EmailStr, Field

from runseason.schemas.common import Input, Output, check_timezone

Role = Literal["admin", "coach", "athlete"]
TimeZone = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(check_timezone)]
Unit = Literal["km", "mi"]


class OrganizationCreate(Input):
    """A new tenant."""

    name: str = Field(min_length=2, max_length=200)
    slug: str = Field(min_length=2, max_length=80, pattern=r"^[a-z0-9][a-z0-9-]*$")
    timezone: TimeZone = "UTC"


class OrganizationErase(Input):
    """The confirmation of an organization's erasure: its short name, typed back."""

    confirmation: str = Field(
        min_length=1, max_length=80, description="The organization's slug, typed back."
    )


class OrganizationRead(Output):
    """A tenant as shown to its admins."""

    id: int
    name: str
    slug: str
    timezone: str
    is_demo: bool


class UserCreate(Input):
    """A new account; athletes also get their profile."""

    email: EmailStr
    full_name: str = Field(min_length=1, max_length=200)
    role: Role
    timezone: TimeZone = "UTC"
    unit_preference: Unit = "km"
    sex: Literal["female", "male", "unspecified"] = "unspecified"
    birth_year: int | None = Field(None, ge=1900, le=2100)
    level: Literal["beginner", "intermediate", "advanced", "elite"] = "intermediate"
    coach_id: int | None = None


class UserRead(Output):
    """An account as listed to admins (never its hash)."""

    id: int
    organization_id: int
    email: str
    full_name: str
    role: str
    is_active: bool
    must_change_password: bool
    timezone: str
    unit_preference: str
    last_login_at: datetime | None
    locked_until: datetime | None = None
    athlete_id: int | None = None


class TemporaryPassword(Output):
    """A new temporary password, shown once; the account must change it at sign-in."""

    temporary_password: str


class CreatedUser(Output):
    """A new account and its temporary password, shown once."""

    user: UserRead
    temporary_password: str


class ProfileUpdate(Input):
    """What a user changes about themself: display preferences."""

    full_name: str | None = Field(None, min_length=1, max_length=200)
    timezone: TimeZone | None = None
    unit_preference: Unit | None = None


class AthleteRead(Output):
    """An athlete's profile."""

    id: int
    organization_id: int
    user_id: int
    display_name: str
    timezone: str
    unit_preference: str
    sex: str
    birth_year: int | None
    level: str
    hr_max: int | None
    hr_rest: int | None
    lthr: int | None
    threshold_pace_s_per_km: float | None
    vdot: float | None
    current_weekly_distance_m: float | None
    available_weekdays: list[int]
    preferred_long_run_day: int | None
    home_altitude_m: float | None = None
    is_active: bool


class AthleteUpdate(Input):
    """Physiology and training facts a coach (or the athlete) keeps current."""

    display_name: str | None = Field(None, min_length=1, max_length=200)
    sex: Literal["female", "male", "unspecified"] | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    level: Literal["beginner", "intermediate", "advanced", "elite"] | None = None
    hr_max: int | None = Field(None, ge=100, le=240)
    hr_rest: int | None = Field(None, ge=25, le=120)
    lthr: int | None = Field(None, ge=90, le=230)
    threshold_pace_s_per_km: float | None = Field(None, ge=120, le=900)
    vdot: float | None = Field(None, ge=20, le=90)
    current_weekly_distance_m: float | None = Field(None, ge=0, le=400_000)
    available_weekdays: list[Annotated[int, Field(ge=0, le=6)]] | None = Field(
        None, min_length=1, max_length=7
    )
    preferred_long_run_day: int | None = Field(None, ge=0, le=6)
    home_altitude_m: float | None = Field(None, ge=-500, le=6000)
    timezone: TimeZone | None = None
    unit_preference: Unit | None = None


class AssignmentRead(Output):
    """A coach's responsibility for an athlete over a period."""

    id: int
    coach_id: int
    athlete_id: int
    role: str
    started_at: datetime
    ended_at: datetime | None
