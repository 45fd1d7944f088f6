"""An imported session in depth: laps, splits, zones and best efforts, and its sample streams."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from runseason.api.deps import CurrentActor, Db, PathId
from runseason.api.router import Router
from runseason.schemas.activities import (
    ActivityRead,
    ActivityStreamsRead,
    ProfileSuggestionAnswer,
    ProfileSuggestionRead,
)
from runseason.services import activities, profile_suggestions

router = Router(tags=["athletes"])

Points = Annotated[
    int | None,
    Query(ge=2, le=activities.MAX_POINTS, description="Thin the samples to at most this many."),
]


@router.get("/athletes/{athlete_id}/activities/{activity_id}", response_model=ActivityRead)
def get_activity(
    athlete_id: PathId, activity_id: PathId, actor: CurrentActor, session: Db
) -> ActivityRead:
    """A logged session with its laps, splits (in the athlete's unit), time in zones, best
    efforts, the planned session it answered and which data its load came from."""
    return activities.get_activity(session, actor, athlete_id, activity_id)


@router.get(
    "/athletes/{athlete_id}/activities/{activity_id}/streams", response_model=ActivityStreamsRead
)
def get_activity_streams(
    athlete_id: PathId,
    activity_id: PathId,
    actor: CurrentActor,
    session: Db,
    points: Points = None,
) -> ActivityStreamsRead:
    """The session's samples column by column (seconds, metres, bpm, rpm, watts, metres,
    metres per second, degrees), thinned evenly to ``points`` when given."""
    return activities.get_activity_streams(session, actor, athlete_id, activity_id, points=points)


@router.get(
    "/athletes/{athlete_id}/profile-suggestions", response_model=list[ProfileSuggestionRead]
)
def list_profile_suggestions(
    athlete_id: PathId, actor: CurrentActor, session: Db
) -> list[ProfileSuggestionRead]:
    """What the athlete's recorded sessions suggest for their VDOT, maximum heart rate and LTHR
    (nothing changes until a coach accepts)."""
    return profile_suggestions.list_profile_suggestions(session, actor, athlete_id)


@router.post(
    "/athletes/{athlete_id}/profile-suggestions", response_model=list[ProfileSuggestionRead]
)
def answer_profile_suggestion(
    athlete_id: PathId, data: ProfileSuggestionAnswer, actor: CurrentActor, session: Db
) -> list[ProfileSuggestionRead]:
    """A coach accepts a suggestion (the profile and zones change) or ignores it; the
    suggestions left."""
    return profile_suggestions.answer_profile_suggestion(session, actor, athlete_id, data)
