"""The Command Center queue and the caseload: a bounded number of queries at any caseload size."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, AthleteSnapshot, Intervention, Recommendation
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
from runseason.services.access import Actor, athlete_filter, require_role
from runseason.services.coaching_settings import effective_settings
from runseason.services.paging import page_offset
from runseason.services.recommendations import rules_of

BUCKETS = ("at_risk", "watch", "stable")
SORTS = {
    "risk": (AthleteSnapshot.risk.desc().nulls_last(), Athlete.display_name),
    "name": (Athlete.display_name,),
    "readiness": (AthleteSnapshot.readiness_score.asc().nulls_first(), Athlete.display_name),
    "form": (AthleteSnapshot.form.asc().nulls_last(), Athlete.display_name),
}


def _bucket_counts(session: Session, actor: Actor) -> dict[str, int]:
    """Athletes per risk bucket; those without a snapshot yet count as stable (as in the filter)."""
    bucket = func.coalesce(AthleteSnapshot.risk_bucket, "stable")
    rows = session.execute(
        select(bucket, func.count())
        .select_from(Athlete)
        .outerjoin(AthleteSnapshot, AthleteSnapshot.athlete_id == Athlete.id)
        .where(athlete_filter(actor, Athlete.id, Athlete.organization_id), Athlete.is_active)
        .group_by(bucket)
    ).all()
    counts = dict.fromkeys(BUCKETS, 0)
    counts.update({str(bucket): int(n) for bucket, n in rows})
    return counts


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
    rules = rules_of(effective_settings(session, actor.organization_id))
    active = (Intervention.status.in_(("open", "acknowledged"))) | (
        (Intervention.status == "snoozed") & (Intervention.snoozed_until <= now)
    )
    # The snapshot's three shown columns, not the entity (its JSON trend is not needed here), and
    # the total as a window count on the page's own statement.
    base = (
        select(
            Intervention,
            Athlete.display_name,
            AthleteSnapshot.readiness_band,
            AthleteSnapshot.risk_bucket,
            AthleteSnapshot.top_factors,
            Recommendation,
            func.count().over().label("total"),
        )
        .join(Athlete, Athlete.id == Intervention.athlete_id)
        .outerjoin(AthleteSnapshot, AthleteSnapshot.athlete_id == Intervention.athlete_id)
        .outerjoin(Recommendation, Recommendation.id == Intervention.recommendation_id)
        .where(athlete_filter(actor, Intervention.athlete_id, Intervention.organization_id), active)
    )
    if bucket:
        base = base.where(AthleteSnapshot.risk_bucket == bucket)
    # At-risk first, then the oldest (the SLA clock), then the highest risk.
    rows = session.execute(
        base.order_by(
            case((Intervention.risk >= 0.6, 0), else_=1),
            Intervention.opened_at.asc(),
            Intervention.risk.desc(),
            Intervention.id,
        )
        .offset(offset)
        .limit(page_size)
    ).all()
    if rows:
        total = int(rows[0].total)
    elif offset:  # past the last page: the window has no row to carry the total
        total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    else:
        total = 0
    items = []
    sla_counts = {"fresh": 0, "due": 0, "overdue": 0}
    for intervention, name, band, risk_bucket, factors, rec, _ in rows:
        sla = sla_state(intervention.opened_at, now, rules)
        sla_counts[sla] += 1
        read = InterventionRead.model_validate(intervention)
        read.sla = sla
        items.append(
            QueueItem(
                intervention=read,
                athlete_name=name,
                readiness_band=band,
                risk_bucket=risk_bucket or "stable",
                top_factors=list(factors or []),
                recommendation=RecommendationRead.model_validate(rec) if rec else None,
                age_hours=round((now - intervention.opened_at).total_seconds() / 3600, 1),
            )
        )
    return CommandCenterRead(
        items=items,
        page=page,
        page_size=page_size,
        total=total,
        buckets=_bucket_counts(session, actor),
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
    query = (
        select(Athlete.id, Athlete.display_name, AthleteSnapshot)
        .outerjoin(AthleteSnapshot, AthleteSnapshot.athlete_id == Athlete.id)
        .where(athlete_filter(actor, Athlete.id, Athlete.organization_id), Athlete.is_active)
    )
    if bucket:
        if bucket not in BUCKETS:
            raise InvalidInput(f"bucket is one of {', '.join(BUCKETS)}")
        in_bucket = AthleteSnapshot.risk_bucket == bucket
        if bucket == "stable":  # athletes without a snapshot yet count as stable
            in_bucket = or_(in_bucket, AthleteSnapshot.athlete_id.is_(None))
        query = query.where(in_bucket)
    if search:
        query = query.where(Athlete.display_name.ilike(f"%{search.strip()}%"))
    buckets = _bucket_counts(session, actor)
    # The bucket counts already hold the total unless a search narrows the list.
    if search:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    else:
        total = buckets[bucket] if bucket else sum(buckets.values())
    rows = session.execute(
        query.order_by(*SORTS[sort], Athlete.id).offset(offset).limit(page_size)
    ).all()
    items = [_row(athlete_id, name, snap) for athlete_id, name, snap in rows]
    return CaseloadRead(items=items, page=page, page_size=page_size, total=total, buckets=buckets)


def _row(athlete_id: int, name: str, snap: AthleteSnapshot | None) -> CaseloadRow:
    if snap is None:
        return CaseloadRow(
            athlete_id=athlete_id,
            name=name,
            risk=0.0,
            risk_bucket="stable",
            confidence=None,
            readiness_score=None,
            readiness_band=None,
            readiness_trend=[],
            form=None,
            ctl=None,
            acwr=None,
            adherence_7d=None,
            open_interventions=0,
            top_factors=[],
            last_checkin_date=None,
            next_race_date=None,
        )
    return CaseloadRow(
        athlete_id=athlete_id,
        name=name,
        risk=snap.risk,
        risk_bucket=snap.risk_bucket,
        confidence=snap.confidence,
        readiness_score=snap.readiness_score,
        readiness_band=snap.readiness_band,
        readiness_trend=list(snap.readiness_trend),
        form=snap.form,
        ctl=snap.ctl,
        acwr=snap.acwr,
        adherence_7d=snap.adherence_7d,
        open_interventions=snap.open_interventions,
        top_factors=list(snap.top_factors),
        last_checkin_date=snap.last_checkin_date,
        next_race_date=snap.next_race_date,
    )
