"""portfolio and reports: an admin's season over 2,000 athletes, a coach's caseload report."""

from __future__ import annotations

import time
from typing import Any

from bench.harness import NOW, create_admin, med, open_session, p95, timed
from bench.records import Record
from runseason.db.models import User
from runseason.db.session import session_scope
from runseason.demo.bulk import seed_bulk
from runseason.services.identity.access import actor_for_user
from runseason.services.reports import files
from runseason.services.views import portfolio

PORTFOLIO_TARGET = "<= 300 ms at 2,000 athletes"
REPORT_TARGET = "<= 3 s for a coach's 200 athletes"


def run(url: str, db_name: str, smoke: bool, repeat: int) -> list[Record]:
    """The portfolio at the organization's size, then one coach's caseload report as PDF."""
    size, days = (60, 30) if smoke else (2000, 365)
    session, close = open_session(url)
    started = time.perf_counter()
    result = seed_bulk(
        session,
        athletes=size,
        coaches=max(1, size // 200),
        days=days,
        seed=11,
        today=NOW,
        slug="portfolio",
        with_logs=True,
    )
    session.commit()
    seeded_s = round(time.perf_counter() - started, 1)
    admin = actor_for_user(
        session, session.get_one(User, create_admin(session, result.organization_id))
    )
    coach = actor_for_user(session, session.get_one(User, result.coach_user_ids[0]))
    session.commit()

    def season(a: Any = admin) -> object:
        with session_scope() as scoped:
            return portfolio.get_portfolio(scoped, a, now=NOW)

    def report(a: Any = coach) -> object:
        with session_scope() as scoped:
            return files.caseload_report(scoped, a, now=NOW, fmt="pdf")

    season_times = timed(season, repeat)
    report_times = timed(report, max(3, repeat // 3))
    close()
    extra = {"seed_seconds": seeded_s}
    return [
        Record(
            "portfolio",
            db_name,
            f"{size} athletes, {days} days, admin over the organization",
            "ms",
            med(season_times),
            p95(season_times),
            target=PORTFOLIO_TARGET,
            extra=extra,
        ),
        Record(
            "report (caseload PDF)",
            db_name,
            f"one coach, {size // max(1, size // 200)} athletes",
            "ms",
            med(report_times),
            p95(report_times),
            target=REPORT_TARGET,
            extra=extra,
        ),
    ]
