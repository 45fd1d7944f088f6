"""Accounts, athlete profiles and coach assignments within one organization."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.config import get_settings
from runseason.db.models import Athlete, CoachAssignment, User
from runseason.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from runseason.schemas.accounts import (
    AssignmentRead,
    AthleteRead,
    AthleteUpdate,
    CreatedUser,
    ProfileUpdate,
    UserCreate,
    UserRead,
)
from runseason.schemas.common import Page
from runseason.services.identity import auth, passwords, ratelimit
from runseason.services.identity.access import (
    Actor,
    get_athlete,
    require_role,
    require_write,
    use_case,
    visible_athletes,
)
from runseason.services.paging import page_offset


def user_read(user: User, athlete_id: int | None = None) -> UserRead:
    """The public view of an account."""
    read = UserRead.model_validate(user)
    return read.model_copy(update={"athlete_id": athlete_id})


def create_user(
    session: Session,
    actor: Actor | None,
    data: UserCreate,
    *,
    now: datetime,
    organization_id: int | None = None,
    password: str | None = None,
) -> CreatedUser:
    """Create an account with a random temporary password (or a chosen one, for the demo)."""
    org_id = _creating_org(actor, data, organization_id)
    email = auth.normalize_email(str(data.email))
    if session.scalar(select(User.id).where(User.email == email)):
        raise Conflict("An account with this email already exists.")
    temporary = password is None
    secret = password or passwords.temporary_password()
    if not temporary:
        passwords.check_password_policy(secret, email=email)
    user = User(
        organization_id=org_id,
        email=email,
        full_name=data.full_name,
        role=data.role,
        password_hash="!",  # noqa: S106 - a placeholder that verifies nothing, replaced below
        timezone=data.timezone,
        unit_preference=data.unit_preference,
    )
    session.add(user)
    session.flush()
    auth.set_password(session, user, secret, now=now, temporary=temporary)
    athlete_id = None
    if data.role == "athlete":
        athlete_id = _create_athlete_profile(session, actor, user, data, now)
    return CreatedUser(user=user_read(user, athlete_id), temporary_password=secret)


def _creating_org(actor: Actor | None, data: UserCreate, organization_id: int | None) -> int:
    if actor is None:
        if organization_id is None:
            raise InvalidInput("an organization is needed")
        return organization_id
    require_write(actor)
    if actor.role == "coach" and data.role != "athlete":
        raise PermissionDenied("Coaches create athlete accounts only; ask an administrator.")
    require_role(actor, "admin", "coach")
    return actor.organization_id


def _create_athlete_profile(
    session: Session, actor: Actor | None, user: User, data: UserCreate, now: datetime
) -> int:
    athlete = Athlete(
        organization_id=user.organization_id,
        user_id=user.id,
        display_name=data.full_name,
        timezone=data.timezone,
        unit_preference=data.unit_preference,
        sex=data.sex,
        birth_year=data.birth_year,
        level=data.level,
    )
    session.add(athlete)
    session.flush()
    coach_id = data.coach_id
    if coach_id is None and actor is not None and actor.role == "coach":
        coach_id = actor.user_id
    if coach_id is not None:
        _check_coach(session, user.organization_id, coach_id)
        session.add(
            CoachAssignment(
                organization_id=user.organization_id,
                coach_id=coach_id,
                athlete_id=athlete.id,
                role="head",
                started_at=now,
            )
        )
        session.flush()
    return athlete.id


def _check_coach(session: Session, organization_id: int, coach_id: int) -> User:
    coach = session.get(User, coach_id)
    if coach is None or coach.organization_id != organization_id or not coach.is_active:
        raise NotFound("coach not found")
    if coach.role not in ("coach", "admin"):
        raise InvalidInput("Only a coach or an administrator can be assigned to an athlete.")
    return coach


def _org_user(session: Session, actor: Actor, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.organization_id != actor.organization_id:
        raise NotFound("user not found")
    return user


def reset_password(session: Session, actor: Actor | None, user_id: int, *, now: datetime) -> str:
    """Give an account a new temporary password (returned once) and end its sessions."""
    if actor is None:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound("user not found")
    else:
        user = _org_user(session, actor, user_id)  # another tenant's account: not found
        require_role(actor, "admin", "coach")
        require_write(actor)
        if actor.role == "coach":
            _coach_may_manage(session, actor, user)
    secret = passwords.temporary_password()
    auth.set_password(session, user, secret, now=now, temporary=True)
    auth.end_user_sessions(session, user.id, now=now, reason="password_reset")
    return secret


def _coach_may_manage(session: Session, actor: Actor, user: User) -> None:
    athlete = session.scalar(select(Athlete).where(Athlete.user_id == user.id))
    if athlete is None:
        raise NotFound("user not found")
    get_athlete(session, actor, athlete.id, write=True)


def find_user_by_email(session: Session, email: str) -> User | None:
    """The account with this email, if any."""
    return session.scalar(select(User).where(User.email == auth.normalize_email(email)))


def deactivate_user(session: Session, actor: Actor, user_id: int, *, now: datetime) -> UserRead:
    """Switch an account off (admins only); its sessions end at once."""
    user = _org_user(session, actor, user_id)
    require_role(actor, "admin")
    require_write(actor)
    if user.id == actor.user_id:
        raise InvalidInput("You cannot deactivate your own account.")
    user.is_active = False
    auth.end_user_sessions(session, user.id, now=now, reason="deactivated")
    session.flush()
    return user_read(user)


def reactivate_user(session: Session, actor: Actor, user_id: int) -> UserRead:
    """Switch a deactivated account back on (admins only); it signs in with its old password."""
    user = _org_user(session, actor, user_id)
    require_role(actor, "admin")
    require_write(actor)
    user.is_active = True
    session.flush()
    return user_read(user)


def unlock_user(session: Session, actor: Actor, user_id: int) -> UserRead:
    """Lift a lockout after failed sign-ins (admins only), so the person can try again now."""
    user = _org_user(session, actor, user_id)
    require_role(actor, "admin")
    require_write(actor)
    user.locked_until = None
    user.failed_login_count = 0
    hourly = f"{get_settings().security.account_failures_per_hour}/hour"
    ratelimit.limiter().clear(f"signin:account:{user.id}", hourly)
    session.flush()
    return user_read(user)


def list_users(
    session: Session,
    actor: Actor,
    *,
    page: int = 1,
    page_size: int = 50,
    role: str | None = None,
) -> Page[UserRead]:
    """The organization's accounts (admins), paginated by name."""
    require_role(actor, "admin")
    offset = page_offset(page, page_size)
    query = select(User, Athlete.id).outerjoin(Athlete, Athlete.user_id == User.id)
    query = query.where(User.organization_id == actor.organization_id)
    if role:
        query = query.where(User.role == role)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(query.order_by(User.full_name, User.id).offset(offset).limit(page_size))
    items = [user_read(user, athlete_id) for user, athlete_id in rows]
    return Page[UserRead](items=items, page=page, page_size=page_size, total=total)


