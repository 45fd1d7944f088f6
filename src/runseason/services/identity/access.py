"""Who may do what to which athlete or object: answered here, once per use-case.

A coach sees only athletes assigned to them (an active assignment) in their own organization; an
admin sees every athlete of their organization; an athlete sees only themself. Anything outside
that is ``NotFound``, exactly as a missing id would be, so ids never leak across tenants.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from sqlalchemy import Select, and_, bindparam, exists, select
from sqlalchemy.orm import Session

from runseason import context
from runseason.db.models import Athlete, CoachAssignment, User
from runseason.db.session import begin_writes
from runseason.errors import NotFound, PermissionDenied

Role = Literal["admin", "coach", "athlete"]
Scope = Literal["read", "read_write"]
T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in user a use-case acts for (``athlete_id`` set when the role is athlete)."""

    user_id: int
    organization_id: int
    role: Role
    athlete_id: int | None = None
    scope: Scope = "read_write"

    @property
    def is_staff(self) -> bool:
        """Admins and coaches: the people who run the coaching service."""
        return self.role in ("admin", "coach")


# Use-cases that take the id of an athlete or of an athlete-owned object register here, so the
# access-matrix test enumerates all of them and fails when one has no probe.
USE_CASES: dict[str, UseCaseInfo] = {}


@dataclass(frozen=True, slots=True)
class UseCaseInfo:
    """How the access matrix reaches a use-case: its function and what its ids point at."""

    name: str
    func: Callable[..., Any]
    resource: str
    writes: bool


def use_case(resource: str, *, writes: bool = False) -> Callable[[F], F]:
    """Register a use-case that touches one athlete's (or object's) data for the access matrix."""

    def register(func: F) -> F:
        name = f"{func.__module__}.{func.__qualname__}"
        USE_CASES[name] = UseCaseInfo(name, func, resource, writes)
        return func

    return register


def bind(actor: Actor) -> None:
    """Record the actor for the audit trail and logs (entry points call this after sign-in)."""
    context.bind_actor(actor.user_id, actor.organization_id)


def require_role(actor: Actor, *roles: Role) -> None:
    """Refuse with ``PermissionDenied`` unless the actor has one of ``roles``."""
    if actor.role not in roles:
        raise PermissionDenied("your role may not do this")


def require_write(actor: Actor) -> None:
    """Refuse a write made with a read-only API key."""
    if actor.scope != "read_write":
        raise PermissionDenied("this API key is read-only")


def coach_has_athlete(athlete_id_column: Any, coach_id: Any) -> Any:
    """SQL condition: the coach holds an active assignment for the athlete in that column."""
    return exists().where(
        and_(
            CoachAssignment.athlete_id == athlete_id_column,
            CoachAssignment.coach_id == coach_id,
            CoachAssignment.ended_at.is_(None),
        )
    )


def coached_athletes(session: Session, organization_id: int, coach_id: int) -> set[int]:
    """The athletes one coach of the organization holds today (an active assignment); empty for
    a coach without athletes, or for an id that is no coach of the organization."""
    return set(
        session.scalars(
            select(CoachAssignment.athlete_id).where(
                CoachAssignment.coach_id == coach_id,
                CoachAssignment.organization_id == organization_id,
                CoachAssignment.ended_at.is_(None),
            )
        )
    )


def visible_athletes(actor: Actor) -> Select[Athlete]:
    """A query of the athletes the actor may see (for lists, always filtered in SQL)."""
    return select(Athlete).where(athlete_filter(actor, Athlete.id, Athlete.organization_id))


def _restricted(
    role: Role, athlete_id_column: Any, organization_column: Any, organization: Any, me: Any
) -> Any:
    """The condition of ``athlete_filter`` for a role, with its two values given as values or as
    bound parameters: an athlete sees their own id, a coach the athletes assigned to them."""
    condition = organization_column == organization
    if role == "athlete":
        return and_(condition, athlete_id_column == me)
    if role == "coach":
        return and_(condition, coach_has_athlete(athlete_id_column, me))
    return condition


