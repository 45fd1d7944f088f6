"""Two devices (or a double tap) writing for the same athlete at once: both succeed, one row."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import func, select

from runseason.db.models import Athlete, CheckIn, DailyMetric, User
from runseason.schemas.checkins import CheckInCreate
from runseason.services import checkins
from runseason.services.identity.access import actor_for_user
from tests.dbutil import migrated_factory
from tests.factories import NOW, make_world


def test_simultaneous_check_ins_for_one_athlete_leave_one_row(tmp_path: Path) -> None:
    with migrated_factory(tmp_path, "race") as (_, factory):
        with factory() as session:
            world = make_world(session)
            athlete_id = world.riley.id
            user = session.get(User, world.riley.user_id)
            assert user is not None
            actor = actor_for_user(session, user)
            session.commit()
        errors: list[BaseException] = []
        start = threading.Barrier(6)

        def submit(energy: int) -> None:
            try:
                data = CheckInCreate(sleep_quality=3, energy=energy, recovery=3, stress=3)
                start.wait(timeout=30)
                with factory() as session:
                    checkins.submit_checkin(session, actor, athlete_id, data, now=NOW)
                    session.commit()
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=submit, args=(1 + i % 5,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        with factory() as session:
            rows = session.scalar(
                select(func.count()).select_from(CheckIn).where(CheckIn.athlete_id == athlete_id)
            )
            metric_days = session.scalar(
                select(func.count(func.distinct(DailyMetric.day))).where(
                    DailyMetric.athlete_id == athlete_id
                )
            )
            assert session.get(Athlete, athlete_id) is not None
    assert errors == []
    assert rows == 1
    assert metric_days is not None
