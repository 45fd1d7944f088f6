"""An athlete's right to erasure: their person and every row that follows from it go, at once.

The rows to erase are found from the schema itself, not from a list kept by hand: every foreign
key to an athlete or a user deletes with its parent (``ondelete="CASCADE"``) or forgets it
(``"SET NULL"``), so deleting the athlete's user deletes the athlete and everything that hangs
from them, in the database, in one statement. Before that statement the walk below finds which
rows will go, so that the audit trail's copies of them go too; one tombstone row (who erased
whom, when, how many rows of which table) stays.

An organization's erasure is the same walk from the organization's row: every tenant table
cascades from it, every person with their account; its audit trail and error events (which keep
no foreign key, to outlive what they describe) go by their organization column, and the
tombstone names neither the organization's people nor its name.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from runseason.db.base import Base
from runseason.db.models import Athlete, AuditLog, ErrorEvent, Organization, User
from runseason.errors import InvalidInput, NotFound
from runseason.services import coaching_settings
from runseason.services.identity.access import (
    Actor,
    get_athlete,
    require_role,
    require_write,
    use_case,
)
from runseason.services.identity.organizations import get_organization_by_slug

# What a foreign key to a person's row does when the person goes; anything else would keep them.
FORGETTING = frozenset({"CASCADE", "SET NULL"})
CHUNK = 500


def unforgetting_keys() -> list[str]:
    """Foreign keys that neither delete with nor forget the row they point to (should be none)."""
    return [
        f"{fk.parent.table.name}.{fk.parent.name}"
        for table in Base.metadata.sorted_tables
        for fk in table.foreign_keys
        if (fk.ondelete or "").upper() not in FORGETTING
    ]


def doomed_conditions(doomed: dict[str, Any]) -> dict[str, Any]:
    """Each table's condition for the rows that deleting the rows of ``doomed`` (a condition
    per table) deletes with them, through the schema's cascades."""
    doomed = dict(doomed)
    for table in Base.metadata.sorted_tables:  # parents before children: one pass reaches all
        reached = [
            fk.parent.in_(select(fk.column).where(doomed[fk.column.table.name]))
            for fk in table.foreign_keys
            if (fk.ondelete or "").upper() == "CASCADE" and fk.column.table.name in doomed
        ]
        if reached and table.name not in doomed:
            doomed[table.name] = or_(*reached)
        elif reached:
            doomed[table.name] = or_(doomed[table.name], *reached)
    return doomed


def doomed_rows(session: Session, athlete: Athlete) -> dict[str, set[str]]:
    """The rows, table by table (as the audit trail names them: keys joined by ``:``), that
    deleting the athlete's user deletes with it."""
    users, athletes = Base.metadata.tables["users"], Base.metadata.tables["athletes"]
    doomed = doomed_conditions(
        {"users": users.c.id == athlete.user_id, "athletes": athletes.c.id == athlete.id}
    )
    doomed["setting_overrides"] = coaching_settings.kept_for_athlete(athlete.id)
    return {
        name: _keys(session, Base.metadata.tables[name], where) for name, where in doomed.items()
    }


def _keys(session: Session, table: Table, where: Any) -> set[str]:
    primary = list(table.primary_key.columns)
    return {":".join(str(v) for v in row) for row in session.execute(select(*primary).where(where))}


def _forget_in_trails(session: Session, doomed: dict[str, set[Any]], user_id: int) -> None:
    """The audit trail's before/after copies of the erased rows go; their actor is forgotten."""
    for name, keys in doomed.items():
        listed = sorted(keys)
        for start in range(0, len(listed), CHUNK):
            session.execute(
                delete(AuditLog).where(
                    AuditLog.entity == name, AuditLog.entity_id.in_(listed[start : start + CHUNK])
                )
            )
    session.execute(
        update(AuditLog).where(AuditLog.actor_user_id == user_id).values(actor_user_id=None)
    )
    session.execute(update(ErrorEvent).where(ErrorEvent.user_id == user_id).values(user_id=None))


