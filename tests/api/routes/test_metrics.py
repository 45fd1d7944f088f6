"""``/metrics`` over HTTP: the Prometheus text, with the refresh queue read at scrape time."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from runseason.services.refresh import queue
from tests.factories import NOW, World


def test_a_scrape_reads_the_queue_depth_as_it_is_now(
    client: TestClient, world: World, db: Session
) -> None:
    queue.enqueue(db, world.greta.id, world.north.id, date(2026, 11, 20), now=NOW)
    queue.enqueue(db, world.sam.id, world.north.id, date(2026, 11, 20), now=NOW)
    answer = client.get("/metrics")
    assert answer.status_code == 200
    depth = next(
        line
        for line in answer.text.splitlines()
        if line.startswith("runseason_refresh_queue_depth ")
    )
    assert float(depth.split()[1]) >= 2
    assert client.get("/api/v1/metrics").status_code == 404  # outside the versioned API
