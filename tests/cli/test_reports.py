"""``runseason report``: a season or a caseload written to a file."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from pypdf import PdfReader
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from runseason.cli.main import app
from tests.factories import World


def test_an_athletes_season_as_a_pdf_in_a_folder(db: Session, world: World, tmp_path: Path) -> None:
    email = world.user_of(world.greta, db).email
    done = CliRunner().invoke(app, ["report", "athlete", email, "--output", str(tmp_path)])
    assert done.exit_code == 0, done.output
    (written,) = tmp_path.iterdir()
    assert written.name.startswith("season-")
    assert written.suffix == ".pdf"
    text = PdfReader(io.BytesIO(written.read_bytes())).pages[0].extract_text()
    assert "Greta Green" in text
    assert f"wrote {written}" in done.output


def test_a_coachs_caseload_as_a_workbook(db: Session, world: World, tmp_path: Path) -> None:
    target = tmp_path / "cole.xlsx"
    done = CliRunner().invoke(
        app, ["report", "caseload", world.cole.email, "--format", "xlsx", "--output", str(target)]
    )
    assert done.exit_code == 0, done.output
    sheet = openpyxl.load_workbook(target)["Athletes"]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["Greta Green", "Sam Silent"]


def test_mistakes_are_one_clear_line(db: Session, world: World, tmp_path: Path) -> None:
    unknown = CliRunner().invoke(app, ["report", "athlete", "nobody@example.com"])
    assert unknown.exit_code == 1
    assert "No account with the email nobody@example.com." in unknown.output
    coach = CliRunner().invoke(app, ["report", "athlete", world.cole.email])
    assert coach.exit_code == 1
    assert "is not an athlete" in coach.output
    bad = CliRunner().invoke(
        app, ["report", "caseload", world.cole.email, "--format", "docx", "--output", str(tmp_path)]
    )
    assert bad.exit_code == 2
    assert "use pdf, xlsx or csv" in bad.output
    assert not list(tmp_path.iterdir())
