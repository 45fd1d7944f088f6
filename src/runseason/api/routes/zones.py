"""An athlete's pace and heart-rate zones and the coach's overrides."""

from __future__ import annotations

from runseason.api.deps import CurrentActor, Db, PathId
from runseason.api.router import Router
from runseason.schemas.zones import ZoneOverride, ZonesRead
from runseason.services.plans import zones

router = Router(tags=["athletes"])


@router.get("/athletes/{athlete_id}/zones", response_model=ZonesRead)
def get_zones(athlete_id: PathId, actor: CurrentActor, session: Db) -> ZonesRead:
    """The athlete's pace and heart-rate zones, with where each comes from."""
    return zones.get_zones(session, actor, athlete_id)


@router.put("/athletes/{athlete_id}/zones", response_model=ZonesRead)
def override_zone(
    athlete_id: PathId, data: ZoneOverride, actor: CurrentActor, session: Db
) -> ZonesRead:
    """Set or clear a coach's bounds for one zone."""
    return zones.override_zone(session, actor, athlete_id, data)
