"""The report use-cases: a file in the format asked for, named for its reader."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from runseason.errors import NotFound
from runseason.services.reports import files
from tests.factories import NOW, World, actor


@pytest.mark.parametrize(
    ("fmt", "media", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("csv", "text/csv; charset=utf-8", "\ufeffSeason report".encode()),
    ],
)
def test_an_athlete_report_in_each_format(
    db: Session, world: World, fmt: files.Format, media: str, magic: bytes
) -> None:
    made = files.athlete_report(db, actor(db, world.cole), world.greta.id, now=NOW, fmt=fmt)
    assert made.filename == f"season-2026-greta-green.{fmt}"
    assert made.media_type == media
    assert made.content.startswith(magic)


def test_a_caseload_report_and_a_foreign_athlete(db: Session, world: World) -> None:
    made = files.caseload_report(db, actor(db, world.cole), now=NOW, fmt="csv")
    assert made.filename == "caseload-2026-cole-coach.csv"
    with pytest.raises(NotFound):
        files.athlete_report(db, actor(db, world.otto), world.greta.id, now=NOW, fmt="csv")
