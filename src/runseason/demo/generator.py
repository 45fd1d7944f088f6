"""The season generator: a coaching business simulated day by day through the real services.

Everything is drawn from one ``random.Random(seed)``, so the same seed gives the same organization.
Athletes (``personas``) follow their plan with noise; some skip, some overreach, some fall ill or
get injured for a while; sleep and stress move with life events (``days``). Because every check-in
and session goes through the same services as the web app and the API (``sinks``), the metrics,
recommendations and interventions are correct by construction.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from runseason.db.models import Intervention, Organization, Recommendation, User
from runseason.demo.days import Planned, simulate_day
from runseason.demo.personas import Persona, make_personas
from runseason.demo.sinks import BulkSink, ServiceSink, Sink
from runseason.domain.dates import local_date
from runseason.errors import InvalidInput, RunSeasonError
from runseason.schemas.accounts import AthleteUpdate, OrganizationCreate, UserCreate
from runseason.schemas.coaching import InterventionResolve, RecommendationDecision
from runseason.schemas.groups import GroupCreate
from runseason.schemas.plans import GoalCreate, PlanCreate
from runseason.services import groups, interventions, recommendations
from runseason.services.identity import organizations, users
from runseason.services.identity.access import Actor, actor_for_user
from runseason.services.plans import compliance, generation, goals
from runseason.services.refresh import snapshots

COACH_NAMES = ("Morgan Reyes", "Ingrid Solberg", "Tomas Keller", "Priya Nair", "Lars Holm")
OUTCOMES = (
    "Called the athlete; adjusted the week.",
    "Swapped the session and asked for a check-in tomorrow.",
    "Referred to the physio; easy running only.",
)


@dataclass(frozen=True, slots=True)
class DemoSpec:
    """What to generate."""

    athletes: int = 40
    coaches: int = 3
    weeks: int = 16
    seed: int = 7
    slug: str = "demo"  # runseason.demo.DEMO_SLUG
    name: str = "Riverside Run Club (demo)"


@dataclass(frozen=True, slots=True)
class Account:
    """A demo sign-in, printed once."""

    role: str
    email: str
    password: str


@dataclass(slots=True)
class DemoResult:
    """What the generator made."""

    organization_id: int
    accounts: list[Account]
    athletes: int = 0
    checkins: int = 0
    sessions: int = 0
    interventions_open: int = 0


Progress = Callable[[int, int], None]


def remove_demo(session: Session, slug: str) -> bool:
    """Delete a demo organization and everything in it (the database cascades)."""
    org_id = session.scalar(select(Organization.id).where(Organization.slug == slug))
    if org_id is None:
        return False
    session.execute(delete(Organization).where(Organization.id == org_id))
    session.expunge_all()
    return True


def generate(
    session: Session,
    spec: DemoSpec,
    *,
    today: datetime,
    progress: Progress | None = None,
    path: Literal["services", "bulk"] = "services",
) -> DemoResult:
    """Create the demo organization with ``spec.weeks`` of history up to ``today``.

    ``path="services"`` (the demo) sends every day through the services; ``path="bulk"`` writes
    the same simulated days as rows (see ``sinks.BulkSink``).
    """
    if spec.athletes < 1 or spec.coaches < 1 or not 2 <= spec.weeks <= 104:
        raise InvalidInput("a demo needs at least one athlete and coach, and 2 to 104 weeks")
    rng = random.Random(spec.seed)  # noqa: S311 (simulation, not security)
    start_day = (today - timedelta(weeks=spec.weeks)).date()
    start_day -= timedelta(days=start_day.weekday())  # a Monday, as plans start
    club = _Club(session, spec, datetime.combine(start_day, time(6), tzinfo=UTC))
    personas = make_personas(spec, rng)
    for i, p in enumerate(personas):
        club.enrol(p, club.coaches[i % len(club.coaches)], today.date(), start_day)
    club.make_groups(personas)
    result = DemoResult(club.org_id, club.accounts, athletes=len(personas))
    sink: Sink = ServiceSink(session) if path == "services" else BulkSink(session)
    _run_days(session, club, personas, sink, (start_day, today), rng, result, progress)
    if isinstance(sink, BulkSink):
        sink.finish(personas, club.org_id)  # its logs are not matched to planned sessions
    else:
        days = {p.athlete_id: local_date(today, p.timezone) for p in personas}
        compliance.settle_athletes(session, days)
    result.interventions_open = (
        session.scalar(
            select(func.count()).where(
                Intervention.organization_id == club.org_id, Intervention.status != "resolved"
            )
        )
        or 0
    )
    return result


class _Club:
    """The demo organization being built: its accounts, coaches and each athlete's coach."""

    def __init__(self, session: Session, spec: DemoSpec, start: datetime) -> None:
        self.session, self.spec, self.start = session, spec, start
        org = organizations.create_organization(
            session, OrganizationCreate(name=spec.name, slug=spec.slug)
        )
        self.org_id = org.id
        self.accounts: list[Account] = []
        self.coach_of: dict[int, Actor] = {}
        self.admin = self.account("admin", "Dana Admin", f"admin@{spec.slug}.example.com")
        self.coaches = [
            self.account("coach", COACH_NAMES[i % 5], f"coach{i + 1}@{spec.slug}.example.com")
            for i in range(spec.coaches)
        ]

    def account(self, role: str, name: str, email: str, **extra: object) -> User:
        """A new sign-in with a fresh password, kept to be printed once."""
        password = "-".join(secrets.token_urlsafe(6) for _ in range(3))
        data = UserCreate.model_validate({"email": email, "full_name": name, "role": role, **extra})
        created = users.create_user(
            self.session, None, data, now=self.start, organization_id=self.org_id, password=password
        )
        self.accounts.append(Account(role, email, password))
        user = self.session.get(User, created.user.id)
        assert user is not None
        return user

    def enrol(self, p: Persona, coach: User, today: date, start_day: date) -> None:
        """The persona's account and profile, a race goal and the plan towards it."""
        p.user = self.account(
            "athlete",
            p.name,
            p.email,
            timezone=p.timezone,
            sex=p.sex,
            birth_year=p.birth_year,
            level=p.level,
            coach_id=coach.id,
            unit_preference="mi" if p.timezone.startswith("America") else "km",
        )
        athlete_id = actor_for_user(self.session, p.user).athlete_id
        assert athlete_id is not None
        p.athlete_id = athlete_id
        coach_actor = actor_for_user(self.session, coach)
        self.coach_of[athlete_id] = coach_actor
        users.update_athlete(self.session, coach_actor, athlete_id, _profile(p))
        race_day = today + timedelta(days=p.race_in_days)
        race_day = max(race_day, start_day + timedelta(weeks=12, days=p.race_in_days % 14))
        plan_start = max(start_day, race_day - timedelta(weeks=47))
        plan_start -= timedelta(days=plan_start.weekday())
        race = GoalCreate(name=p.race[0], distance_m=p.race[1], race_date=race_day)
        goal = goals.create_goal(self.session, coach_actor, athlete_id, race, now=self.start)
        plan = PlanCreate(goal_id=goal.id, start_date=plan_start)
        generation.generate_plan(self.session, coach_actor, athlete_id, plan, now=self.start)

    def make_groups(self, personas: list[Persona]) -> None:
        """The squads a club keeps, by the race each athlete trains for and by experience, so
        the Analytics page has groups to look at."""
        squads = {
            "Marathon squad": [p for p in personas if p.race[1] >= 42_000],
            "Half marathon group": [p for p in personas if 21_000 <= p.race[1] < 42_000],
            "Beginners": [p for p in personas if p.level == "beginner"],
        }
        admin = actor_for_user(self.session, self.admin)
        for name, members in squads.items():
            data = GroupCreate(name=name, athlete_ids=[p.athlete_id for p in members])
            groups.create_group(self.session, admin, data)


