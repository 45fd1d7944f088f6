"""The built-in session library."""

from __future__ import annotations

import pytest

from runseason.domain.library import builtin_templates, resolve, structure_load
from runseason.domain.plan_templates import validate_catalogue
from runseason.domain.workout_structure import structure_duration_s, validate_structure
from runseason.errors import InvalidInput

TEMPLATES = builtin_templates()


def test_at_least_120_templates_with_unique_codes_covering_every_category() -> None:
    assert len(TEMPLATES) >= 120
    assert len({t.code for t in TEMPLATES}) == len(TEMPLATES)
    assert len({t.category for t in TEMPLATES}) == 11
    validate_catalogue([t.catalogue_entry() for t in TEMPLATES])


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.code)
def test_every_template_is_valid_and_sensible(template: object) -> None:
    validate_structure(template.structure)  # type: ignore[attr-defined]
    assert 10 * 60 <= template.duration_s <= 4 * 3600  # type: ignore[attr-defined]
    assert 1 <= template.rpe_target <= 9  # type: ignore[attr-defined]


def test_duration_and_load_from_the_structure() -> None:
    structure = {
        "warmup_s": 600,
        "cooldown_s": 600,
        "steps": [
            {
                "repeat": 4,
                "work": {"duration_s": 240, "zone": "I"},
                "recover": {"duration_s": 120, "zone": "jog"},
            }
        ],
    }
    assert structure_duration_s(structure) == 600 + 4 * 360 + 600
    # Foster: 20 min E at RPE 3, 16 min at 8.5, 8 min jog at 2, in stress points (÷ 4.5)
    assert structure_load(structure) == pytest.approx((20 * 3 + 16 * 8.5 + 8 * 2) / 4.5)


@pytest.mark.parametrize(
    "structure",
    [
        {"steps": []},
        {"steps": [{"repeat": 0, "work": {"duration_s": 60, "zone": "T"}}]},
        {"steps": [{"repeat": 1, "work": {"duration_s": 60, "zone": "T"}}]},
    ],
)
def test_invalid_structures_are_refused(structure: dict) -> None:
    with pytest.raises(InvalidInput):
        validate_structure(structure)


def test_resolve_needs_a_vdot_for_distances() -> None:
    tempo = next(t for t in TEMPLATES if t.category == "tempo")
    assert resolve(tempo.structure, None)[1] is None
    steps, distance = resolve(tempo.structure, 50)
    assert distance is not None
    assert distance > 5000
    assert any(s.zone == "T" and s.pace_s_per_km for s in steps)
