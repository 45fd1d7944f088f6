"""The Command Center: the coach's open interventions, athlete by athlete in order of their current
risk, in one statement."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import Any

from pydantic import TypeAdapter
from pydantic_core import from_json
from sqlalchemy import Select, bindparam, case, func, literal_column, or_, select, true
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from runseason.db.json_objects import json_object_of, json_object_or_null, json_text
from runseason.db.models import (
    Athlete,
    AthleteSnapshot,
    DailyMetric,
    Intervention,
    Recommendation,
)
from runseason.db.types import JSONType
from runseason.domain.interventions import InterventionRules, sla_state
from runseason.schemas.coaching import (
    CommandCenterRead,
    InterventionRead,
    QueueItem,
    RecommendationRead,
    RiskDay,
)
from runseason.services.coaching_settings import effective_settings_from, overrides_of
from runseason.services.identity.access import Actor, Role, actor_params, require_role, within_scope
from runseason.services.paging import page_offset
from runseason.services.recommendations import rules_of
from runseason.services.views.caseload import BUCKETS, bucket_totals

# The athlete's current bucket (the snapshot's, an athlete without one is stable), at risk first,
# then their current risk, highest first; one athlete's items together, the oldest (the SLA clock)
# first. Each athlete appears once in the queue, with their items.
_CURRENT_BUCKET = func.coalesce(AthleteSnapshot.risk_bucket, literal_column("'stable'"))
_QUEUE_ORDER = (
    case((_CURRENT_BUCKET == "at_risk", 0), (_CURRENT_BUCKET == "watch", 1), else_=2),
    func.coalesce(AthleteSnapshot.risk, literal_column("0.0")).desc(),
    Intervention.athlete_id,
    Intervention.opened_at.asc(),
    Intervention.id,
)

# Each queue item is one JSON object the database builds (``db.json_objects``): the Command
# Center stays within 3x its raw read on SQLite, which 40 type-processed columns a row do not.
_ITEM = json_text(
    json_object_of(
        json_object_of(
            *(getattr(Intervention, f) for f in InterventionRead.model_fields if f != "sla")
        ).label("intervention"),
        Athlete.display_name.label("athlete_name"),
        AthleteSnapshot.readiness_band,
        func.coalesce(AthleteSnapshot.risk, literal_column("0.0")).label("risk"),
        func.coalesce(AthleteSnapshot.risk_bucket, literal_column("'stable'")).label("risk_bucket"),
        func.coalesce(AthleteSnapshot.top_factors, literal_column("'[]'", JSONType)).label(
            "top_factors"
        ),
        json_object_or_null(
            Recommendation.id,
            *(getattr(Recommendation, f) for f in RecommendationRead.model_fields),
        ).label("recommendation"),
    )
).label("item")
_QUEUE_ITEMS = TypeAdapter(list[QueueItem])


@cache
def _queue_matches(role: Role, in_bucket: bool) -> Select[Any]:
    """The ids of the coach's open interventions (in the bucket, when one is asked for)."""
    # Equalities, not IN: an IN list is expanded into the statement at every execution.
    active = or_(
        Intervention.status == "open",
        Intervention.status == "acknowledged",
        (Intervention.status == "snoozed") & (Intervention.snoozed_until <= bindparam("now")),
    )
    query = (
        within_scope(
            role, select(Intervention.id), Intervention.athlete_id, Intervention.organization_id
        )
        .outerjoin(AthleteSnapshot, AthleteSnapshot.athlete_id == Intervention.athlete_id)
        .where(active)
    )
    if in_bucket:
        current = _CURRENT_BUCKET
        query = query.where(current == bindparam("bucket"))
    return query


