"""Plain factory functions and the named characters every test reuses.

Northside Running: admin Ada; coaches Cole (Greta, Sam), Asha (Riley, Ramp) and Uma (no athletes).
Southside Track: coach Otto with athlete Oona. Everyone's password is ``PASSWORD``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, LoadSeries, Organization, User
from runseason.schemas.accounts import OrganizationCreate, UserCreate
from runseason.services.identity import organizations, users
from runseason.services.identity.access import Actor, actor_for_user
from runseason.services.refresh import history

PASSWORD = "correct horse battery staple"
NOW = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)


def make_org(
    session: Session, name: str = "Northside Running", slug: str | None = None
) -> Organization:
    """An organization created through the service."""
    data = OrganizationCreate(name=name, slug=slug or name.lower().replace(" ", "-"))
    created = organizations.create_organization(session, data)
    org = session.get(Organization, created.id)
    assert org is not None
    return org


def make_user(
    session: Session,
    org: Organization,
    role: Literal["admin", "coach", "athlete"],
    name: str,
    *,
    email: str | None = None,
    coach: User | None = None,
    now: datetime = NOW,
    **profile: Any,
) -> User:
    """An account with the known password (no forced change), created through the service."""
    address = email or f"{name.lower().replace(' ', '.')}@{org.slug}.example.com"
    data = UserCreate(
        email=address,
        full_name=name,
        role=role,
        coach_id=coach.id if coach else None,
        **profile,
    )
    created = users.create_user(
        session, None, data, now=now, organization_id=org.id, password=PASSWORD
    )
    user = session.get(User, created.user.id)
    assert user is not None
    return user


def make_athlete(
    session: Session,
    org: Organization,
    name: str,
    *,
    coach: User | None = None,
    **profile: Any,
) -> Athlete:
    """An athlete (account and profile), assigned to ``coach`` as head coach when given."""
    user = make_user(session, org, "athlete", name, coach=coach, **profile)
    return athlete_of(session, user)


def athlete_of(session: Session, user: User) -> Athlete:
    """The athlete profile of an athlete's account."""
    from sqlalchemy import select  # noqa: PLC0415

    athlete = session.scalar(select(Athlete).where(Athlete.user_id == user.id))
    assert athlete is not None
    return athlete


def actor(
    session: Session, user: User, scope: Literal["read", "read_write"] = "read_write"
) -> Actor:
    """The actor a user acts as."""
    return actor_for_user(session, user, scope=scope)


@dataclass
class World:
    """The named characters of two organizations."""

    north: Organization
    south: Organization
    ada: User
    cole: User
    asha: User
    uma: User
    otto: User
    greta: Athlete
    riley: Athlete
    ramp: Athlete
    sam: Athlete
    oona: Athlete

    def user_of(self, athlete: Athlete, session: Session) -> User:
        """The account of one of the athletes."""
        user = session.get(User, athlete.user_id)
        assert user is not None
        return user


def make_world(session: Session) -> World:
    """Build both organizations and their people."""
    north = make_org(session, "Northside Running", "northside")
    south = make_org(session, "Southside Track", "southside")
    ada = make_user(session, north, "admin", "Ada Admin")
    cole = make_user(session, north, "coach", "Cole Coach")
    asha = make_user(session, north, "coach", "Asha Coach")
    uma = make_user(session, north, "coach", "Uma Unassigned")
    otto = make_user(session, south, "coach", "Otto Coach")
    profile = {"timezone": "Europe/Oslo"}
    return World(
        north=north,
        south=south,
        ada=ada,
        cole=cole,
        asha=asha,
        uma=uma,
        otto=otto,
        greta=make_athlete(session, north, "Greta Green", coach=cole, **profile),
        riley=make_athlete(session, north, "Riley Red", coach=asha),
        ramp=make_athlete(session, north, "Ramp Rapid", coach=asha),
        sam=make_athlete(session, north, "Sam Silent", coach=cole, timezone="America/New_York"),
        oona=make_athlete(session, south, "Oona Other", coach=otto),
    )


def assert_series_kept(session: Session, athlete_id: int) -> None:
    """The athlete's ``load_series`` row says what their day rows say (none without rows)."""
    rows = history.stored_days(session, athlete_id)
    kept = session.execute(
        select(LoadSeries.first_day, LoadSeries.loads, LoadSeries.runs).where(
            LoadSeries.athlete_id == athlete_id
        )
    ).one_or_none()
    if not rows:
        assert kept is None
        return
    assert kept is not None, "rows without a load series"
    expected = history.History.of_rows(rows)
    assert kept.first_day == expected.first
    assert history.decode(kept.loads).tolist() == expected.loads.tolist()
    assert history.decode(kept.runs).tolist() == expected.runs.tolist()
