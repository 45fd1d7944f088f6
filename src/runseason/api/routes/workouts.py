"""A planned session as a workout file for the watch (FIT) or a treadmill app (ZWO)."""

from __future__ import annotations

from typing import Literal

from fastapi import Query, Response

from runseason.api.deps import CurrentActor, Db, Now, PathId
from runseason.api.router import Router
from runseason.services import workouts

router = Router(tags=["athletes"])


@router.get("/planned-sessions/{session_id}/workout", response_class=Response)
def workout_file(
    session_id: PathId,
    actor: CurrentActor,
    session: Db,
    now: Now,
    fmt: Literal["fit", "zwo"] = Query("fit", alias="format"),
) -> Response:
    """The session as a structured workout: `format=fit` for Garmin watches, `zwo` for apps."""
    file = workouts.export_workout(session, actor, session_id, fmt, now=now)
    disposition = f'attachment; filename="{file.filename}"'
    return Response(
        file.content, media_type=file.media_type, headers={"Content-Disposition": disposition}
    )