@cache
def _queue_statement(role: Role, in_bucket: bool) -> Select[Any]:
    """One page of the queue with its total, the bucket counts and the organization's overrides.

    The page is chosen and counted (a window count) on the interventions' ids and sort keys
    alone, then joined to its athletes, snapshots and recommendations. It is left-joined to the
    one row of bucket counts and overrides, so an empty page still brings them (with nulls).
    """
    page = (
        _queue_matches(role, in_bucket)
        .add_columns(
            func.count().over().label("total"),
            func.row_number().over(order_by=_QUEUE_ORDER).label("rank"),
        )
        .order_by(*_QUEUE_ORDER)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
        .subquery("page")
    )
    buckets = bucket_totals(role)
    rows = (
        buckets.outerjoin(page, true())
        .outerjoin(Intervention, Intervention.id == page.c.id)
        .outerjoin(Athlete, Athlete.id == Intervention.athlete_id)
        .outerjoin(AthleteSnapshot, AthleteSnapshot.athlete_id == Intervention.athlete_id)
        .outerjoin(Recommendation, Recommendation.id == Intervention.recommendation_id)
    )
    overrides = overrides_of(bindparam("actor_org")).scalar_subquery().label("overrides")
    return (
        select(_ITEM, page.c.total, *buckets.c, overrides).select_from(rows).order_by(page.c.rank)
    )


def _item(row: RowMapping, now: datetime, rules: InterventionRules) -> dict[str, Any]:
    """A queue item's fields from its row, with its age and SLA state at ``now``."""
    item: dict[str, Any] = from_json(row["item"])
    intervention = item["intervention"]
    opened = datetime.fromisoformat(intervention["opened_at"])
    intervention["sla"] = sla_state(opened, now, rules)
    item["age_hours"] = round((now - opened).total_seconds() / 3600, 1)
    return item


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
    rows = connection.execute(_queue_statement(actor.role, bool(bucket)), params).mappings().all()
    first = rows[0]  # an empty page is one row of nulls beside the counts
    settings = effective_settings_from(session, actor.organization_id, first["overrides"])
    rules = rules_of(settings)
    items = [_item(row, now, rules) for row in rows if row["total"] is not None]
    if items:
        total = int(first["total"])
    elif offset:  # past the last page: the window has no row to carry the total
        matches = _queue_matches(actor.role, bool(bucket)).subquery()
        total = connection.scalar(select(func.count()).select_from(matches), params) or 0
    else:
        total = 0
    sla_counts = {"fresh": 0, "due": 0, "overdue": 0}
    for item in items:
        sla_counts[item["intervention"]["sla"]] += 1
    return CommandCenterRead(
        items=_QUEUE_ITEMS.validate_python(items),
        page=page,
        page_size=page_size,
        total=total,
        buckets={name: int(first[name]) for name in BUCKETS},
        sla=sla_counts,
    )


def get_risk_history(
    session: Session, actor: Actor, athlete_ids: list[int], *, now: datetime, days: int = 7
) -> dict[int, list[RiskDay]]:
    """The daily risk of the queue's athletes over the last ``days`` days, oldest first (one
    statement for the whole page): the history behind each athlete's one current risk."""
    require_role(actor, "admin", "coach")
    if not athlete_ids:
        return {}
    columns = select(DailyMetric.athlete_id).add_columns(
        DailyMetric.day, DailyMetric.risk, DailyMetric.risk_bucket
    )
    rows = session.execute(
        within_scope(actor.role, columns, DailyMetric.athlete_id, DailyMetric.organization_id)
        .where(
            DailyMetric.athlete_id.in_(athlete_ids),
            DailyMetric.day >= (now - timedelta(days=days)).date(),
            DailyMetric.risk.is_not(None),
        )
        .order_by(DailyMetric.athlete_id, DailyMetric.day),
        actor_params(actor),
    )
    history: dict[int, list[RiskDay]] = {}
    for row in rows:
        history.setdefault(row.athlete_id, []).append(
            RiskDay(day=row.day, risk=row.risk, bucket=row.risk_bucket or "stable")
        )
    return history
