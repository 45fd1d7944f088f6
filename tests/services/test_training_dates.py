"""A file dated in year 1 is refused whole: no session, no year of refreshes."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import DailyMetric, MetricRefreshJob, TrainingLog
from runseason.errors import InvalidInput
from runseason.services import activity_import
from tests.conftest import shared_dir
from tests.factories import NOW, World, actor

GPX = shared_dir() / "fixtures" / "activities" / "track-with-empty-segment.gpx"


@pytest.mark.parametrize("year", ["0001", "1950", "1990"])
def test_a_gpx_dated_long_ago_is_refused_and_writes_nothing(
    db: Session, world: World, year: str
) -> None:
    content = re.sub(rb"<time>\d{4}", b"<time>" + year.encode(), GPX.read_bytes())
    riley = actor(db, world.user_of(world.riley, db))
    with pytest.raises(InvalidInput, match="local_date: sessions more than 30 years old"):
        activity_import.import_activity(db, riley, world.riley.id, "old.gpx", content, now=NOW)
    for model in (TrainingLog, MetricRefreshJob, DailyMetric):
        count = db.scalar(
            select(func.count()).select_from(model).where(model.athlete_id == world.riley.id)
        )
        assert count == 0, model.__name__
