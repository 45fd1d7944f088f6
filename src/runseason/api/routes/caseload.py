"""The caseload: one row per athlete, sortable, filterable and searchable."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from runseason.api.deps import Bucket, CurrentActor, Db, PageNumber, PageSize
from runseason.api.router import Router
from runseason.schemas.coaching import CaseloadRead
from runseason.services.views import caseload

router = Router(tags=["coaching"])


@router.get("/caseload", response_model=CaseloadRead)
def get_caseload(
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 50,
    bucket: Bucket = None,
    sort: Annotated[Literal["risk", "name", "readiness", "form"], Query()] = "risk",
    search: Annotated[str | None, Query(max_length=100)] = None,
    group: Annotated[
        int | None, Query(ge=1, le=2**63 - 1, description="A training group's id.")
    ] = None,
) -> CaseloadRead:
    """One row per athlete, sortable, filterable (by risk bucket and training group) and
    searchable; the bucket counts follow the group."""
    return caseload.get_caseload(
        session,
        actor,
        page=page,
        page_size=page_size,
        sort=sort,
        bucket=bucket,
        search=search,
        group_id=group,
    )