def _me(actor: Actor) -> int:
    """The id the actor's filter compares: their athlete profile, or their user as staff."""
    return (actor.athlete_id or -1) if actor.role == "athlete" else actor.user_id


def athlete_filter(actor: Actor, athlete_id_column: Any, organization_column: Any) -> Any:
    """SQL condition restricting rows of athlete data to the athletes the actor may see."""
    return _restricted(
        actor.role, athlete_id_column, organization_column, actor.organization_id, _me(actor)
    )


def athlete_filter_for(role: Role, athlete_id_column: Any, organization_column: Any) -> Any:
    """``athlete_filter`` with the actor's values as bound parameters (``actor_params``), for
    statements built once per role and reused."""
    return _restricted(
        role,
        athlete_id_column,
        organization_column,
        bindparam("actor_org"),
        bindparam("actor_me"),
    )


def within_scope(
    role: Role, query: Select[Any], athlete_id_column: Any, organization_column: Any
) -> Select[Any]:
    """``query`` restricted as ``athlete_filter_for`` restricts it, with the same parameters.

    For a coach it joins their active assignments (at most one per athlete, a unique index): the
    same rows as the EXISTS, but SQLite reads the assignments' index once rather than per row.
    """
    if role != "coach":
        return query.where(athlete_filter_for(role, athlete_id_column, organization_column))
    assigned = and_(
        CoachAssignment.athlete_id == athlete_id_column,
        CoachAssignment.coach_id == bindparam("actor_me"),
        CoachAssignment.ended_at.is_(None),
    )
    return query.join(CoachAssignment, assigned).where(
        organization_column == bindparam("actor_org")
    )


def actor_params(actor: Actor) -> dict[str, int]:
    """The values ``athlete_filter_for`` binds."""
    return {"actor_org": actor.organization_id, "actor_me": _me(actor)}


def may_see_athlete(session: Session, actor: Actor, athlete: Athlete) -> bool:
    """Whether the actor may see this athlete's data."""
    if athlete.organization_id != actor.organization_id:
        return False
    if actor.role == "admin":
        return True
    if actor.role == "athlete":
        return athlete.id == actor.athlete_id
    found = session.scalar(select(coach_has_athlete(athlete.id, actor.user_id)))
    return bool(found)


def locks_rows(session: Session) -> bool:
    """Whether the session's database takes row locks (PostgreSQL); on SQLite a lock is the
    database's write lock instead (``begin_writes``)."""
    return session.get_bind().dialect.name != "sqlite"


def get_athlete(session: Session, actor: Actor, athlete_id: int, *, write: bool = False) -> Athlete:
    """The athlete if the actor may see it (and write, when asked); ``NotFound`` otherwise.

    A write on PostgreSQL reads the row ``FOR UPDATE``: the lock ``lock_athlete`` describes, taken
    by the same statement. (For an athlete the actor may not see, the lock lasts only until the
    refusal rolls the transaction back.)
    """
    locking = write and locks_rows(session)
    athlete = session.get(Athlete, athlete_id, with_for_update=True if locking else None)
    return admit_athlete(session, actor, athlete, write=write)


def admit_athlete(
    session: Session, actor: Actor, athlete: Athlete | None, *, write: bool = False
) -> Athlete:
    """``get_athlete``'s checks of an athlete read otherwise (None: no such athlete)."""
    if athlete is None or not may_see_athlete(session, actor, athlete):
        raise NotFound("athlete not found")
    # Keep it for the transaction: the identity map holds objects weakly, and the next use-case
    # of the same request (the briefing after a check-in) would read the row again.
    session.info.setdefault("pinned_athletes", {})[athlete.id] = athlete
    if write:
        require_write(actor)
        begin_writes(session)  # SQLite's counterpart of the row lock PostgreSQL took
    return athlete


