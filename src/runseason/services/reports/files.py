"""The report use-cases: an athlete's season or a coach's caseload in the format asked for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy.orm import Session

from runseason.services.identity.access import Actor, use_case
from runseason.services.reports import content, render
from runseason.services.reports.content import Report

Format = Literal["pdf", "xlsx", "csv"]
MEDIA_TYPES: dict[Format, str] = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
RENDERERS: dict[Format, Callable[[Report], bytes]] = {
    "pdf": render.pdf,
    "xlsx": render.workbook,
    "csv": render.csv_text,
}


@dataclass(frozen=True, slots=True)
class ReportFile:
    """A rendered report: its file name, media type and bytes."""

    filename: str
    media_type: str
    content: bytes


def _file(report: Report, fmt: Format) -> ReportFile:
    return ReportFile(f"{report.file_stem}.{fmt}", MEDIA_TYPES[fmt], RENDERERS[fmt](report))


@use_case("athlete")
def athlete_report(
    session: Session,
    actor: Actor,
    athlete_id: int,
    *,
    now: datetime,
    fmt: Format = "pdf",
    season: int | None = None,
) -> ReportFile:
    """An athlete's season report as PDF, workbook or CSV."""
    return _file(content.athlete_season(session, actor, athlete_id, now=now, season=season), fmt)


def caseload_report(
    session: Session,
    actor: Actor,
    *,
    now: datetime,
    fmt: Format = "pdf",
    season: int | None = None,
    coach_id: int | None = None,
) -> ReportFile:
    """A coach's caseload report (an admin's for one coach or the organization)."""
    report = content.caseload_report(session, actor, now=now, season=season, coach_id=coach_id)
    return _file(report, fmt)
