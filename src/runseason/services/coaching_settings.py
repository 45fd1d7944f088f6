"""The effective coaching settings of an organization: defaults merged with its overrides."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy import ColumnElement, Select, and_, bindparam, false, literal, select, union_all
from sqlalchemy.orm import Session

from runseason.config import CoachingSettings, describe_error, get_settings
from runseason.db.models import Athlete, CoachAssignment, SettingOverride, User
from runseason.domain.readiness import ReadinessParams
from runseason.errors import ConfigurationError, InvalidInput, NotFound, PermissionDenied
from runseason.schemas.coaching import AutomationRead, AutomationUpdate
from runseason.services.identity.access import (
    Actor,
    admit_athlete,
    get_athlete,
    locks_rows,
    require_role,
    require_write,
)

ORGANIZATION_SCOPE = "organization"


CACHE_KEY = "effective_coaching_settings"


def effective_settings(session: Session, organization_id: int) -> CoachingSettings:
    """Process defaults overlaid with the organization's stored overrides.

    Read once per transaction (a check-in needs them four times); a change in this session
    clears the cached copy.
    """
    cache: dict[int, CoachingSettings] = session.info.setdefault(CACHE_KEY, {})
    if organization_id not in cache:
        values = session.scalar(_OVERRIDES, {"organization_id": organization_id})
        cache[organization_id] = _merged(values)
    return cache[organization_id]


def overrides_of(organization: Any) -> Select[Any]:
    """The read of an organization's stored overrides (one value or no row). A use-case may read
    them as a scalar subquery of the statement it runs anyway, and merge them with
    ``effective_settings_from``: one round trip fewer."""
    return select(SettingOverride.values).where(
        SettingOverride.organization_id == organization,
        SettingOverride.scope == ORGANIZATION_SCOPE,
        SettingOverride.subject_id.is_(None),
    )


def effective_settings_from(
    session: Session, organization_id: int, values: dict[str, Any] | None
) -> CoachingSettings:
    """``effective_settings`` given the overrides ``overrides_of`` read in this transaction."""
    cache: dict[int, CoachingSettings] = session.info.setdefault(CACHE_KEY, {})
    if organization_id not in cache:
        cache[organization_id] = _merged(values)
    return cache[organization_id]


_OVERRIDES = overrides_of(bindparam("organization_id"))
_ATHLETE_AND_OVERRIDES = select(
    Athlete, overrides_of(Athlete.organization_id).scalar_subquery().label("overrides")
).where(Athlete.id == bindparam("athlete_id"))
_LOCKED_ATHLETE_AND_OVERRIDES = _ATHLETE_AND_OVERRIDES.with_for_update(of=Athlete)


def athlete_with_settings(
    session: Session, actor: Actor, athlete_id: int, *, write: bool = False
) -> tuple[Athlete, CoachingSettings]:
    """``access.get_athlete`` and ``effective_settings`` of the athlete's organization in one
    round trip (the overrides as a column of the athlete's read): a check-in needs both."""
    locking = write and locks_rows(session)
    statement = _LOCKED_ATHLETE_AND_OVERRIDES if locking else _ATHLETE_AND_OVERRIDES
    found = session.execute(statement, {"athlete_id": athlete_id}).first()
    athlete = admit_athlete(session, actor, found[0] if found else None, write=write)
    assert found is not None
    return athlete, effective_settings_from(session, athlete.organization_id, found[1])


# Merged settings by their overrides' text and the defaults they are merged over: merging costs
# as much as reading the overrides, which each transaction still does to see other processes'
# changes.
_MERGED: dict[str | None, tuple[CoachingSettings, CoachingSettings]] = {}
_MERGED_MAX = 512


def _merged(values: dict[str, Any] | None) -> CoachingSettings:
    defaults = get_settings().coaching
    key = json.dumps(values, sort_keys=True) if values else None
    found = _MERGED.get(key)
    if found is not None and found[0] is defaults:
        return found[1]
    merged = merge_coaching_overrides(defaults, values)
    if len(_MERGED) >= _MERGED_MAX:
        _MERGED.clear()
    _MERGED[key] = (defaults, merged)
    return merged


def readiness_params(settings: CoachingSettings) -> ReadinessParams:
    """The readiness part of the settings as the domain's plain parameters."""
    r = settings.readiness
    return ReadinessParams(**{**r.model_dump(), "weights": dict(r.weights)})


def get_organization_settings(session: Session, actor: Actor) -> CoachingSettings:
    """The actor's organization's effective coaching settings (staff only)."""
    require_role(actor, "admin", "coach")
    return effective_settings(session, actor.organization_id)


def update_organization_settings(
    session: Session, actor: Actor, changes: dict[str, Any]
) -> CoachingSettings:
    """Store overrides (admins); the merged result is validated as a whole before saving."""
    require_role(actor, "admin")
    require_write(actor)
    row = session.scalar(
        select(SettingOverride).where(
            SettingOverride.organization_id == actor.organization_id,
            SettingOverride.scope == ORGANIZATION_SCOPE,
            SettingOverride.subject_id.is_(None),
        )
    )
    current = dict(row.values) if row else {}
    merged = _deep_merge(current, changes)
    try:
        result = merge_coaching_overrides(get_settings().coaching, merged)
    except ConfigurationError as error:
        raise InvalidInput(error.message) from None
    if row is None:
        row = SettingOverride(
            organization_id=actor.organization_id, scope=ORGANIZATION_SCOPE, values=merged
        )
        session.add(row)
    else:
        row.values = merged
    row.updated_by_id = actor.user_id
    session.flush()
    session.info.pop(CACHE_KEY, None)
    return result


def kept_for_athlete(athlete_id: int) -> ColumnElement[bool]:
    """The settings overrides kept for one athlete (named by scope and subject, not by a key)."""
    return (SettingOverride.scope == "athlete") & (SettingOverride.subject_id == athlete_id)


# The automation mode may be set per organization, per coach and per athlete; the most specific
# wins. Each row: the athlete, the scope it was set for, and the stored values.
_MODE_RANK = {"athlete": 0, "coach": 1}


def _mode_overrides(athlete_ids: Sequence[int]) -> Select[Any]:
    by_coach = (
        select(
            CoachAssignment.athlete_id,
            literal("coach").label("scope"),
            SettingOverride.values,
            (CoachAssignment.role != "head").label("not_head"),
        )
        .join(
            SettingOverride,
            and_(
                SettingOverride.organization_id == CoachAssignment.organization_id,
                SettingOverride.scope == "coach",
                SettingOverride.subject_id == CoachAssignment.coach_id,
            ),
        )
        .where(CoachAssignment.athlete_id.in_(athlete_ids), CoachAssignment.ended_at.is_(None))
    )
    by_athlete = select(
        SettingOverride.subject_id,
        literal("athlete").label("scope"),
        SettingOverride.values,
        false().label("not_head"),
    ).where(SettingOverride.scope == "athlete", SettingOverride.subject_id.in_(athlete_ids))
    return union_all(by_coach, by_athlete)  # type: ignore[return-value]


def automation_modes(session: Session, athletes: Sequence[Athlete]) -> dict[int, str]:
    """Each athlete's automation mode: the athlete's own, else their head coach's, else the
    organization's (one statement for the batch)."""
    found: dict[int, tuple[tuple[int, bool], str]] = {}
    rows = session.execute(_mode_overrides([a.id for a in athletes])).all()
    for athlete_id, scope, values, not_head in rows:
        mode = (values or {}).get("automation_mode")
        rank = (_MODE_RANK[scope], bool(not_head))
        if mode and (athlete_id not in found or rank < found[athlete_id][0]):
            found[athlete_id] = (rank, mode)
    return {
        a.id: found[a.id][1]
        if a.id in found
        else effective_settings(session, a.organization_id).automation_mode
        for a in athletes
    }


def set_automation_mode(
    session: Session, actor: Actor, scope: str, subject_id: int, data: AutomationUpdate
) -> AutomationRead:
    """Set (or clear, with no mode) a coach's or an athlete's automation mode. Admins set any in
    their organization; a coach sets their own and their athletes'."""
    # Existence and visibility first: another tenant's athlete or coach is NotFound to anyone.
    if scope == "athlete":
        get_athlete(session, actor, subject_id, write=True)
    else:
        user = session.get(User, subject_id)
        staff = user is not None and user.role in ("admin", "coach")
        if not staff or user.organization_id != actor.organization_id:  # type: ignore[union-attr]
            raise NotFound("coach not found")
    require_role(actor, "admin", "coach")
    require_write(actor)
    if scope == "coach" and actor.role != "admin" and subject_id != actor.user_id:
        raise PermissionDenied("A coach sets only their own automation mode.")
    row = session.scalar(
        select(SettingOverride).where(
            SettingOverride.organization_id == actor.organization_id,
            SettingOverride.scope == scope,
            SettingOverride.subject_id == subject_id,
        )
    )
    if data.mode is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        row = SettingOverride(
            organization_id=actor.organization_id,
            scope=scope,
            subject_id=subject_id,
            values={"automation_mode": data.mode},
        )
        session.add(row)
    else:
        row.values = {"automation_mode": data.mode}
    if data.mode is not None and row is not None:
        row.updated_by_id = actor.user_id
    session.flush()
    return AutomationRead(scope=scope, subject_id=subject_id, mode=data.mode)


def get_athlete_automation(session: Session, actor: Actor, athlete_id: int) -> AutomationRead:
    """The automation mode that applies to one athlete (staff)."""
    athlete = get_athlete(session, actor, athlete_id)
    require_role(actor, "admin", "coach")
    mode = automation_modes(session, [athlete])[athlete.id]
    return AutomationRead(scope="athlete", subject_id=athlete_id, mode=mode)


def merge_coaching_overrides(
    base: CoachingSettings, *layers: dict[str, Any] | None
) -> CoachingSettings:
    """Deep-merge override dictionaries over ``base`` and validate the result as a whole."""
    merged: dict[str, Any] = base.model_dump()
    for layer in layers:
        if layer:
            merged = _deep_merge(merged, layer)
    try:
        return CoachingSettings.model_validate(merged)
    except ValidationError as error:
        raise ConfigurationError(describe_error(error)) from None


def _deep_merge(base: dict[str, Any], layer: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in layer.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and key != "weights":
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out
