"""Recommendations, interventions and coach actions as tables: types, statuses and answers from
their lists, risks within 0–1, and one unresolved intervention per athlete and cause."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import CoachAction, Intervention, Recommendation
from tests.db.models.checks import accepted, refused
from tests.factories import NOW, World
from tests.services.coaching_days import riley_red_patch


def test_a_recommendation_keeps_to_its_lists_and_its_risk_to_0_1(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    rec = db.scalars(select(Recommendation).where(Recommendation.athlete_id == world.riley.id))
    row = next(iter(rec))
    refused(db, row, "type_valid", type="pray")
    refused(db, row, "status_valid", status="pondering")
    refused(db, row, "athlete_answer_valid", athlete_answer="maybe")
    refused(db, row, "risk_range", risk=1.2)
    refused(db, row, "confidence_range", confidence=-0.1)


def test_one_unresolved_intervention_per_athlete_and_cause(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    item = db.scalars(
        select(Intervention).where(
            Intervention.athlete_id == world.riley.id, Intervention.cause == "pain"
        )
    ).one()
    refused(db, item, "status_valid", status="ignored")
    refused(db, item, "risk_range", risk=-0.5)

    def again() -> Intervention:
        return Intervention(
            organization_id=item.organization_id,
            athlete_id=item.athlete_id,
            cause="pain",
            title="Pain again",
            risk=0.7,
            severity=0.7,
            opened_at=NOW,
            last_evidence_at=NOW,
        )

    refused(db, again(), "interventions")
    item.status = "resolved"
    db.flush()
    accepted(db, again())  # the resolved one is history


def test_a_coach_action_is_one_of_the_known_actions(db: Session, world: World) -> None:
    action = CoachAction(
        organization_id=world.north.id,
        athlete_id=world.riley.id,
        actor_id=world.asha.id,
        action="note",
        created_at=NOW,
    )
    accepted(db, action)
    refused(db, action, "action_valid", action="shrug")
