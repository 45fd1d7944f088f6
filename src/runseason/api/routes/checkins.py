"""The morning check-in: submit, correct and read check-ins with their readiness."""

from __future__ import annotations

from fastapi.responses import JSONResponse

from runseason.api.deps import CurrentActor, Db, Now, PageNumber, PageSize, PathId
from runseason.api.replay import Post
from runseason.api.router import Router
from runseason.schemas.checkins import CheckInCreate, CheckInRead, CheckInSubmitted
from runseason.schemas.common import Page
from runseason.services import briefing, checkins

router = Router(tags=["athletes"])


@router.post(
    "/athletes/{athlete_id}/checkins",
    status_code=201,
    responses={201: {"model": CheckInSubmitted}},
)
def submit_checkin(
    athlete_id: PathId,
    data: CheckInCreate,
    post: Post,
) -> JSONResponse:
    """Submit the morning check-in; the answer carries readiness and today's briefing."""

    def produce() -> CheckInSubmitted:
        read = checkins.submit_checkin(post.session, post.actor, athlete_id, data, now=post.now)
        advice = briefing.get_briefing(
            post.session, post.actor, athlete_id, now=post.now, checkin=read
        )
        return CheckInSubmitted(checkin=read, briefing=advice)

    return post.respond(data, produce)


@router.get("/athletes/{athlete_id}/checkins", response_model=Page[CheckInRead])
def list_checkins(
    athlete_id: PathId,
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 30,
) -> Page[CheckInRead]:
    """Check-ins, newest first."""
    return checkins.list_checkins(session, actor, athlete_id, page=page, page_size=page_size)


@router.put("/checkins/{checkin_id}", response_model=CheckInRead)
def update_checkin(
    checkin_id: PathId, data: CheckInCreate, actor: CurrentActor, session: Db, now: Now
) -> CheckInRead:
    """Correct a check-in."""
    return checkins.update_checkin(session, actor, checkin_id, data, now=now)


@router.get("/checkins/{checkin_id}", response_model=CheckInRead)
def get_checkin(checkin_id: PathId, actor: CurrentActor, session: Db) -> CheckInRead:
    """One check-in with its readiness."""
    return checkins.get_checkin(session, actor, checkin_id)
