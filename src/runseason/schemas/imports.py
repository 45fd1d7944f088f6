"""A runner's history brought in: archive and CSV imports at the boundary."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from runseason.schemas.common import Input, Output

ColumnName = Field(None, min_length=1, max_length=200)


class CsvColumns(Input):
    """Which column of a CSV holds what, for a CSV that is neither Strava's nor Garmin's."""

    start: str = Field(min_length=1, max_length=200, description="The start's date and time.")
    duration: str = Field(min_length=1, max_length=200, description="Seconds or h:mm:ss.")
    distance: str | None = ColumnName
    distance_unit: Literal["m", "km", "mi"] = "km"
    sport: str | None = ColumnName
    title: str | None = ColumnName
    avg_hr: str | None = ColumnName
    max_hr: str | None = ColumnName
    elevation_gain: str | None = ColumnName


class ImportRead(Output):
    """An import of files, an archive or a CSV, with its progress and outcome."""

    id: int
    filename: str
    status: Literal["running", "succeeded", "partial", "failed"]
    rows_total: int
    rows_done: int
    rows_imported: int
    rows_duplicate: int
    rows_refused: int
    errors: list[str]
    created_at: datetime
    finished_at: datetime | None


class CsvPreviewRow(Output):
    """One row as it would be imported, or why it would be refused."""

    line: int
    start: datetime | None
    duration_s: float | None
    distance_m: float | None
    sport: str | None
    title: str | None
    error: str | None


class CsvPreview(Output):
    """A CSV's columns, the dialect recognised (if any) and its first rows read by the mapping."""

    columns: list[str]
    dialect: Literal["strava", "garmin", "mapped"] | None
    rows: list[CsvPreviewRow]
    total_rows: int
