"""The season generator: a coaching business simulated day by day through the real services.

Everything is drawn from one ``random.Random(seed)``, so the same seed gives the same organization.
Athletes follow their plan with noise; some skip, some overreach, some fall ill or get injured for
a while; sleep and stress move with life events; heart rate and pace follow each athlete's fitness.
Because every check-in and session goes through the same services as the web app and the API, the
metrics, recommendations and interventions are correct by construction.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from runseason.db.models import (
    Athlete,
    CheckIn,
    DailyMetric,
    Intervention,
    LoadSeries,
    Organization,
    TrainingLog,
    User,
)
from runseason.domain import paces
from runseason.domain.dates import local_date
from runseason.errors import InvalidInput
from runseason.schemas.accounts import AthleteUpdate, OrganizationCreate, UserCreate
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.coaching import InterventionResolve
from runseason.schemas.plans import GoalCreate, PlanCreate
from runseason.schemas.training import TrainingLogCreate
from runseason.services import checkins, interventions, training
from runseason.services.identity import organizations, users
from runseason.services.identity.access import Actor, actor_for_user
from runseason.services.plans import generation, goals
from runseason.services.refresh import history, snapshots

Behaviour = Literal["steady", "skipper", "overreacher", "fragile", "busy"]
BEHAVIOURS: tuple[tuple[Behaviour, float], ...] = (
    ("steady", 0.5),
    ("skipper", 0.15),
    ("overreacher", 0.15),
    ("fragile", 0.1),
    ("busy", 0.1),
)
TIMEZONES = (
    "Europe/London",
    "Europe/Oslo",
    "Europe/Berlin",
    "America/New_York",
    "America/Denver",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Asia/Tokyo",
)
FIRST = (
    "Ada",
    "Alex",
    "Amir",
    "Anna",
    "Ben",
    "Bea",
    "Carl",
    "Chloe",
    "Dan",
    "Dara",
    "Eli",
    "Emma",
    "Finn",
    "Freya",
    "Gus",
    "Hana",
    "Ivan",
    "Iris",
    "Jon",
    "Juno",
    "Kai",
    "Kira",
    "Leo",
    "Lina",
    "Max",
    "Mia",
    "Nils",
    "Nora",
    "Omar",
    "Olga",
    "Pete",
    "Pia",
    "Quinn",
    "Rosa",
    "Sam",
    "Sara",
    "Tom",
    "Tara",
    "Uli",
    "Una",
    "Vic",
    "Vera",
    "Will",
    "Wren",
    "Yan",
    "Yara",
    "Zed",
    "Zoe",
)
LAST = (
    "Berg",
    "Costa",
    "Dahl",
    "Evans",
    "Fox",
    "Garcia",
    "Hale",
    "Ito",
    "Jensen",
    "Khan",
    "Lund",
    "Moreau",
    "Novak",
    "Okafor",
    "Park",
    "Quist",
    "Rossi",
    "Silva",
    "Tan",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Young",
    "Zeller",
)
RACES = (
    ("Harbour 10K", 10_000.0),
    ("City Half Marathon", 21_097.5),
    ("Autumn Marathon", 42_195.0),
    ("Parkland 5K", 5_000.0),
    ("Lakeside Half", 21_097.5),
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


@dataclass(slots=True)
class Persona:
    """One simulated athlete and their hidden state."""

    name: str
    email: str
    vdot: float
    sex: Literal["female", "male"]
    birth_year: int
    level: Literal["beginner", "intermediate", "advanced", "elite"]
    timezone: str
    weekly_km: float
    weekdays: list[int]
    behaviour: Behaviour
    race: tuple[str, float]
    race_in_days: int
    hr_rest: int
    hr_max: int
    athlete_id: int = 0
    user: User | None = None
    fatigue: float = 0.0
    ill_until: date | None = None
    injured_until: date | None = None
    stress_until: date | None = None
    episodes: list[str] = field(default_factory=list)


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


def _level(vdot: float) -> Literal["beginner", "intermediate", "advanced", "elite"]:
    if vdot < 38:
        return "beginner"
    if vdot < 52:
        return "intermediate"
    if vdot < 65:
        return "advanced"
    return "elite"


def make_personas(spec: DemoSpec, rng: random.Random) -> list[Persona]:
    """Athletes of varied level (VDOT 30-75), age, sex, availability and time zone."""
    people: list[Persona] = []
    pool = [f"{f} {last}" for f in FIRST for last in LAST]
    # Beyond the pool (1,200 names) names repeat; emails stay unique by their index.
    names = (
        rng.sample(pool, spec.athletes)
        if spec.athletes <= len(pool)
        else [rng.choice(pool) for _ in range(spec.athletes)]
    )
    behaviours, weights = zip(*BEHAVIOURS, strict=True)
    for i, name in enumerate(names):
        vdot = round(min(75.0, max(30.0, rng.gauss(47, 9))), 1)
        age = rng.randint(19, 62)
        days = rng.choice([4, 5, 5, 6, 6, 7])
        weekdays = sorted(rng.sample(range(7), days))
        if 6 not in weekdays and rng.random() < 0.7:
            weekdays = sorted({*weekdays[1:], 6})
        hr_max = round(208 - 0.7 * age + rng.gauss(0, 5))
        people.append(
            Persona(
                name=name,
                email=f"{name.lower().replace(' ', '.')}.{i}@{spec.slug}.example.com",
                vdot=vdot,
                sex=rng.choice(["female", "male"]),
                birth_year=2026 - age,
                level=_level(vdot),
                timezone=rng.choice(TIMEZONES),
                weekly_km=round(min(120.0, max(15.0, (vdot - 20) * 1.4 + rng.gauss(0, 8))), 0),
                weekdays=weekdays,
                behaviour=rng.choices(behaviours, weights)[0],
                race=rng.choice(RACES),
                race_in_days=rng.randint(21, 110),
                hr_rest=max(38, min(75, round(rng.gauss(56 - (vdot - 45) * 0.4, 5)))),
                hr_max=max(160, min(215, hr_max)),
            )
        )
    return people


def _at(day: date, hour: int, tz: str, rng: random.Random) -> datetime:
    local = datetime.combine(day, time(hour, rng.randint(0, 59)), tzinfo=ZoneInfo(tz))
    return local.astimezone(UTC)


def _password() -> str:
    return "-".join(secrets.token_urlsafe(6) for _ in range(3))


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
    the same simulated days as rows (see ``BulkSink``).
    """
    if spec.athletes < 1 or spec.coaches < 1 or not 2 <= spec.weeks <= 104:
        raise InvalidInput("a demo needs at least one athlete and coach, and 2 to 104 weeks")
    rng = random.Random(spec.seed)  # noqa: S311 (simulation, not security)
    # Coach actions draw from their own stream, so both paths simulate the same athletes' days.
    coach_rng = random.Random(spec.seed + 1)  # noqa: S311
    start_day = (today - timedelta(weeks=spec.weeks)).date()
    start_day -= timedelta(days=start_day.weekday())  # a Monday, as plans start
    start = datetime.combine(start_day, time(6), tzinfo=UTC)
    org = organizations.create_organization(
        session, OrganizationCreate(name=spec.name, slug=spec.slug)
    )
    accounts: list[Account] = []

    def account(role: str, name: str, email: str, **extra: object) -> User:
        password = _password()
        data = UserCreate.model_validate({"email": email, "full_name": name, "role": role, **extra})
        created = users.create_user(
            session, None, data, now=start, organization_id=org.id, password=password
        )
        accounts.append(Account(role, email, password))
        user = session.get(User, created.user.id)
        assert user is not None
        return user

    account("admin", "Dana Admin", f"admin@{spec.slug}.example.com")
    coach_names = ("Morgan Reyes", "Ingrid Solberg", "Tomas Keller", "Priya Nair", "Lars Holm")
    coaches = [
        account("coach", coach_names[i % 5], f"coach{i + 1}@{spec.slug}.example.com")
        for i in range(spec.coaches)
    ]
    personas = make_personas(spec, rng)
    coach_of: dict[int, Actor] = {}
    for i, p in enumerate(personas):
        coach = coaches[i % len(coaches)]
        p.user = account(
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
        actor = actor_for_user(session, p.user)
        assert actor.athlete_id is not None
        p.athlete_id = actor.athlete_id
        coach_actor = actor_for_user(session, coach)
        coach_of[p.athlete_id] = coach_actor
        users.update_athlete(
            session,
            coach_actor,
            p.athlete_id,
            AthleteUpdate(
                vdot=p.vdot,
                hr_rest=p.hr_rest,
                hr_max=p.hr_max,
                lthr=round(p.hr_max * 0.9),
                current_weekly_distance_m=p.weekly_km * 1000,
                available_weekdays=p.weekdays,
                preferred_long_run_day=6 if 6 in p.weekdays else p.weekdays[-1],
            ),
        )
        race_day = today.date() + timedelta(days=p.race_in_days)
        race_day = max(race_day, start_day + timedelta(weeks=12, days=p.race_in_days % 14))
        plan_start = max(start_day, race_day - timedelta(weeks=47))
        plan_start -= timedelta(days=plan_start.weekday())
        goal = goals.create_goal(
            session,
            coach_actor,
            p.athlete_id,
            GoalCreate(name=p.race[0], distance_m=p.race[1], race_date=race_day),
            now=start,
        )
        generation.generate_plan(
            session,
            coach_actor,
            p.athlete_id,
            PlanCreate(goal_id=goal.id, start_date=plan_start),
            now=start,
        )
    result = DemoResult(org.id, accounts, athletes=len(personas))
    planned = _planned_by_day(session, personas, coach_of)
    days = (today.date() - start_day).days + 1
    sink: Sink = ServiceSink(session) if path == "services" else BulkSink(session)
    for index in range(days):
        day = start_day + timedelta(days=index)
        for p in personas:
            # One metric recompute per athlete-day instead of one per check-in and per session.
            with snapshots.deferred_refresh(session):
                _simulate_day(sink, p, day, today, planned.get((p.athlete_id, day)), rng, result)
        if index % 7 == 6 and path == "services":
            _coach_actions(session, coach_of, org.id, day, coach_rng)
        if progress:
            progress(index + 1, days)
    if isinstance(sink, BulkSink):
        sink.finish(personas, org.id)
    result.interventions_open = len(
        list(
            session.scalars(
                select(Intervention.id).where(
                    Intervention.organization_id == org.id, Intervention.status != "resolved"
                )
            )
        )
    )
    return result


def _planned_by_day(
    session: Session, personas: list[Persona], coach_of: dict[int, Actor]
) -> dict[tuple[int, date], tuple[float, float, bool]]:
    """(duration s, distance m or 0, hard) of the main planned session per athlete and day."""
    by_day: dict[tuple[int, date], tuple[float, float, bool]] = {}
    for p in personas:
        plan = generation.find_active_plan(session, coach_of[p.athlete_id], p.athlete_id)
        if plan is None:
            continue
        for s in plan.sessions:
            key = (p.athlete_id, s.scheduled_date)
            if key not in by_day or s.planned_duration_s > by_day[key][0]:
                by_day[key] = (s.planned_duration_s, s.planned_distance_m or 0.0, s.is_hard)
    return by_day


def _life_events(p: Persona, day: date, rng: random.Random) -> None:
    fragile = p.behaviour == "fragile"
    if p.ill_until is None and rng.random() < (0.012 if fragile else 0.004):
        p.ill_until = day + timedelta(days=rng.randint(3, 8))
        p.episodes.append(f"ill from {day}")
    if p.injured_until is None and rng.random() < (0.008 if fragile else 0.002) + p.fatigue * 0.004:
        p.injured_until = day + timedelta(days=rng.randint(7, 21))
        p.episodes.append(f"injured from {day}")
    if p.stress_until is None and rng.random() < (0.02 if p.behaviour == "busy" else 0.006):
        p.stress_until = day + timedelta(days=rng.randint(4, 12))
    for name in ("ill_until", "injured_until", "stress_until"):
        until = getattr(p, name)
        if until is not None and day > until:
            setattr(p, name, None)


def _score(base: float, rng: random.Random) -> int:
    return max(1, min(5, round(base + rng.gauss(0, 0.6))))


class ServiceSink:
    """Each simulated check-in and session goes through the services (the demo)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def checkin(self, p: Persona, data: CheckInCreate, now: datetime) -> None:
        assert p.user is not None
        actor = actor_for_user(self.session, p.user)
        checkins.submit_checkin(self.session, actor, p.athlete_id, data, now=now)

    def log(self, p: Persona, data: TrainingLogCreate, now: datetime) -> None:
        assert p.user is not None
        actor = actor_for_user(self.session, p.user)
        training.log_session(self.session, actor, p.athlete_id, data, now=now)


class BulkSink:
    """The bulk path: the same simulated days written as rows, metrics computed in one pass.

    Loads use the services' own load function on the same inputs and are stored per day with the
    longest run, from which the metrics are computed on read as for the service path, so both paths
    give the same metrics for the same seed (tested).
    Check-ins are stored without readiness scores; no snapshots, recommendations or
    interventions are made: this path exists for benchmark volumes.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.checkins: list[tuple[Persona, CheckInCreate, datetime]] = []
        self.logs: list[tuple[Persona, TrainingLogCreate, datetime]] = []

    def checkin(self, p: Persona, data: CheckInCreate, now: datetime) -> None:
        self.checkins.append((p, data, now))

    def log(self, p: Persona, data: TrainingLogCreate, now: datetime) -> None:
        self.logs.append((p, data, now))

    def finish(self, personas: list[Persona], org_id: int) -> None:
        """Write the collected rows and each athlete's daily metrics."""
        athletes = {
            a.id: a
            for a in self.session.scalars(select(Athlete).where(Athlete.organization_id == org_id))
        }
        checkin_rows = []
        first_day: dict[int, date] = {}
        last_day: dict[int, date] = {}
        for p, _data, now in [*self.checkins, *self.logs]:
            moment = local_date(now, p.timezone)
            last_day[p.athlete_id] = max(last_day.get(p.athlete_id, moment), moment)
        for p, data, now in self.checkins:
            day = local_date(now, p.timezone)
            first_day[p.athlete_id] = min(first_day.get(p.athlete_id, day), day)
            checkin_rows.append(
                {
                    "organization_id": org_id,
                    "athlete_id": p.athlete_id,
                    "local_date": day,
                    "submitted_at": now,
                    **data.model_dump(exclude={"local_date"}),
                }
            )
        log_rows = []
        loads: dict[int, dict[date, float]] = {}
        longest_runs: dict[int, dict[date, float]] = {}
        for p, entry, now in self.logs:
            value, load_model, details = training.load_for(
                athletes[p.athlete_id],
                entry.duration_s,
                entry.distance_m,
                entry.rpe,
                entry.avg_hr,
                entry.sport,
            )
            loads.setdefault(p.athlete_id, {})
            loads[p.athlete_id][entry.local_date] = (
                loads[p.athlete_id].get(entry.local_date, 0.0) + value
            )
            first_day[p.athlete_id] = min(
                first_day.get(p.athlete_id, entry.local_date), entry.local_date
            )
            if entry.sport == "run" and entry.distance_m:
                runs = longest_runs.setdefault(p.athlete_id, {})
                runs[entry.local_date] = max(runs.get(entry.local_date, 0.0), entry.distance_m)
            log_rows.append(
                {
                    "organization_id": org_id,
                    "athlete_id": p.athlete_id,
                    "started_at": now,
                    "load": value,
                    "load_model": load_model,
                    "load_details": details,
                    "source": "manual",
                    "pain_flag": bool(entry.pain_severity),
                    **entry.model_dump(exclude={"start_time"}),
                }
            )
        for rows, table in ((checkin_rows, CheckIn), (log_rows, TrainingLog)):
            for start in range(0, len(rows), 2000):
                self.session.execute(insert(table), rows[start : start + 2000])
        metric_rows = []
        series_rows: list[dict[str, Any]] = []
        for p in personas:
            first = first_day.get(p.athlete_id)
            if first is None:
                continue
            # As in the services, rows reach the athlete's local date of their last change.
            end = last_day[p.athlete_id]
            days = [first + timedelta(days=i) for i in range((end - first).days + 1)]
            per_day = loads.get(p.athlete_id, {})
            longest = longest_runs.get(p.athlete_id, {})
            for day in days:
                metric_rows.append(
                    {
                        "organization_id": org_id,
                        "athlete_id": p.athlete_id,
                        "day": day,
                        "load": per_day.get(day, 0.0),
                        "longest_run_m": longest.get(day, 0.0),
                    }
                )
            series_rows.append(
                history.series_row(
                    org_id,
                    p.athlete_id,
                    first,
                    [per_day.get(day, 0.0) for day in days],
                    [longest.get(day, 0.0) for day in days],
                )
            )
        for start in range(0, len(metric_rows), 2000):
            self.session.execute(insert(DailyMetric), metric_rows[start : start + 2000])
        for start in range(0, len(series_rows), 100):
            self.session.execute(insert(LoadSeries), series_rows[start : start + 100])
        self.session.flush()


Sink = ServiceSink | BulkSink


def _simulate_day(
    sink: Sink,
    p: Persona,
    day: date,
    today: datetime,
    planned: tuple[float, float, bool] | None,
    rng: random.Random,
    result: DemoResult,
) -> None:
    _life_events(p, day, rng)
    ill = p.ill_until is not None
    injured = p.injured_until is not None
    stressed = p.stress_until is not None
    morning = _at(day, 7, p.timezone, rng)
    evening = _at(day, 18, p.timezone, rng)
    is_today = day == today.date()
    checkin_rate = {"skipper": 0.6, "busy": 0.7}.get(p.behaviour, 0.92)
    if morning <= today and rng.random() < checkin_rate:
        sleep = 4.2 - p.fatigue * 1.0 - (1.0 if stressed else 0) - (1.2 if ill else 0)
        sink.checkin(
            p,
            CheckInCreate(
                sleep_quality=_score(sleep, rng),
                energy=_score(4.2 - p.fatigue * 1.5 - (1.5 if ill else 0), rng),
                recovery=_score(4.2 - p.fatigue * 1.6 - (1.0 if injured else 0), rng),
                stress=_score(4.2 - (1.8 if stressed else 0), rng),
                sleep_hours=round(max(3.0, rng.gauss(7.4 - (1.0 if stressed else 0), 0.7)), 1),
                resting_hr=p.hr_rest + round(p.fatigue * 6 + (6 if ill else 0) + rng.gauss(0, 2)),
                hrv_rmssd=round(max(10.0, rng.gauss(70 - p.fatigue * 15 - (15 if ill else 0), 6))),
                illness=ill,
                pain_severity=rng.randint(4, 7) if injured else None,
                pain_location=rng.choice(["left calf", "right knee", "achilles"])
                if injured
                else None,
            ),
            morning,
        )
        result.checkins += 1
    if is_today or planned is None:
        p.fatigue = max(0.0, p.fatigue * 0.8)
        return
    duration, distance, hard = planned
    follow = {"skipper": 0.6, "busy": 0.7, "overreacher": 0.97}.get(p.behaviour, 0.9)
    if ill or (injured and rng.random() < 0.7) or rng.random() > follow:
        p.fatigue = max(0.0, p.fatigue * 0.75)
        return
    stretch = 1.25 if p.behaviour == "overreacher" else 1.0
    duration_s = max(900.0, duration * stretch * rng.gauss(1.0, 0.08))
    easy_pace = paces.training_paces(p.vdot).easy_fast_s_per_km * 1.06
    pace = paces.training_paces(p.vdot).threshold_s_per_km * 1.04 if hard else easy_pace
    pace *= rng.gauss(1.0 + p.fatigue * 0.03, 0.03)
    distance_m = duration_s / pace * 1000 if distance == 0 else distance * stretch
    hr_fraction = 0.86 if hard else 0.72
    avg_hr = round(p.hr_rest + (p.hr_max - p.hr_rest) * (hr_fraction + p.fatigue * 0.03))
    rpe = max(1.0, min(10.0, round((7.0 if hard else 3.5) + p.fatigue * 1.5 + rng.gauss(0, 0.7))))
    sink.log(
        p,
        TrainingLogCreate(
            local_date=day,
            duration_s=round(duration_s),
            distance_m=round(distance_m),
            avg_hr=min(avg_hr, p.hr_max - 2),
            rpe=rpe,
            pain_severity=rng.randint(3, 6) if injured else None,
            pain_location="left calf" if injured else None,
            feel=max(1, min(5, round(4 - p.fatigue * 2 + rng.gauss(0, 0.5)))),
        ),
        evening,
    )
    result.sessions += 1
    strain = duration_s / 3600 * (1.6 if hard else 1.0) * stretch
    p.fatigue = min(2.0, p.fatigue * 0.8 + strain * 0.15 * (1.6 if p.behaviour == "fragile" else 1))


def _coach_actions(
    session: Session, coach_of: dict[int, Actor], org_id: int, day: date, rng: random.Random
) -> None:
    """Coaches work through part of their queue each week; the rest stays open (every SLA age)."""
    moment = datetime.combine(day, time(17), tzinfo=UTC)
    rows = session.scalars(
        select(Intervention)
        .where(
            Intervention.organization_id == org_id,
            Intervention.status.in_(("open", "acknowledged")),
        )
        .order_by(Intervention.id)
    ).all()
    for row in rows:
        age_days = (moment - _aware(row.opened_at)).total_seconds() / 86400
        if age_days < 2 or rng.random() > 0.6:
            continue
        outcome = rng.choice(
            [
                "Called the athlete; adjusted the week.",
                "Swapped the session and asked for a check-in tomorrow.",
                "Referred to the physio; easy running only.",
            ]
        )
        interventions.resolve_intervention(
            session,
            coach_of[row.athlete_id],
            row.id,
            InterventionResolve(outcome=outcome),
            now=moment,
        )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
