"""The organization's coaching settings."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from runseason.api.deps import CurrentActor, Db
from runseason.services import coaching_settings

router = APIRouter(tags=["coaching"])


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
