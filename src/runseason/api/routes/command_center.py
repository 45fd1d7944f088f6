"""The Command Center: this morning's queue of athletes who need their coach."""

from __future__ import annotations

from runseason.api.deps import Bucket, CurrentActor, Db, Now, PageNumber, PageSize
from runseason.api.router import Router
from runseason.schemas.coaching import CommandCenterRead
from runseason.services.views import command_center

router = Router(tags=["coaching"])


@router.get("/command-center", response_model=CommandCenterRead)
def get_command_center(
    actor: CurrentActor,
    session: Db,
    now: Now,
    page: PageNumber = 1,
    page_size: PageSize = 25,
    bucket: Bucket = None,
) -> CommandCenterRead:
    """This morning's queue: who needs you and why, ranked by risk and SLA."""
    return command_center.get_command_center(
        session, actor, now=now, page=page, page_size=page_size, bucket=bucket
    )
