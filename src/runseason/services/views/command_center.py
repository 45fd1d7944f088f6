"""The Command Center queue and the caseload: a bounded number of queries at any caseload size."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import Select, Subquery, bindparam, case, func, literal_column, or_, select, true
from sqlalchemy.orm import Session

from runseason.db.json_objects import json_object_of, json_object_or_null, json_text
from runseason.db.models import Athlete, AthleteSnapshot, Intervention, Recommendation
from runseason.db.rows import PreparedRead
from runseason.db.types import JSONType
from runseason.domain.interventions import sla_state
from runseason.errors import InvalidInput
from runseason.schemas.coaching import (
    CaseloadRead,
    CaseloadRow,
    CommandCenterRead,
    InterventionRead,
    QueueItem,
    RecommendationRead,
)
from runseason.services.coaching_settings import effective_settings_from, overrides_of
from runseason.services.identity.access import (
    Actor,
    Role,
    actor_params,
    athlete_filter_for,
    require_role,
    within_scope,
)
from runseason.services.paging import page_offset
from runseason.services.recommendations import rules_of

BUCKETS = ("at_risk", "watch", "stable")
SORTS = {
    "risk": (AthleteSnapshot.risk.desc().nulls_last(), Athlete.display_name),
    "name": (Athlete.display_name,),
    "readiness": (AthleteSnapshot.readiness_score.asc().nulls_first(), Athlete.display_name),
    "form": (AthleteSnapshot.form.asc().nulls_last(), Athlete.display_name),
}


@cache
def _bucket_totals(role: Role) -> Subquery:
    """One row: the athletes the actor sees per risk bucket, a column per bucket. Those without
    a snapshot yet count as stable (as in the caseload's filter)."""
    bucket = func.coalesce(AthleteSnapshot.risk_bucket, "stable")
    columns: list[Any] = [func.count(case((bucket == name, 1))).label(name) for name in BUCKETS]
    counts = select(*columns)
    return (
        within_scope(role, counts.select_from(Athlete), Athlete.id, Athlete.organization_id)
        .outerjoin(AthleteSnapshot, AthleteSnapshot.athlete_id == Athlete.id)
        .where(Athlete.is_active)
        .subquery("buckets")
    )


def _bucket_counts(session: Session, actor: Actor) -> dict[str, int]:
    """Athletes per risk bucket (see ``_bucket_totals``)."""
    statement = select(_bucket_totals(actor.role))
    row = session.connection().execute(statement, actor_params(actor)).one()
    return {name: int(n) for name, n in zip(BUCKETS, row, strict=True)}


# A queue item is read as two JSON objects built by the database (``db.json_objects``): the
# intervention, and the rest of the item (athlete, snapshot and the recommendation, if any).
# Turning about 35 columns a row into Python values, then dictionaries, took longer than the read.
_INTERVENTION_FIELDS = [name for name in InterventionRead.model_fields if name != "sla"]
_INTERVENTION_JSON = json_text(
    json_object_or_null(
        Intervention.id, *(getattr(Intervention, name) for name in _INTERVENTION_FIELDS)
    )
).label("intervention")
_ITEM_JSON = json_text(
    json_object_of(
        Athlete.display_name.label("athlete_name"),
        AthleteSnapshot.readiness_band,
        func.coalesce(AthleteSnapshot.risk_bucket, literal_column("'stable'")).label("risk_bucket"),
        func.coalesce(AthleteSnapshot.top_factors, literal_column("'[]'", JSONType)).label(
            "top_factors"
        ),
        json_object_or_null(
            Recommendation.id,
            *(getattr(Recommendation, name) for name in RecommendationRead.model_fields),
        ).label("recommendation"),
    )
).label("item")
_QUEUE_ITEMS = TypeAdapter(list[QueueItem])


# At-risk first, then the oldest (the SLA clock), then the highest risk.
_QUEUE_ORDER = (
    case((Intervention.risk >= 0.6, 0), else_=1),
    Intervention.opened_at.asc(),
    Intervention.risk.desc(),
    Intervention.id,
)


@cache
def _queue_matches(role: Role, in_bucket: bool) -> Select[Any]:
    """The ids of the coach's open interventions (in the bucket, when one is asked for)."""
    # Equalities, not IN: an IN list is expanded into the statement at every execution.
    active = or_(
        Intervention.status == "open",
        Intervention.status == "acknowledged",
        (Intervention.status == "snoozed") & (Intervention.snoozed_until <= bindparam("now")),
    )
    query = within_scope(
        role, select(Intervention.id), Intervention.athlete_id, Intervention.organization_id
    ).where(active)
    if in_bucket:
        query = query.join(
            AthleteSnapshot, AthleteSnapshot.athlete_id == Intervention.athlete_id
        ).where(AthleteSnapshot.risk_bucket == bindparam("bucket"))
    return query


@cache
def _queue_statement(role: Role, in_bucket: bool) -> Select[Any]:
    """One page of the queue as plain labelled columns (not entities), in one statement.

    The page is chosen and counted (a window count) on the interventions' ids and sort keys
    alone; only its own rows are joined to their athlete, snapshot and recommendation. The bucket
    counts and the organization's settings overrides (for the SLA rules) are one row that the
    page is left-joined to, so an empty page still brings them (as one row of nulls). The joins
    are one chain of outer joins: nested, SQLite copied the page's wide rows aside before
    sorting them. One round trip for the whole queue. Built once per role and bucket filter."""
    page = (
        _queue_matches(role, in_bucket)
        .add_columns(func.count().over().label("total"))
        .order_by(*_QUEUE_ORDER)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
        .subquery("page")
    )
    buckets = _bucket_totals(role)
    rows = (
        buckets.outerjoin(page, true())
        .outerjoin(Intervention, Intervention.id == page.c.id)
        .outerjoin(Athlete, Athlete.id == Intervention.athlete_id)
        .outerjoin(AthleteSnapshot, AthleteSnapshot.athlete_id == Intervention.athlete_id)
        .outerjoin(Recommendation, Recommendation.id == Intervention.recommendation_id)
    )
    return (
        select(
            _INTERVENTION_JSON,
            Intervention.opened_at,  # typed: the SLA clock runs here
            _ITEM_JSON,
            page.c.total,
            *buckets.c,
            overrides_of(bindparam("actor_org")).scalar_subquery().label("overrides"),
        )
        .select_from(rows)
        .order_by(*_QUEUE_ORDER)
    )


@cache
def _queue_read(role: Role, in_bucket: bool) -> PreparedRead:
    """``_queue_statement`` run through the driver (see ``PreparedRead``)."""
    return PreparedRead(_queue_statement(role, in_bucket))


# The columns of a queue row, in _queue_statement's order.
_INTERVENTION, _OPENED, _ITEM, _TOTAL, _BUCKETS, _OVERRIDES = 0, 1, 2, 3, slice(4, 7), 7


@cache
def _paged(query: Select[Any], order: tuple[Any, ...]) -> Select[Any]:
    """One page of ``query`` in ``order``; the page's bounds are the parameters limit and offset."""
    return query.order_by(*order).limit(bindparam("limit")).offset(bindparam("offset"))


def get_command_center(
    session: Session,
    actor: Actor,
    *,
    now: datetime,
    page: int = 1,
    page_size: int = 25,
    bucket: str | None = None,
) -> CommandCenterRead:
    """The coach's queue: open interventions ranked by risk and SLA, with the recommended action."""
    require_role(actor, "admin", "coach")
    offset = page_offset(page, page_size)
    params = {**actor_params(actor), "now": now, "bucket": bucket}
    params.update(limit=page_size, offset=offset)
    connection = session.connection()
    rows = _queue_read(actor.role, bool(bucket)).rows(connection, params)
    first = rows[0]
    counts = dict(zip(BUCKETS, map(int, first[_BUCKETS]), strict=True))
    rules = rules_of(effective_settings_from(session, actor.organization_id, first[_OVERRIDES]))
    rows = [row for row in rows if row[_INTERVENTION] is not None]  # an empty page: nulls
    if rows:
        total = int(first[_TOTAL])
    elif offset:  # past the last page: the window has no row to carry the total
        matches = _queue_matches(actor.role, bool(bucket)).subquery()
        total = connection.scalar(select(func.count()).select_from(matches), params) or 0
    else:
        total = 0
    # Each item's JSON is the database's two objects with the age and the SLA state put in front:
    # '{"age_hours":A,"intervention":{"sla":S,' + intervention[1:] + ',' + item[1:].
    found = []
    sla_counts = {"fresh": 0, "due": 0, "overdue": 0}
    for row in rows:
        opened = row[_OPENED]
        sla = sla_state(opened, now, rules)
        sla_counts[sla] += 1
        age = round((now - opened).total_seconds() / 3600, 1)
        found.append(
            f'{{"age_hours":{age!r},"intervention":{{"sla":"{sla}",'
            f"{row[_INTERVENTION][1:]},{row[_ITEM][1:]}"
        )
    items = _QUEUE_ITEMS.validate_json(f"[{','.join(found)}]")
    return CommandCenterRead(
        items=items,
        page=page,
        page_size=page_size,
        total=total,
        buckets=counts,
        sla=sla_counts,
    )


def get_caseload(
    session: Session,
    actor: Actor,
    *,
    page: int = 1,
    page_size: int = 50,
    sort: str = "risk",
    bucket: str | None = None,
    search: str | None = None,
) -> CaseloadRead:
    """One row per athlete from the stored snapshots: sortable, filterable, searchable, paged."""
    require_role(actor, "admin", "coach")
    offset = page_offset(page, page_size)
    if sort not in SORTS:
        raise InvalidInput(f"sort is one of {', '.join(SORTS)}")
    if bucket and bucket not in BUCKETS:
        raise InvalidInput(f"bucket is one of {', '.join(BUCKETS)}")
    query = _caseload_statement(actor.role, bucket, bool(search))
    params: dict[str, Any] = actor_params(actor)
    if search:
        params["pattern"] = f"%{search.strip()}%"
    connection = session.connection()  # plain columns: Core execution, no ORM machinery
    rows = connection.execute(
        _paged(query, (*SORTS[sort], Athlete.id)),
        {**params, "limit": page_size, "offset": offset},
    ).all()
    buckets = _bucket_counts(session, actor)
    # The bucket counts already hold the total unless a search narrows the list.
    if search:
        total = connection.scalar(select(func.count()).select_from(query.subquery()), params) or 0
    else:
        total = buckets[bucket] if bucket else sum(buckets.values())
    # Plain rows (no snapshot objects in the session) validated in one call of pydantic-core.
    items = _CASELOAD_ROWS.validate_python([_caseload_row(row._asdict()) for row in rows])
    return CaseloadRead(items=items, page=page, page_size=page_size, total=total, buckets=buckets)


@cache
def _caseload_statement(role: Role, bucket: str | None, searching: bool) -> Select[Any]:
    """The caseload's rows for one role, bucket filter and search or none. Built once each."""
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


def _caseload_row(values: dict[str, Any]) -> dict[str, Any]:
    if values["readiness_trend"] is None:  # no snapshot yet (an outer join's nulls)
        values["readiness_trend"], values["top_factors"] = [], []
    return values
