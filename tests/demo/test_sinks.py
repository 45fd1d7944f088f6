"""Both sinks get the same simulated days and give the same metrics for the same seed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import (
    Athlete,
)
from runseason.demo import DemoSpec
from runseason.demo.generator import generate
from runseason.services.refresh import history
from tests.factories import NOW, assert_series_kept


def test_both_paths_give_the_same_metrics_for_the_same_seed(db: Session) -> None:
    spec = DemoSpec(athletes=4, coaches=1, weeks=5, seed=21, slug="paths-services")
    through_services = generate(db, spec, today=NOW)
    in_bulk = generate(db, replace(spec, slug="paths-bulk"), today=NOW, path="bulk")
    assert in_bulk.sessions == through_services.sessions
    assert in_bulk.checkins == through_services.checkins

    def metrics_of(org_id: int) -> dict[tuple[str, object], tuple[float, ...]]:
        athletes = db.execute(
            select(Athlete.display_name, Athlete.id).where(Athlete.organization_id == org_id)
        ).all()
        return {
            (name, m.day): (
                round(m.load, 6),
                round(m.longest_run_m, 6),
                round(m.ctl, 6),
                round(m.atl, 6),
                round(m.form, 6),
            )
            for name, athlete_id in athletes
            for m in history.read(db, athlete_id, date.min, date.max)
        }

    services = metrics_of(through_services.organization_id)
    bulk = metrics_of(in_bulk.organization_id)
    assert len(services) > 4 * 30
    assert bulk == services
    # Both keep each athlete's load series as their day rows say.
    for org_id in (through_services.organization_id, in_bulk.organization_id):
        for athlete_id in db.scalars(select(Athlete.id).where(Athlete.organization_id == org_id)):
            assert_series_kept(db, athlete_id)
