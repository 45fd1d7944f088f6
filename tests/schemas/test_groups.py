"""Training groups at the boundary: names trimmed and bounded, athletes counted once."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from runseason.schemas.groups import GroupCreate, GroupMembers, GroupRename


def test_a_name_is_trimmed_and_the_athletes_counted_once_in_order() -> None:
    data = GroupCreate(name="  Marathon squad ", athlete_ids=[3, 1, 3])
    assert (data.name, data.athlete_ids) == ("Marathon squad", [3, 1])
    assert GroupCreate(name="Juniors").athlete_ids == []
    assert GroupMembers(athlete_ids=[2, 2]).athlete_ids == [2]


@pytest.mark.parametrize(
    ("model", "body", "field"),
    [
        (GroupCreate, {"name": ""}, "name"),
        (GroupCreate, {"name": "   "}, "name"),
        (GroupCreate, {"name": "x" * 81}, "name"),
        (GroupCreate, {"name": "A", "athlete_ids": [0]}, "athlete_ids"),
        (GroupCreate, {"name": "A", "athlete_ids": [True]}, "athlete_ids"),
        (GroupCreate, {"name": "A", "colour": "red"}, "colour"),
        (GroupRename, {"name": ""}, "name"),
        (GroupMembers, {}, "athlete_ids"),
        (GroupMembers, {"athlete_ids": list(range(1, 1002))}, "athlete_ids"),
    ],
)
def test_bad_input_names_its_field(model: type, body: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError, match=field):
        model.model_validate(body)
