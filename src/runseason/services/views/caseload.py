"""The caseload: one row per athlete from the stored snapshots, and the athletes per risk bucket."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import Select, Subquery, bindparam, case, func, or_, select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, AthleteSnapshot, GroupMember
from runseason.errors import InvalidInput, NotFound
from runseason.schemas.coaching import CaseloadRead, CaseloadRow
from runseason.services import groups
from runseason.services.identity.access import (
    Actor,
    Role,
    actor_params,
    athlete_filter_for,
    require_role,
    within_scope,
)
from runseason.services.paging import page_offset

BUCKETS = ("at_risk", "watch", "stable")
SORTS = {
    "risk": (AthleteSnapshot.risk.desc().nulls_last(), Athlete.display_name),
    "name": (Athlete.display_name,),
    "readiness": (AthleteSnapshot.readiness_score.asc().nulls_first(), Athlete.display_name),
    "form": (AthleteSnapshot.form.asc().nulls_last(), Athlete.display_name),
}


@cache
def bucket_totals(role: Role, grouped: bool = False) -> Subquery:
    """One row: the athletes the actor sees per risk bucket, a column per bucket (those without a
    snapshot yet count as stable). Its parameters are ``actor_params`` (and ``group_id`` when
    ``grouped``: the athletes of one training group only)."""
    bucket = func.coalesce(AthleteSnapshot.risk_bucket, "stable")
    columns: list[Any] = [func.count(case((bucket == name, 1))).label(name) for name in BUCKETS]
    counts = select(*columns)
    query = (
        within_scope(role, counts.select_from(Athlete), Athlete.id, Athlete.organization_id)
        .outerjoin(AthleteSnapshot, AthleteSnapshot.athlete_id == Athlete.id)
        .where(Athlete.is_active)
    )
    if grouped:
        query = query.where(_in_group())
    return query.subquery("buckets")


def _in_group() -> Any:
    """SQL condition: the athlete is in the training group bound as ``group_id``."""
    return Athlete.id.in_(
        select(GroupMember.athlete_id).where(GroupMember.group_id == bindparam("group_id"))
    )


def bucket_counts(session: Session, actor: Actor, group_id: int | None = None) -> dict[str, int]:
    """Athletes per risk bucket (see ``bucket_totals``), of one training group if given."""
    grouped = group_id is not None
    params = {**actor_params(actor), **({"group_id": group_id} if grouped else {})}
    row = session.connection().execute(select(bucket_totals(actor.role, grouped)), params)
    counts = row.one()._mapping
    return {name: int(counts[name]) for name in BUCKETS}


def get_caseload(
    session: Session,
    actor: Actor,
    *,
    page: int = 1,
    page_size: int = 50,
    sort: str = "risk",
    bucket: str | None = None,
    search: str | None = None,
    group_id: int | None = None,
) -> CaseloadRead:
    """One row per athlete from the stored snapshots: sortable, filterable (by risk bucket and
    training group), searchable, paged."""
    require_role(actor, "admin", "coach")
    offset = page_offset(page, page_size)
    if sort not in SORTS:
        raise InvalidInput(f"sort is one of {', '.join(SORTS)}")
    if bucket and bucket not in BUCKETS:
        raise InvalidInput(f"bucket is one of {', '.join(BUCKETS)}")
    grouped = group_id is not None
    query = _caseload_statement(actor.role, bucket, bool(search), grouped)
    params: dict[str, Any] = actor_params(actor)
    if group_id is not None:
        params["group_id"] = groups.get_group(session, actor, group_id).id
    if search:
        params["pattern"] = f"%{search.strip()}%"
    connection = session.connection()  # plain columns: Core execution, no ORM machinery
    rows = connection.execute(
        _paged(query, (*SORTS[sort], Athlete.id)),
        {**params, "limit": page_size, "offset": offset},
    )
    items = _CASELOAD_ROWS.validate_python([_caseload_row(row) for row in rows.mappings()])
    buckets = bucket_counts(session, actor, group_id)
    # The bucket counts already hold the total unless a search narrows the list.
    if search:
        total = connection.scalar(select(func.count()).select_from(query.subquery()), params) or 0
    else:
        total = buckets[bucket] if bucket else sum(buckets.values())
    return CaseloadRead(items=items, page=page, page_size=page_size, total=total, buckets=buckets)


def get_caseload_row(session: Session, actor: Actor, athlete_id: int) -> CaseloadRow:
    """One athlete's caseload row: the very figures the Caseload shows, for the Athlete page."""
    require_role(actor, "admin", "coach")
    row = (
        session.connection()
        .execute(_one_row(actor.role), {**actor_params(actor), "athlete_id": athlete_id})
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound("athlete not found")
    return CaseloadRow.model_validate(_caseload_row(row))


@cache
def _one_row(role: Role) -> Select[Any]:
    return _caseload_statement(role, None, False, False).where(
        Athlete.id == bindparam("athlete_id")
    )


@cache
def _paged(query: Select[Any], order: tuple[Any, ...]) -> Select[Any]:
    """One page of ``query`` in ``order``; the page's bounds are the parameters limit and offset."""
    return query.order_by(*order).limit(bindparam("limit")).offset(bindparam("offset"))


@cache
def _caseload_statement(
    role: Role, bucket: str | None, searching: bool, grouped: bool
) -> Select[Any]:
    """The caseload's rows for one role, bucket filter, search or none, one group or all."""
    query = (
        select(*_CASELOAD_COLUMNS)
        .outerjoin(AthleteSnapshot, AthleteSnapshot.athlete_id == Athlete.id)
        .where(athlete_filter_for(role, Athlete.id, Athlete.organization_id), Athlete.is_active)
    )
    if bucket:
        in_bucket = AthleteSnapshot.risk_bucket == bucket
        if bucket == "stable":  # athletes without a snapshot yet count as stable
            in_bucket = or_(in_bucket, AthleteSnapshot.athlete_id.is_(None))
        query = query.where(in_bucket)
    if searching:
        query = query.where(Athlete.display_name.ilike(bindparam("pattern")))
    if grouped:
        query = query.where(_in_group())
    return query


# What a caseload row shows, labelled as ``CaseloadRow``'s fields; an athlete without a snapshot
# yet shows as stable with no figures.
_CASELOAD_COLUMNS = (
    Athlete.id.label("athlete_id"),
    Athlete.display_name.label("name"),
    func.coalesce(AthleteSnapshot.risk, 0.0).label("risk"),
    func.coalesce(AthleteSnapshot.risk_bucket, "stable").label("risk_bucket"),
    AthleteSnapshot.confidence,
    AthleteSnapshot.readiness_score,
    AthleteSnapshot.readiness_band,
    AthleteSnapshot.readiness_trend,
    AthleteSnapshot.form,
    AthleteSnapshot.ctl,
    AthleteSnapshot.acwr,
    AthleteSnapshot.adherence_7d,
    func.coalesce(AthleteSnapshot.open_interventions, 0).label("open_interventions"),
    AthleteSnapshot.top_factors,
    AthleteSnapshot.last_checkin_date,
    AthleteSnapshot.next_race_date,
)
_CASELOAD_ROWS = TypeAdapter(list[CaseloadRow])


def _caseload_row(row: Any) -> dict[str, Any]:
    values = dict(row)
    if values["readiness_trend"] is None:  # no snapshot yet (an outer join's nulls)
        values["readiness_trend"], values["top_factors"] = [], []
    return values
