"""``runseason import-export`` and ``runseason org erase`` on the suite's database."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from runseason.cli.main import app
from runseason.db.models import Organization, User
from runseason.services import data_rights
from tests.factories import NOW, World, actor

runner = CliRunner()


def _export_as(db: Session, world: World, tmp_path: Path, email: str) -> Path:
    content = data_rights.export_athlete_data(db, actor(db, world.ada), world.riley.id, now=NOW)
    source = zipfile.ZipFile(io.BytesIO(content))
    users = json.loads(source.read("json/users.json"))
    users[0]["email"] = email
    path = tmp_path / "riley.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in source.namelist():
            changed = json.dumps(users).encode() if name == "json/users.json" else None
            archive.writestr(name, changed or source.read(name))
    return path


def test_an_operator_imports_an_export_into_an_organization(
    db: Session, world: World, tmp_path: Path
) -> None:
    path = _export_as(db, world, tmp_path, "riley.moved@example.com")
    args = ["import-export", str(path), "--org", "southside", "--coach", world.otto.email]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "riley.moved@example.com imported into southside" in result.output
    assert "temporary password (shown once): " in result.output
    moved = db.scalar(select(User).where(User.email == "riley.moved@example.com"))
    assert moved is not None
    assert moved.organization_id == world.south.id
    assert moved.must_change_password
    again = runner.invoke(app, args)
    assert again.exit_code == 1
    assert "already exists" in again.output


def test_a_file_that_is_no_export_is_one_clear_line(tmp_path: Path, world: World) -> None:
    path = tmp_path / "photo.zip"
    path.write_bytes(b"not a zip")
    result = runner.invoke(app, ["import-export", str(path), "--org", "northside"])
    assert result.exit_code == 1
    assert "not an export this platform can import" in result.output


def test_an_operator_erases_an_organization_after_typing_its_slug(
    db: Session, world: World
) -> None:
    refused = runner.invoke(app, ["org", "erase", "southside"], input="north\n")
    assert refused.exit_code == 1
    assert "to confirm its erasure" in refused.output
    assert db.get(Organization, world.south.id) is not None
    erased = runner.invoke(app, ["org", "erase", "southside"], input="southside\n")
    assert erased.exit_code == 0, erased.output
    assert "organization southside erased" in erased.output
    south, north = world.south.id, world.north.id
    db.expire_all()
    assert db.get(Organization, south) is None
    assert db.get(Organization, north) is not None
