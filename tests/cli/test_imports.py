"""``runseason import``: a runner's history from the command line, summarised and resumable."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from runseason.cli.main import app
from runseason.db.models import TrainingLog
from tests.archives import strava_export
from tests.factories import World


def test_an_export_is_imported_with_a_summary_and_a_rerun_skips_it(
    db: Session, world: World, tmp_path: Path
) -> None:
    export = tmp_path / "export.zip"
    export.write_bytes(strava_export())
    email = world.user_of(world.greta, db).email
    first = CliRunner().invoke(app, ["import", str(export), "--athlete", email])
    assert first.exit_code == 0, first.output
    assert "export.zip: activities/1001.fit: imported" in first.output
    assert "export.zip: activities.csv, line 2: merged into a session already there" in first.output
    assert "Summary: 3 imported, 2 duplicates (merged or already imported), 3 refused." in (
        first.output
    )
    assert "refused export.zip: activities/1005.fit: The FIT file ends early" in first.output
    logs = db.scalar(select(func.count()).select_from(TrainingLog))
    again = CliRunner().invoke(app, ["import", str(export), "--athlete", email, "--quiet"])
    assert "Summary: 0 imported, 5 duplicates" in again.output
    assert "activities/1001.fit" not in again.output.split("Summary")[0]
    assert db.scalar(select(func.count()).select_from(TrainingLog)) == logs


def test_an_unknown_athlete_is_one_clear_line(db: Session, world: World, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["import", str(tmp_path), "--athlete", "nobody@example.org"])
    assert result.exit_code == 1
    assert "no athlete account has the email 'nobody@example.org'" in result.output
