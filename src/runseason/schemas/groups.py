"""Training groups at the boundary: a name, the athletes in it, what the reader may change."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, field_validator

from runseason.schemas.common import Input, Output

GroupName = Annotated[str, Field(min_length=1, max_length=80)]
AthleteIds = Annotated[
    list[int], Field(max_length=1000, description="The athletes' ids; repeats count once.")
]
BIGGEST_ID = 2**63 - 1


def _once_each(ids: list[int]) -> list[int]:
    """Each id once, in the order given; an id outside the database's range is refused."""
    for athlete_id in ids:
        if not 1 <= athlete_id <= BIGGEST_ID:
            raise ValueError(f"{athlete_id} is not an athlete's id (ids start at 1)")
    return list(dict.fromkeys(ids))


class GroupCreate(Input):
    """A new group: its name and, if you like, its first athletes."""

    name: GroupName
    athlete_ids: AthleteIds = Field(default_factory=list)

    _unique = field_validator("athlete_ids")(_once_each)


class GroupRename(Input):
    """A group's new name."""

    name: GroupName


class GroupMembers(Input):
    """The athletes a group holds from now on (of those you may see; the others stay)."""

    athlete_ids: AthleteIds

    _unique = field_validator("athlete_ids")(_once_each)


class GroupRead(Output):
    """A group with the athletes in it that the reader sees (a coach: their own athletes)."""

    id: int
    name: str
    members: int
    athlete_ids: list[int]
    may_manage: bool = Field(
        description="Whether the reader may rename or delete it (admins; the coach who made it)."
    )
    created_at: datetime
