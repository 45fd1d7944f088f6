"""The organization's coaching settings, and the automation mode of a coach or an athlete."""

from __future__ import annotations

from typing import Any

from runseason.api.deps import CurrentActor, Db
from runseason.api.router import Router
from runseason.schemas.coaching import AutomationRead, AutomationUpdate
from runseason.services import coaching_settings

router = Router(tags=["coaching"])


@router.get("/settings")
def get_settings_route(actor: CurrentActor, session: Db) -> dict[str, Any]:
    """Your organization's effective coaching settings."""
    return coaching_settings.get_organization_settings(session, actor).model_dump(mode="json")


@router.patch("/settings")
def update_settings(changes: dict[str, Any], actor: CurrentActor, session: Db) -> dict[str, Any]:
    """Change coaching settings (admins); the result is validated as a whole."""
    return coaching_settings.update_organization_settings(session, actor, changes).model_dump(
        mode="json"
    )


@router.put("/coaches/{user_id}/automation", response_model=AutomationRead)
def set_coach_automation(
    user_id: int, data: AutomationUpdate, actor: CurrentActor, session: Db
) -> AutomationRead:
    """Set or clear a coach's automation mode (over the organization's)."""
    return coaching_settings.set_automation_mode(session, actor, "coach", user_id, data)


@router.put("/athletes/{athlete_id}/automation", response_model=AutomationRead)
def set_athlete_automation(
    athlete_id: int, data: AutomationUpdate, actor: CurrentActor, session: Db
) -> AutomationRead:
    """Set or clear one athlete's automation mode (over their coach's and the organization's)."""
    return coaching_settings.set_automation_mode(session, actor, "athlete", athlete_id, data)


@router.get("/athletes/{athlete_id}/automation", response_model=AutomationRead)
def get_athlete_automation(athlete_id: int, actor: CurrentActor, session: Db) -> AutomationRead:
    """The automation mode that applies to one athlete."""
    return coaching_settings.get_athlete_automation(session, actor, athlete_id)