@use_case("athlete", writes=True)
def erase_athlete(
    session: Session, actor: Actor, athlete_id: int, *, now: datetime
) -> dict[str, int]:
    """Erase an athlete and everything held about them (an admin of their organization).

    Answers how many rows of each table went. The statements bypass the ORM, so the audit
    listener writes no before-image of the erased data; the tombstone is the one row left.
    """
    athlete = get_athlete(session, actor, athlete_id, write=True)
    require_role(actor, "admin")
    session.flush()
    doomed = doomed_rows(session, athlete)
    user_id, organization_id = athlete.user_id, athlete.organization_id
    _forget_in_trails(session, doomed, user_id)
    session.execute(delete(Athlete).where(Athlete.id == athlete_id))
    session.execute(delete(User).where(User.id == user_id))
    session.execute(
        delete(Base.metadata.tables["setting_overrides"]).where(
            coaching_settings.kept_for_athlete(athlete_id)
        )
    )
    counts = {name: len(keys) for name, keys in sorted(doomed.items()) if keys}
    session.execute(
        insert(AuditLog).values(
            organization_id=organization_id,
            actor_user_id=actor.user_id,
            occurred_at=now,
            entity="athletes",
            entity_id=str(athlete_id),
            action="delete",
            changes={"erased": True, "rows": counts},
        )
    )
    session.expire_all()
    return counts


def _count_doomed(session: Session, organization_id: int) -> dict[str, int]:
    """How many rows of each table go with the organization (its audit trail and errors too)."""
    organizations = Base.metadata.tables["organizations"]
    doomed = doomed_conditions({"organizations": organizations.c.id == organization_id})
    doomed["audit_log"] = AuditLog.organization_id == organization_id
    doomed["error_events"] = ErrorEvent.organization_id == organization_id
    counts = {
        name: session.scalar(
            select(func.count()).select_from(Base.metadata.tables[name]).where(where)
        )
        or 0
        for name, where in sorted(doomed.items())
    }
    return {name: count for name, count in counts.items() if count}


def _erase_organization(
    session: Session, organization: Organization, by: str, now: datetime
) -> dict[str, int]:
    """Delete the organization, which deletes every row of it and every person in it; their
    audit trail and errors go too, and one tombstone that names no one stays."""
    session.flush()
    organization_id = organization.id
    counts = _count_doomed(session, organization_id)
    people = select(User.id).where(User.organization_id == organization_id)
    session.execute(delete(AuditLog).where(AuditLog.organization_id == organization_id))
    session.execute(
        update(AuditLog).where(AuditLog.actor_user_id.in_(people)).values(actor_user_id=None)
    )
    session.execute(delete(ErrorEvent).where(ErrorEvent.organization_id == organization_id))
    session.execute(update(ErrorEvent).where(ErrorEvent.user_id.in_(people)).values(user_id=None))
    session.execute(delete(Organization).where(Organization.id == organization_id))
    session.execute(
        insert(AuditLog).values(
            organization_id=None,
            actor_user_id=None,
            occurred_at=now,
            entity="organizations",
            entity_id=str(organization_id),
            action="delete",
            changes={"erased": True, "by": by, "rows": counts},
        )
    )
    session.expire_all()
    return counts


def _confirmed(organization: Organization, confirmation: str) -> None:
    if confirmation.strip() != organization.slug:
        raise InvalidInput(
            f"Type the organization's short name, {organization.slug}, to confirm its erasure."
        )


@use_case("organization", writes=True)
def erase_organization(
    session: Session, actor: Actor, organization_id: int, *, confirmation: str, now: datetime
) -> dict[str, int]:
    """Erase the actor's whole organization (an administrator, typing its short name back):
    every person in it and everything held about them. Answers the rows erased per table."""
    organization = session.get(Organization, organization_id)
    if organization is None or organization.id != actor.organization_id or actor.role != "admin":
        raise NotFound("organization not found")
    require_write(actor)
    _confirmed(organization, confirmation)
    return _erase_organization(session, organization, "an administrator", now)


def erase_organization_by_slug(
    session: Session, slug: str, *, confirmation: str, now: datetime
) -> dict[str, int]:
    """Erase an organization for the server's operator (the command line), confirmed the same
    way: its short name typed back."""
    organization = get_organization_by_slug(session, slug)
    _confirmed(organization, confirmation)
    return _erase_organization(session, organization, "the operator", now)
