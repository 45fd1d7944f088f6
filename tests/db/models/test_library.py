"""Session templates as a table: one code per organization, an RPE within 0–10 and no negative
duration or load, intermediate, easy and the organization's own by default."""

from __future__ import annotations

from sqlalchemy.orm import Session

from runseason.db.models import SessionTemplate
from tests.db.models.checks import accepted, refused
from tests.factories import World


def _template(world: World, code: str = "club-hills") -> SessionTemplate:
    return SessionTemplate(
        organization_id=world.north.id,
        code=code,
        name="Club hills",
        category="hills",
        purpose="Strength on the hill by the club house",
        rpe_target=7,
        estimated_duration_s=3000,
        estimated_load=350,
    )


def test_a_template_is_intermediate_and_easy_by_default(db: Session, world: World) -> None:
    template = _template(world)
    accepted(db, template)
    assert (template.level, template.is_hard, template.phases) == ("intermediate", False, [])
    assert (template.scalable, template.is_builtin, template.is_archived) == (False, False, False)


def test_a_template_refuses_an_rpe_past_10_and_negative_estimates(
    db: Session, world: World
) -> None:
    template = _template(world)
    accepted(db, template, rpe_target=10)
    refused(db, template, "rpe_target_range", rpe_target=11)
    refused(db, template, "estimated_duration_s_non_negative", estimated_duration_s=-60)
    refused(db, template, "estimated_load_non_negative", estimated_load=-1)


def test_a_code_is_used_once_per_organization(db: Session, world: World) -> None:
    accepted(db, _template(world))
    refused(db, _template(world), "session_templates")
    other = _template(world)
    other.organization_id = world.south.id
    accepted(db, other)
