"""Accounts at the boundary: organizations, users and athlete profiles."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from runseason.schemas.accounts import AthleteUpdate, OrganizationCreate, UserCreate


def test_a_user_with_a_real_time_zone_and_email() -> None:
    user = UserCreate.model_validate(
        {
            "email": "greta@northside.org",
            "full_name": "Greta",
            "role": "athlete",
            "timezone": "Europe/Oslo",
        }
    )
    assert user.role == "athlete"
    with pytest.raises(ValidationError, match="time zone"):
        UserCreate.model_validate(
            {"email": "g@n.org", "full_name": "G", "role": "athlete", "timezone": "Nowhere/Land"}
        )
    with pytest.raises(ValidationError) as refused:
        UserCreate.model_validate({"email": "not-an-email", "full_name": "G", "role": "coach"})
    assert refused.value.errors()[0]["loc"] == ("email",)


def test_an_organization_slug_is_lowercase_words() -> None:
    assert OrganizationCreate(name="Northside", slug="north-side").slug == "north-side"
    with pytest.raises(ValidationError):
        OrganizationCreate(name="Northside", slug="North Side")


@pytest.mark.parametrize(
    "changes", [{"hr_max": 300}, {"available_weekdays": [7]}, {"level": "pro"}, {"vdot": 5}]
)
def test_athlete_profile_values_out_of_range_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        AthleteUpdate.model_validate(changes)