def list_athletes(
    session: Session,
    actor: Actor,
    *,
    page: int = 1,
    page_size: int = 50,
    search: str | None = None,
) -> Page[AthleteRead]:
    """The athletes the actor may see, paginated by name."""
    offset = page_offset(page, page_size)
    query = visible_athletes(actor)
    if search:
        query = query.where(Athlete.display_name.ilike(f"%{search.strip()}%"))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    ordered = query.order_by(Athlete.display_name, Athlete.id)
    rows = session.scalars(ordered.offset(offset).limit(page_size))
    items = [AthleteRead.model_validate(a) for a in rows]
    return Page[AthleteRead](items=items, page=page, page_size=page_size, total=total)


@use_case("athlete")
def get_athlete_profile(session: Session, actor: Actor, athlete_id: int) -> AthleteRead:
    """One athlete's profile."""
    return AthleteRead.model_validate(get_athlete(session, actor, athlete_id))


@use_case("athlete", writes=True)
def update_athlete(
    session: Session, actor: Actor, athlete_id: int, data: AthleteUpdate
) -> AthleteRead:
    """Change an athlete's profile (their coach, an admin, or the athlete themself)."""
    athlete = get_athlete(session, actor, athlete_id, write=True)
    changes = data.model_dump(exclude_unset=True)
    hr_rest = changes.get("hr_rest", athlete.hr_rest)
    hr_max = changes.get("hr_max", athlete.hr_max)
    if hr_rest is not None and hr_max is not None and hr_rest >= hr_max:
        raise InvalidInput("Resting heart rate must be below maximum heart rate.")
    for name, value in changes.items():
        setattr(athlete, name, value)
    if "vdot" in changes:
        athlete.vdot_source = "set by hand"
    session.flush()
    return AthleteRead.model_validate(athlete)