def lock_athlete(session: Session, athlete_id: int, *, skip_locked: bool = False) -> bool:
    """Serialize writes to one athlete's data until the transaction ends.

    A write recomputes the athlete's metrics, snapshot and recommendations; two at once (a double
    tap, two devices) would race on the same rows. PostgreSQL takes a row lock; SQLite takes the
    database's write lock (``begin_writes``). With
    ``skip_locked`` (the refresh worker) a lock held elsewhere is not waited for: the answer is
    False, as it is for an athlete who no longer exists.
    """
    if not locks_rows(session):
        begin_writes(session)
        return True
    found = session.scalar(
        select(Athlete.id).where(Athlete.id == athlete_id).with_for_update(skip_locked=skip_locked)
    )
    return found is not None


def lock_athletes(session: Session, athlete_ids: Sequence[int]) -> list[int]:
    """``lock_athlete`` for many athletes at once, skipping those locked elsewhere.

    The athletes whose lock this transaction now holds, in the order given (on SQLite, every
    athlete that exists).
    """
    if not athlete_ids:
        return []
    query = select(Athlete.id).where(Athlete.id.in_(list(athlete_ids)))
    if locks_rows(session):
        query = query.with_for_update(skip_locked=True)
    else:
        begin_writes(session)
    locked = set(session.scalars(query))
    return [athlete_id for athlete_id in athlete_ids if athlete_id in locked]


def get_owned(
    session: Session, actor: Actor, model: type[T], object_id: int, *, write: bool = False
) -> T:
    """An athlete-owned or organization-owned object the actor may see; ``NotFound`` otherwise."""
    obj = session.get(model, object_id)
    label = getattr(model, "__tablename__", "object").rstrip("s").replace("_", " ")
    if obj is None or getattr(obj, "organization_id", None) != actor.organization_id:
        raise NotFound(f"{label} not found")
    athlete_id = getattr(obj, "athlete_id", None)
    if athlete_id is not None:
        athlete = session.get(Athlete, athlete_id)
        if athlete is None or not may_see_athlete(session, actor, athlete):
            raise NotFound(f"{label} not found")
    elif actor.role == "athlete":
        raise NotFound(f"{label} not found")
    if write:
        require_write(actor)
        if athlete_id is not None:
            lock_athlete(session, athlete_id)
    return obj


# Built once: every request of an athlete runs it while signing in.
_ATHLETE_OF_USER = select(Athlete.id).where(Athlete.user_id == bindparam("user_id"))


# A user and their athlete profile's id (none for staff) in one read: every request signed in with
# a token starts with it.
USER_WITH_PROFILE = (
    select(User, Athlete.id)
    .outerjoin(Athlete, Athlete.user_id == User.id)
    .where(User.id == bindparam("user_id"))
)


SIGNED_IN_USER = "runseason_signed_in_user"  # session info: the signed-in user, kept loaded


def keep_signed_in_user(session: Session, user: User) -> None:
    """Hold the signed-in user for the rest of the session's transaction.

    The identity map holds its objects weakly: once sign-in has made its actor, the user it
    loaded was dropped, and a use-case reading the same user (``GET /me``) loaded it again,
    a second statement on every such request.
    """
    session.info[SIGNED_IN_USER] = user


def actor_for_user(session: Session, user: User, *, scope: Scope = "read_write") -> Actor:
    """The actor a signed-in user acts as (an athlete's own profile id is looked up once)."""
    keep_signed_in_user(session, user)
    athlete_id = None
    if user.role == "athlete":
        athlete_id = session.scalar(_ATHLETE_OF_USER, {"user_id": user.id})
    return actor_of(user, athlete_id, scope=scope)


def actor_of(user: User, athlete_id: int | None, *, scope: Scope = "read_write") -> Actor:
    """The actor of a user whose athlete profile's id is already known."""
    role: Role = "admin" if user.role == "admin" else "coach" if user.role == "coach" else "athlete"
    return Actor(
        user.id, user.organization_id, role, athlete_id if role == "athlete" else None, scope
    )
