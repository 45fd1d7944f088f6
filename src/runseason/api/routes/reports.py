"""Reports to hand over: an athlete's season and a coach's caseload as PDF, workbook or CSV."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query
from fastapi.responses import Response

from runseason.api.deps import CurrentActor, Db, Now, PathId
from runseason.api.router import Router
from runseason.api.threads import long_request
from runseason.services.reports import files

router = Router(tags=["reports"])

Season = Annotated[
    int | None, Query(ge=2000, le=2200, description="The year; this one by default.")
]
Format = Annotated[files.Format, Query(alias="format", description="pdf, xlsx or csv.")]
FILE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {media: {} for media in files.MEDIA_TYPES.values()},
        "description": "The report as a file to download.",
    }
}


def _download(made: files.ReportFile) -> Response:
    disposition = f'attachment; filename="{made.filename}"'
    return Response(
        made.content, media_type=made.media_type, headers={"Content-Disposition": disposition}
    )


@router.get("/athletes/{athlete_id}/reports/season", response_class=Response, responses=FILE)
@long_request
def athlete_season_report(
    athlete_id: PathId,
    actor: CurrentActor,
    session: Db,
    now: Now,
    fmt: Format = "pdf",
    season: Season = None,
) -> Response:
    """An athlete's season report: volume, races, personal bests, month by month, injuries."""
    return _download(
        files.athlete_report(session, actor, athlete_id, now=now, fmt=fmt, season=season)
    )


@router.get("/reports/caseload", response_class=Response, responses=FILE)
@long_request
def caseload_report(
    actor: CurrentActor,
    session: Db,
    now: Now,
    fmt: Format = "pdf",
    season: Season = None,
    coach_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
) -> Response:
    """A coach's caseload report: the season's outcomes and every athlete's figures today."""
    return _download(
        files.caseload_report(session, actor, now=now, fmt=fmt, season=season, coach_id=coach_id)
    )
