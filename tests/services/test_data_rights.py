"""An athlete downloads everything held about them: every table of theirs, no credentials."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import CheckIn, TrainingLog
from runseason.errors import NotFound, PermissionDenied
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.training import TrainingLogCreate
from runseason.services import checkins, data_rights, training
from tests.factories import NOW, World, actor


def _count(db: Session, model: type, athlete_id: int) -> int:
    return int(
        db.scalar(select(func.count()).select_from(model).where(model.athlete_id == athlete_id))
        or 0
    )


def test_the_export_holds_every_row_of_the_athlete_and_no_credential(
    db: Session, world: World
) -> None:
    riley_user = world.user_of(world.riley, db)
    riley = actor(db, riley_user)
    checkins.submit_checkin(
        db,
        riley,
        world.riley.id,
        CheckInCreate(sleep_quality=4, energy=3, recovery=4, stress=2, note="=HYPERLINK(1)"),
        now=NOW,
    )
    training.log_session(
        db,
        riley,
        world.riley.id,
        TrainingLogCreate(local_date=NOW.date(), duration_s=1800, rpe=4),
        now=NOW,
    )
    archive = zipfile.ZipFile(
        io.BytesIO(data_rights.export_athlete_data(db, riley, world.riley.id, now=NOW))
    )
    names = set(archive.namelist())
    assert {"README.txt", "json/athletes.json", "json/users.json", "json/check_ins.json"} <= names
    stored = json.loads(archive.read("json/check_ins.json"))
    assert len(stored) == _count(db, CheckIn, world.riley.id) == 1
    assert len(json.loads(archive.read("json/training_logs.json"))) == _count(
        db, TrainingLog, world.riley.id
    )
    user = json.loads(archive.read("json/users.json"))[0]
    assert user["email"] == riley_user.email
    assert "password_hash" not in user
    assert b"argon2" not in b"".join(archive.read(n) for n in names)
    rows = list(csv.DictReader(io.StringIO(archive.read("csv/check_ins.csv").decode())))
    assert rows[0]["note"] == "'=HYPERLINK(1)"  # text in a spreadsheet, never a formula


def test_an_admin_may_export_for_the_athlete_but_not_a_coach_or_another_tenant(
    db: Session, world: World
) -> None:
    assert data_rights.export_athlete_data(db, actor(db, world.ada), world.greta.id, now=NOW)
    with pytest.raises(PermissionDenied):
        data_rights.export_athlete_data(db, actor(db, world.cole), world.greta.id, now=NOW)
    with pytest.raises(NotFound):
        data_rights.export_athlete_data(db, actor(db, world.otto), world.greta.id, now=NOW)


@given(st.text(max_size=30))
def test_no_exported_cell_can_start_a_formula(text: str) -> None:
    cell = data_rights.spreadsheet_safe(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell.removeprefix("'") == text or cell == text


def test_the_export_holds_the_uploaded_files_and_their_samples(db: Session, world: World) -> None:
    from runseason.services.activity_import import import_activity  # noqa: PLC0415
    from tests.parsers.conftest import read  # noqa: PLC0415

    riley = actor(db, world.user_of(world.riley, db))
    content = read("garmin-fenix-5-run.fit")
    when = NOW.replace(year=2017, month=6, day=12)
    log = import_activity(db, riley, world.riley.id, "../../run.fit", content, now=when)
    archive = zipfile.ZipFile(
        io.BytesIO(data_rights.export_athlete_data(db, riley, world.riley.id, now=NOW))
    )
    kept = json.loads(archive.read("json/activity_files.json"))[0]
    assert kept["content"].startswith("files/uploads/")
    assert ".." not in kept["content"]
    assert archive.read(kept["content"]) == content
    stream = json.loads(archive.read("json/activity_streams.json"))[0]
    assert stream["data"] == f"files/samples/session-{log.id}.csv"
    samples = list(csv.DictReader(io.StringIO(archive.read(stream["data"]).decode())))
    assert len(samples) == 21
    assert samples[0]["hr_bpm"] == "61.0"
