"""A runner's history: archives, gzip files and activity CSVs imported by the worker."""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal

from fastapi import Depends, File, Form, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from runseason.api.deps import CurrentActor, Db, PathId
from runseason.api.replay import Post
from runseason.api.router import Router
from runseason.config import get_settings
from runseason.schemas.imports import CsvColumns, CsvPreview, ImportRead
from runseason.services import imports

router = Router(tags=["athletes"])
Column = Annotated[str | None, Form(max_length=200)]


def csv_columns(
    *,
    start_column: Column = None,
    duration_column: Column = None,
    distance_column: Column = None,
    distance_unit: Annotated[Literal["m", "km", "mi"], Form()] = "km",
    sport_column: Column = None,
    title_column: Column = None,
    avg_hr_column: Column = None,
    max_hr_column: Column = None,
    elevation_gain_column: Column = None,
) -> CsvColumns | None:
    """The column mapping of a CSV that is neither Strava's nor Garmin's (none when not given)."""
    given = {
        "start": start_column,
        "duration": duration_column,
        "distance": distance_column,
        "sport": sport_column,
        "title": title_column,
        "avg_hr": avg_hr_column,
        "max_hr": max_hr_column,
        "elevation_gain": elevation_gain_column,
    }
    if not any(given.values()):
        return None
    try:
        return CsvColumns(distance_unit=distance_unit, **given)
    except ValidationError as error:
        raise RequestValidationError(
            [{**e, "loc": ("body", f"{e['loc'][0]}_column")} for e in error.errors()]
        ) from None


Columns = Annotated[CsvColumns | None, Depends(csv_columns)]
Upload = Annotated[
    UploadFile, File(description="A ZIP export (Strava, Garmin), a .gz file, a CSV or a file.")
]


def _read(file: UploadFile) -> tuple[str, bytes]:
    return file.filename or "upload", file.file.read(get_settings().max_upload_bytes + 1)


@router.post("/athletes/{athlete_id}/imports", response_model=ImportRead, status_code=202)
def start_import(athlete_id: PathId, post: Post, file: Upload, columns: Columns) -> JSONResponse:
    """Queue an archive or CSV for import; its limits (size, file count, compression ratio, paths,
    nesting) are checked before anything is unpacked. Poll the import for its progress; a retry
    with the same ``Idempotency-Key`` and file replays the first answer."""
    filename, content = _read(file)
    body = {
        "filename": filename,
        "sha256": hashlib.sha256(content).hexdigest(),
        "columns": columns.model_dump() if columns else None,
    }
    return post.respond(
        body,
        lambda: imports.start_import(
            post.session, post.actor, athlete_id, filename, content, now=post.now, columns=columns
        ),
        status=202,
    )


@router.get("/athletes/{athlete_id}/imports", response_model=list[ImportRead])
def list_imports(athlete_id: PathId, actor: CurrentActor, session: Db) -> list[ImportRead]:
    """The athlete's latest imports, newest first."""
    return imports.list_imports(session, actor, athlete_id)


# Not under ".../imports/": "preview" would also match ".../imports/{import_id}".
@router.post("/athletes/{athlete_id}/import-preview", response_model=CsvPreview)
def preview_csv(
    athlete_id: PathId, actor: CurrentActor, session: Db, file: Upload, columns: Columns
) -> CsvPreview:
    """A CSV's columns and its first rows as the mapping (or the export recognised) reads them."""
    _, content = _read(file)
    return imports.preview_csv(session, actor, athlete_id, content, columns=columns)


@router.get("/athletes/{athlete_id}/imports/{import_id}", response_model=ImportRead)
def get_import(
    athlete_id: PathId, import_id: PathId, actor: CurrentActor, session: Db
) -> ImportRead:
    """One import: items done of the total, imported, duplicates, refused and why."""
    return imports.get_import(session, actor, athlete_id, import_id)