def _profile(p: Persona) -> AthleteUpdate:
    return AthleteUpdate(
        vdot=p.vdot,
        hr_rest=p.hr_rest,
        hr_max=p.hr_max,
        lthr=round(p.hr_max * 0.9),
        current_weekly_distance_m=p.weekly_km * 1000,
        available_weekdays=p.weekdays,
        preferred_long_run_day=6 if 6 in p.weekdays else p.weekdays[-1],
    )


def _run_days(
    session: Session,
    club: _Club,
    personas: list[Persona],
    sink: Sink,
    span: tuple[date, datetime],
    rng: random.Random,
    result: DemoResult,
    progress: Progress | None,
) -> None:
    """Every day from the first Monday to today, each athlete in turn; coaches act each evening."""
    start_day, today = span
    # Coach actions draw from their own stream, so both paths simulate the same athletes' days.
    coach_rng = random.Random(club.spec.seed + 1)  # noqa: S311
    planned = _planned_by_day(session, personas, club.coach_of)
    days = (today.date() - start_day).days + 1
    for index in range(days):
        day = start_day + timedelta(days=index)
        # One metric recompute per athlete-day, the day's athletes together (as the worker
        # drains its queue), instead of one per check-in and per session.
        with snapshots.deferred_refresh(session):
            for p in personas:
                done = simulate_day(sink, p, day, today, planned.get((p.athlete_id, day)), rng)
                result.checkins += done[0]
                result.sessions += done[1]
        if isinstance(sink, ServiceSink):  # the coaches work their queue every evening
            now = today if today.tzinfo else today.replace(tzinfo=UTC)
            evening = min(datetime.combine(day, time(17), tzinfo=UTC), now)
            _coach_actions(session, club.coach_of, club.org_id, evening, coach_rng)
        if progress:
            progress(index + 1, days)


