"""Data rights: an athlete's whole data as one download, its erasure, an organization's erasure."""

from __future__ import annotations

from fastapi import Response

from runseason.api.deps import CurrentActor, Db, Now, PathId
from runseason.api.router import Router
from runseason.api.threads import long_request
from runseason.schemas.accounts import OrganizationErase
from runseason.services import data_rights, erasure

router = Router(tags=["athletes"])


@router.get(
    "/athletes/{athlete_id}/export",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}}},
)
@long_request
def export_athlete_data(athlete_id: PathId, actor: CurrentActor, session: Db, now: Now) -> Response:
    """Everything held about the athlete as a ZIP of JSON and CSV (the athlete, or an admin)."""
    content = data_rights.export_athlete_data(session, actor, athlete_id, now=now)
    name = f"runseason-athlete-{athlete_id}-{now:%Y%m%d}.zip"
    return Response(
        content,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post("/athletes/{athlete_id}/erase")
def erase_athlete(
    athlete_id: PathId, actor: CurrentActor, session: Db, now: Now
) -> dict[str, dict[str, int]]:
    """Erase the athlete and everything held about them (an administrator; it cannot be undone).
    The answer counts the rows erased per table; one audit tombstone records the erasure."""
    return {"erased_rows": erasure.erase_athlete(session, actor, athlete_id, now=now)}


@router.post("/organizations/{organization_id}/erase", tags=["organization"])
def erase_organization(
    organization_id: PathId, data: OrganizationErase, actor: CurrentActor, session: Db, now: Now
) -> dict[str, dict[str, int]]:
    """Erase the whole organization: every person in it and everything held about them (an
    administrator of it, typing its slug back as ``confirmation``; it cannot be undone). The
    answer counts the rows erased per table; one audit tombstone, naming no one, stays."""
    erased = erasure.erase_organization(
        session, actor, organization_id, confirmation=data.confirmation, now=now
    )
    return {"erased_rows": erased}
