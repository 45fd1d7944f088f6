"""command-center: a coach's queue of open interventions, against a raw read of the same rows."""

from __future__ import annotations

from sqlalchemy import text

from bench.harness import NOW, STEADY_WARMUP, med, open_session, p95, timed
from bench.records import Record
from runseason.db.models import User
from runseason.db.session import session_scope
from runseason.demo.bulk import seed_bulk
from runseason.services.identity.access import actor_for_user
from runseason.services.views import command_center

RAW_SQL = text(
    "SELECT i.* FROM interventions i JOIN coach_assignments c ON c.athlete_id = i.athlete_id "
    "AND c.coach_id = :coach AND c.ended_at IS NULL "
    "WHERE i.organization_id = :org AND i.status IN ('open', 'acknowledged') "
    "ORDER BY i.opened_at LIMIT 25"
)


def run(url: str, db_name: str, smoke: bool, repeat: int) -> list[Record]:
    """The first page of 25 for one coach of 200 athletes."""
    athletes = 20 if smoke else 200
    session, close = open_session(url)
    result = seed_bulk(
        session,
        athletes=athletes,
        coaches=1,
        days=30,
        seed=7,
        today=NOW,
        slug="command-center",
        with_metrics=False,
    )
    session.commit()
    coach = session.get_one(User, result.coach_user_ids[0])
    actor = actor_for_user(session, coach)
    session.commit()
    engine = session.get_bind()
    params = {"coach": coach.id, "org": result.organization_id}

    def view() -> object:
        with session_scope() as scoped:  # as the API runs a request: committed at the end
            return command_center.get_command_center(scoped, actor, now=NOW, page_size=25)

    def raw() -> object:
        with engine.begin() as connection:  # ended as the view's transaction is
            return connection.execute(RAW_SQL, params).all()

    samples = repeat * 4  # a short read: more samples for a steadier median
    times = timed(view, samples, warmup=STEADY_WARMUP)
    base = timed(raw, samples, warmup=STEADY_WARMUP)
    close()
    return [
        Record(
            "command-center",
            db_name,
            f"1 coach, {athletes} athletes, {result.interventions} open",
            "ms",
            med(times),
            p95(times),
            "raw SQL read of the open interventions",
            med(base),
            round(med(times) / med(base), 2),
            "<= 100 ms; <= 3x baseline",
        )
    ]
