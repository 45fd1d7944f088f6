"""caseload: an admin's caseload page (50 rows sorted by risk) at growing organization sizes."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import text

from bench.harness import NOW, STEADY_WARMUP, create_admin, med, open_session, p95, timed
from bench.records import Record
from runseason.db.models import User
from runseason.db.session import session_scope
from runseason.demo.bulk import seed_bulk
from runseason.services.identity.access import actor_for_user
from runseason.services.views import caseload

TARGET = "<= 150 ms at 2,000; <= 400 ms at 20,000; <= 3x raw"

RAW_SQL = text(
    "SELECT a.id, a.display_name, s.* FROM athletes a "
    "LEFT JOIN athlete_snapshots s ON s.athlete_id = a.id "
    "WHERE a.organization_id = :org AND a.is_active "
    "ORDER BY s.risk DESC, a.display_name, a.id LIMIT 50"
)


def run(url: str, db_name: str, smoke: bool, repeat: int) -> list[Record]:
    """One record per organization size."""
    sizes, days = ([50], 30) if smoke else ([200, 2000, 20000], 365)
    return [_one_size(url, db_name, size, days, repeat) for size in sizes]


def _one_size(url: str, db_name: str, size: int, days: int, repeat: int) -> Record:
    session, close = open_session(url)
    history = days if size <= 2000 else min(days, 30)  # a year of 20,000 athletes seeds too slowly
    started = time.perf_counter()
    result = seed_bulk(
        session,
        athletes=size,
        coaches=max(1, size // 200),
        days=history,
        seed=size,
        today=NOW,
        slug=f"caseload-{size}",
    )
    session.commit()
    seeded_s = round(time.perf_counter() - started, 1)
    admin = session.get_one(User, create_admin(session, result.organization_id))
    actor = actor_for_user(session, admin)
    session.commit()
    engine = session.get_bind()

    def view(a: Any = actor) -> object:
        with session_scope() as scoped:  # as the API runs a request: committed at the end
            return caseload.get_caseload(scoped, a, page=1, page_size=50, sort="risk")

    def raw(org: int = result.organization_id) -> object:
        with engine.begin() as connection:  # ended as the view's transaction is
            return connection.execute(RAW_SQL, {"org": org}).all()

    times = timed(view, repeat, warmup=STEADY_WARMUP)
    base = timed(raw, repeat, warmup=STEADY_WARMUP)
    close()
    return Record(
        "caseload",
        db_name,
        f"{size} athletes, {history} days",
        "ms",
        med(times),
        p95(times),
        "raw SQL read of the same rows",
        med(base),
        round(med(times) / med(base), 2),
        TARGET,
        {"seed_seconds": seeded_s, "metric_rows": result.metric_rows},
    )
