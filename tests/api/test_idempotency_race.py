"""Simultaneous retries with one Idempotency-Key: one write, every caller gets its answer."""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from runseason.api.app import create_app
from runseason.db.models import TrainingLog
from runseason.db.session import use_session_factory
from runseason.services.identity import ratelimit
from tests.api.conftest import login
from tests.dbutil import migrated_factory
from tests.factories import make_world


def test_simultaneous_retries_with_one_key_write_once_and_replay(tmp_path: Path) -> None:
    with migrated_factory(tmp_path, "idempotency") as (_, factory):
        with factory() as session:
            world = make_world(session)
            athlete_id, email = world.riley.id, world.user_of(world.riley, session).email
            session.commit()
        use_session_factory(factory)
        ratelimit.reset_limiter()
        try:
            with TestClient(create_app(), raise_server_exceptions=False) as client:
                headers = {**login(client, email), "Idempotency-Key": "morning-run-2026-11-23"}
                body = {"local_date": "2026-11-23", "duration_s": 1800, "rpe": 4}
                url = f"/api/v1/athletes/{athlete_id}/logs"
                answers: list[tuple[int, object]] = []
                start = threading.Barrier(8)

                def post() -> None:
                    start.wait(timeout=30)
                    answer = client.post(url, json=body, headers=headers)
                    answers.append((answer.status_code, answer.json()))

                threads = [threading.Thread(target=post) for _ in range(8)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(timeout=60)
            with factory() as session:
                logs = session.scalar(
                    select(func.count())
                    .select_from(TrainingLog)
                    .where(TrainingLog.athlete_id == athlete_id)
                )
        finally:
            use_session_factory(None)
    assert len(answers) == 8
    assert {status for status, _ in answers} == {201}
    assert len({str(body) for _, body in answers}) == 1
    assert logs == 1
