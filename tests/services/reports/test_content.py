"""What a report says, read from a season whose records are known."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from runseason.errors import InvalidInput
from runseason.schemas.cases import HealthCaseCreate
from runseason.schemas.training import TrainingLogCreate
from runseason.services import cases, training
from runseason.services.reports import content
from tests.factories import NOW, World, actor


def season(db: Session, world: World) -> None:
    """Greta's 2026: a spring and an autumn 5 km race, easy runs, a knee injury."""
    coach = actor(db, world.cole)
    for day, seconds, title in (
        (date(2026, 4, 12), 1290, "Spring 5K"),
        (date(2026, 10, 4), 1245, "Autumn 5K"),
    ):
        race = TrainingLogCreate(
            local_date=day, duration_s=seconds, distance_m=5000.0, kind="race", title=title
        )
        training.log_session(db, coach, world.greta.id, race, now=NOW)
    for back in range(3, 60, 3):
        easy = TrainingLogCreate(
            local_date=NOW.date() - timedelta(days=back), duration_s=3000, distance_m=9000.0, rpe=3
        )
        training.log_session(db, coach, world.greta.id, easy, now=NOW)
    case = HealthCaseCreate(kind="injury", location="left knee", started_on=date(2026, 6, 1))
    cases.open_health_case(db, coach, world.greta.id, case, now=NOW)
    for athlete in (world.greta, world.sam):
        athlete.created_at = datetime(2025, 6, 1, tzinfo=UTC)
    db.flush()


def test_an_athletes_season_in_figures_charts_and_tables(db: Session, world: World) -> None:
    season(db, world)
    report = content.athlete_season(db, actor(db, world.cole), world.greta.id, now=NOW)
    assert report.title == "Season report 2026: Greta Green"
    assert report.file_stem == "season-2026-greta-green"
    figures = dict(report.figures)
    assert figures["Runs"] == "21"
    assert figures["Races and time trials"] == "2"
    assert figures["Personal bests"] == "2"
    assert figures["Distance"] == "181 km"
    assert [c.title for c in report.charts] == ["Distance per week (km)", "VDOT by month"]
    tables = {t.title: t for t in report.tables}
    assert [r[1] for r in tables["Races and time trials"].rows] == ["Spring 5K", "Autumn 5K"]
    assert tables["Personal bests"].rows[1][3] == "21:30"
    months = tables["Month by month"].rows
    assert months[0][0] == "Apr 2026"
    assert tables["Injury and illness"].rows == (
        ("1 Jun 2026", "Injury", "left knee", "still open"),
    )


def test_a_coachs_caseload_report_lists_every_athlete_once(db: Session, world: World) -> None:
    season(db, world)
    report = content.caseload_report(db, actor(db, world.cole), now=NOW)
    assert report.title == "Caseload report 2026: Cole Coach"
    (athletes,) = report.tables
    assert [r[0] for r in athletes.rows] == ["Greta Green", "Sam Silent"]
    assert dict(report.figures)["Athletes"] == "2"
    assert report.charts[0].title == "Athletes by risk today"


def test_an_admin_reports_on_one_coach(db: Session, world: World) -> None:
    report = content.caseload_report(db, actor(db, world.ada), now=NOW, coach_id=world.asha.id)
    assert report.title == "Caseload report 2026: Asha Coach"
    assert [r[0] for r in report.tables[0].rows] == ["Ramp Rapid", "Riley Red"]


def test_a_season_in_the_future_is_refused(db: Session, world: World) -> None:
    with pytest.raises(InvalidInput, match="season"):
        content.athlete_season(db, actor(db, world.cole), world.greta.id, now=NOW, season=2027)