def _planned_by_day(
    session: Session, personas: list[Persona], coach_of: dict[int, Actor]
) -> dict[tuple[int, date], Planned]:
    """(duration s, distance m or 0, hard) of the main planned session per athlete and day."""
    by_day: dict[tuple[int, date], Planned] = {}
    for p in personas:
        plan = generation.find_active_plan(session, coach_of[p.athlete_id], p.athlete_id)
        if plan is None:
            continue
        for s in plan.sessions:
            key = (p.athlete_id, s.scheduled_date)
            if key not in by_day or s.planned_duration_s > by_day[key][0]:
                by_day[key] = (s.planned_duration_s, s.planned_distance_m or 0.0, s.is_hard)
    return by_day


def _coach_actions(
    session: Session,
    coach_of: dict[int, Actor],
    org_id: int,
    moment: datetime,
    rng: random.Random,
) -> None:
    """A good coach's evening: they read the whole queue, acknowledge what is new, act on the
    recommendation a day later (apply most, dismiss some) and resolve what they dealt with. One
    item in ten waits five days (a busy week), so a few go overdue; most stay inside the SLA."""
    rows = session.scalars(
        select(Intervention)
        .where(
            Intervention.organization_id == org_id,
            Intervention.status.in_(("open", "acknowledged")),
        )
        .order_by(Intervention.id)
    ).all()
    for row in rows:
        opened = row.opened_at if row.opened_at.tzinfo else row.opened_at.replace(tzinfo=UTC)
        age_hours = (moment - opened).total_seconds() / 3600
        if age_hours < 0 or (row.id % 10 == 0 and age_hours < 120):  # later, or a busy week
            continue
        coach = coach_of[row.athlete_id]
        if row.acknowledged_at is None:
            interventions.acknowledge_intervention(session, coach, row.id, now=moment)
        if age_hours < 20 or rng.random() > 0.85:
            continue
        _decide(session, coach, row, moment, rng)
        outcome = rng.choice(list(OUTCOMES))
        interventions.resolve_intervention(
            session, coach, row.id, InterventionResolve(outcome=outcome), now=moment
        )


def _decide(
    session: Session, coach: Actor, row: Intervention, moment: datetime, rng: random.Random
) -> None:
    """Apply the item's open recommendation three times in four, else dismiss it."""
    rec = session.get(Recommendation, row.recommendation_id) if row.recommendation_id else None
    if rec is None or rec.status != "open":
        return
    decision = "accept" if rng.random() < 0.75 else "reject"
    try:
        recommendations.decide_recommendation(
            session,
            coach,
            rec.id,
            RecommendationDecision.model_validate({"decision": decision}),
            now=moment,
        )
    except RunSeasonError:  # e.g. decided in the meantime: the coach moves on
        return
