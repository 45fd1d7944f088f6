"""generator: the season generator through the services (the demo) and the bulk path."""

from __future__ import annotations

import time

from bench.harness import NOW, open_session
from bench.records import Record
from runseason.demo.bulk import seed_bulk
from runseason.demo.generator import DemoSpec, generate


def run(url: str, db_name: str, smoke: bool, _repeat: int) -> list[Record]:
    """Seconds to generate the demo organization, then benchmark volumes by the bulk path.

    Each is measured once: a run takes seconds to a minute.
    """
    spec = DemoSpec(athletes=3, weeks=2) if smoke else DemoSpec()
    session, close = open_session(url)
    started = time.perf_counter()
    result = generate(session, spec, today=NOW)
    session.commit()
    service_s = time.perf_counter() - started
    athletes, days = (20, 30) if smoke else (2000, 364)
    started = time.perf_counter()
    bulk = seed_bulk(
        session,
        athletes=athletes,
        coaches=max(1, athletes // 200),
        days=days,
        seed=52,
        today=NOW,
        slug="generator-bulk",
        with_logs=True,
    )
    session.commit()
    bulk_s = time.perf_counter() - started
    close()
    return [
        Record(
            "generator (services, the demo)",
            db_name,
            f"{spec.athletes} athletes x {spec.weeks} weeks",
            "s",
            round(service_s, 1),
            target="the demo within a minute of make run",
            extra={"checkins": result.checkins, "sessions": result.sessions},
        ),
        Record(
            "generator (bulk path)",
            db_name,
            f"{athletes} athletes x {days} days",
            "s",
            round(bulk_s, 1),
            target="2,000 athletes x 52 weeks in a few minutes",
            extra={"metric_rows": bulk.metric_rows},
        ),
    ]