def update_profile(session: Session, actor: Actor, data: ProfileUpdate) -> UserRead:
    """A user's own display preferences (an athlete's profile follows their units and zone)."""
    require_write(actor)
    user = _org_user(session, actor, actor.user_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    for name, value in changes.items():
        setattr(user, name, value)
    if actor.athlete_id is not None:
        athlete = session.get(Athlete, actor.athlete_id)
        if athlete is not None:
            for name in ("timezone", "unit_preference"):
                if name in changes:
                    setattr(athlete, name, changes[name])
            if "full_name" in changes:
                athlete.display_name = changes["full_name"]
    session.flush()
    return user_read(user, actor.athlete_id)


def get_me(session: Session, actor: Actor) -> UserRead:
    """The signed-in user's own account."""
    return user_read(_org_user(session, actor, actor.user_id), actor.athlete_id)


@use_case("athlete", writes=True)
def assign_coach(
    session: Session,
    actor: Actor,
    athlete_id: int,
    coach_id: int,
    *,
    role: str = "head",
    now: datetime,
) -> AssignmentRead:
    """Make a coach responsible for an athlete (admins); a head coach replaces the previous one."""
    athlete = get_athlete(session, actor, athlete_id, write=True)
    require_role(actor, "admin")
    if role not in ("head", "assistant"):
        raise InvalidInput("role is 'head' or 'assistant'")
    _check_coach(session, actor.organization_id, coach_id)
    active = session.scalars(
        select(CoachAssignment).where(
            CoachAssignment.athlete_id == athlete.id, CoachAssignment.ended_at.is_(None)
        )
    ).all()
    for assignment in active:
        if assignment.coach_id == coach_id:
            assignment.role = role
            session.flush()
            return AssignmentRead.model_validate(assignment)
        if role == "head" and assignment.role == "head":
            assignment.ended_at = now
    new = CoachAssignment(
        organization_id=actor.organization_id,
        coach_id=coach_id,
        athlete_id=athlete.id,
        role=role,
        started_at=now,
    )
    session.add(new)
    session.flush()
    return AssignmentRead.model_validate(new)


@use_case("athlete", writes=True)
def end_assignment(
    session: Session, actor: Actor, athlete_id: int, coach_id: int, *, now: datetime
) -> None:
    """Stop a coach's responsibility for an athlete (the history stays)."""
    get_athlete(session, actor, athlete_id, write=True)
    require_role(actor, "admin")
    assignment = session.scalar(
        select(CoachAssignment).where(
            CoachAssignment.athlete_id == athlete_id,
            CoachAssignment.coach_id == coach_id,
            CoachAssignment.ended_at.is_(None),
        )
    )
    if assignment is None:
        raise NotFound("assignment not found")
    assignment.ended_at = now
    session.flush()


@use_case("athlete")
def list_assignments(session: Session, actor: Actor, athlete_id: int) -> list[AssignmentRead]:
    """An athlete's coaches, past and present."""
    get_athlete(session, actor, athlete_id)
    rows = session.scalars(
        select(CoachAssignment)
        .where(CoachAssignment.athlete_id == athlete_id)
        .order_by(CoachAssignment.started_at, CoachAssignment.id)
    )
    return [AssignmentRead.model_validate(a) for a in rows]
