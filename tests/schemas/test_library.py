"""Session templates at the boundary: the choices are the domain's lists, nothing else."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from runseason.domain.plan_model import CATEGORIES, LEVELS, PHASES
from runseason.schemas.library import TemplateCreate, TemplateUpdate

STRUCTURE = {
    "warmup_s": 600,
    "cooldown_s": 600,
    "steps": [{"repeat": 4, "work": {"duration_s": 300, "zone": "T"}}],
}


def _template(**changes: Any) -> TemplateCreate:
    fields: dict[str, Any] = {
        "code": "mine-1",
        "name": "Mine",
        "category": "tempo",
        "phases": ["build"],
        "structure": STRUCTURE,
    }
    return TemplateCreate.model_validate({**fields, **changes})


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_domain_category_is_accepted(category: str) -> None:
    assert _template(category=category).category == category


@pytest.mark.parametrize(
    ("field", "value"),
    [("category", "sprint"), ("category", "race"), ("level", "elite"), ("phases", ["offseason"])],
)
def test_a_choice_outside_the_domain_lists_is_refused_by_name(field: str, value: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        _template(**{field: value})
    assert refused.value.errors()[0]["loc"][0] == field


def test_phases_and_levels_are_the_domain_lists() -> None:
    template = _template(phases=list(PHASES), level=LEVELS[0])
    assert tuple(template.phases) == PHASES
    assert TemplateUpdate(level=LEVELS[-1]).level == LEVELS[-1]


def test_the_api_documents_the_domain_categories_as_the_choices() -> None:
    schema = TemplateCreate.model_json_schema()
    assert tuple(schema["properties"]["category"]["enum"]) == CATEGORIES


def test_a_structure_without_work_is_refused() -> None:
    with pytest.raises(ValidationError, match="at least one block of work"):
        _template(structure={"steps": []})
