"""The engine: each athlete-day becomes a risk, a recommendation and, when needed, interventions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, Protocol, cast

from sqlalchemy import Date, Select, Table, and_, bindparam, select, update
from sqlalchemy.orm import Session

from runseason.config import CoachingSettings
from runseason.db.models import (
    Athlete,
    DailyMetric,
    Intervention,
    PlannedSession,
    Recommendation,
    TrainingPlan,
)
from runseason.db.rows import RowsTable
from runseason.db.types import BigId
from runseason.domain.interventions import InterventionRules, in_cooldown, triggers
from runseason.domain.recommendations import Proposal, decide, propose
from runseason.domain.risk import RiskAssessment, assess
from runseason.errors import Conflict, InvalidInput
from runseason.schemas.coaching import RecommendationDecision, RecommendationRead, SessionChangeRead
from runseason.services import case_events
from runseason.services.coaching_settings import effective_settings
from runseason.services.identity.access import Actor, get_athlete, get_owned, require_role, use_case
from runseason.services.plans import revisions
from runseason.services.refresh.history import DayMetrics
from runseason.services.refresh.inputs import DayContext, read_days

RECOVERY_LOAD = 20.0  # 30 min at RPE 3 in stress points
MAX_EVIDENCE = 20


def rules_of(settings: CoachingSettings) -> InterventionRules:
    """The intervention thresholds of the effective settings."""
    i = settings.interventions
    return InterventionRules(
        open_threshold=i.open_threshold,
        pain_severity=i.pain_severity,
        red_days=i.red_days,
        missed_sessions=i.missed_sessions,
        silence_days=i.silence_days,
        sla_fresh_hours=i.sla_fresh_hours,
        sla_overdue_hours=i.sla_overdue_hours,
        cooldown_hours=i.cooldown_hours,
        guardrail=settings.risk.guardrail,
    )


def _assess(settings: CoachingSettings, context: DayContext) -> RiskAssessment:
    r = settings.risk
    return assess(
        context.inputs,
        r.weight_overrides,
        at_risk_min=r.at_risk_min,
        watch_min=r.watch_min,
        guardrail=r.guardrail,
    )


def _factors(assessment: RiskAssessment) -> list[dict[str, Any]]:
    return [
        {"name": f.name, "share": round(f.share, 4), "concern": f.concern, "threshold": f.threshold}
        for f in assessment.factors
    ]


class Summary(Protocol):
    """What the engine sets on an athlete's snapshot (``metrics.Snapshot``, stored by the
    refresh once the batch is assessed)."""

    risk: float
    risk_bucket: str
    confidence: float | None
    top_factors: list[Any]
    open_interventions: int


Assessed = tuple[Athlete, date, Summary, list[DayMetrics]]
"""An athlete, the day assessed, their snapshot and their metrics of the last days up to it."""

# Each row: an athlete and the day assessed.
_ASSESSED = RowsTable("assessed_days", [("athlete_id", BigId), ("day", Date())])


@cache
def _open_recommendations() -> Select[Any]:
    d = _ASSESSED.table
    return (
        select(Recommendation)
        .join(
            d,
            and_(Recommendation.athlete_id == d.c.athlete_id, Recommendation.local_date == d.c.day),
        )
        .where(Recommendation.status == "open")
    )


def evaluate_days(session: Session, batch: Sequence[Assessed], *, now: datetime) -> None:
    """Assess each athlete-day of a batch: store the risk, upsert the recommendation and open or
    update interventions.

    What the engine reads comes in a few statements for the whole batch (``read_days``, the open
    recommendations and the unresolved interventions); the writes go out in one flush per step.
    The snapshots get their risk and open interventions here; the caller stores them.
    """
    if not batch:
        return
    contexts = read_days(session, [(a.id, day, recent) for a, day, _, recent in batch])
    ids = [a.id for a, _, _, _ in batch]
    rows = [(a.id, day) for a, day, _, _ in batch]
    open_recs = {
        rec.athlete_id: rec
        for rec in session.scalars(_open_recommendations(), _ASSESSED.params(rows))
    }
    unresolved: dict[int, list[Intervention]] = defaultdict(list)
    for item in session.scalars(
        select(Intervention).where(
            Intervention.athlete_id.in_(ids), Intervention.status != "resolved"
        )
    ):
        unresolved[item.athlete_id].append(item)
    settings_of = {
        org: effective_settings(session, org) for org in {a.organization_id for a, *_ in batch}
    }
    decided = []
    for athlete, day, snapshot, _ in batch:
        settings = settings_of[athlete.organization_id]
        context = contexts[athlete.id]
        assessment = _assess(settings, context)
        proposal = propose(
            assessment,
            illness_days=context.illness_days,
            pain_days=context.pain_days,
            pain_severity=context.inputs.pain_severity,
            health_case_closed_recently=context.health_case_closed_recently,
        )
        decision, requires_coach = decide(
            proposal, assessment, settings.automation_mode, settings.risk.at_risk_min
        )
        rec = _upsert_recommendation(
            session,
            athlete,
            day,
            open_recs.get(athlete.id),
            assessment,
            proposal,
            (decision, requires_coach),
            now,
        )
        snapshot.risk, snapshot.risk_bucket, snapshot.confidence = (
            assessment.risk,
            assessment.bucket,
            assessment.confidence,
        )
        snapshot.top_factors = _factors(assessment)[:3]
        decided.append((athlete, day, snapshot, context, assessment, rec, settings))
    session.flush()  # the recommendations' ids, for the interventions and applied changes
    risks: list[dict[str, object]] = []
    for athlete, day, snapshot, context, assessment, rec, settings in decided:
        if rec.decision == "auto_apply" and rec.status == "open":
            _apply(session, rec, rec.proposed_action, actor_id=None, now=now)
            rec.status = "applied"
            _log_action(session, rec, None, "auto_apply", {"type": rec.type}, now)
        current = unresolved[athlete.id]
        _open_interventions(session, athlete, context, assessment, rec, settings, current, now)
        risks.append(
            {
                "risk": assessment.risk,
                "risk_bucket": assessment.bucket,
                "confidence": assessment.confidence,
                "key_athlete_id": athlete.id,
                "key_day": day,
            }
        )
        snapshot.open_interventions = len(current)
    if risks:
        session.connection().execute(_STORE_DAY_RISK, risks)
    for row in risks:
        # The statement bypassed any loaded object of the day: reload it when read.
        key = session.identity_key(DailyMetric, (row["key_athlete_id"], row["key_day"]))
        loaded = session.identity_map.get(key)
        if loaded is not None:
            session.expire(loaded)
    session.flush()


def _upsert_recommendation(
    session: Session,
    athlete: Athlete,
    day: date,
    rec: Recommendation | None,
    assessment: RiskAssessment,
    proposal: Proposal,
    decided: tuple[str, bool],
    now: datetime,
) -> Recommendation:
    """The day's open recommendation brought up to date, or a new one superseding it."""
    if rec is None or rec.type != proposal.type:
        if rec is not None:
            rec.status = "superseded"
        rec = Recommendation(
            organization_id=athlete.organization_id,
            athlete_id=athlete.id,
            local_date=day,
            created_at=now,
            status="open",
        )
        session.add(rec)
    rec.type, rec.title, rec.rationale = proposal.type, proposal.title, proposal.rationale[:2000]
    rec.risk, rec.confidence, rec.bucket = assessment.risk, assessment.confidence, assessment.bucket
    rec.factors, rec.proposed_action = _factors(assessment), dict(proposal.action)
    rec.decision, rec.requires_coach = decided
    return rec


def _open_interventions(
    session: Session,
    athlete: Athlete,
    context: DayContext,
    assessment: RiskAssessment,
    rec: Recommendation,
    settings: CoachingSettings,
    unresolved: list[Intervention],
    now: datetime,
) -> None:
    """Add the day's evidence to the athlete's unresolved interventions, or open new ones.

    ``unresolved`` is the athlete's unresolved interventions; the new ones are added to it.
    """
    rules = rules_of(settings)
    found = triggers(
        assessment,
        rules,
        pain_severity=context.inputs.pain_severity,
        red_days=context.red_days,
        missed_sessions=context.inputs.missed_sessions_7d,
        silent_days=context.inputs.days_since_checkin,
    )
    for trigger in found:
        current = next((i for i in unresolved if i.cause == trigger.cause), None)
        evidence = {"at": now.isoformat(), "risk": round(assessment.risk, 3), "why": trigger.title}
        if current is not None:
            current.risk = (
                max(current.risk, assessment.risk) if current.status != "open" else assessment.risk
            )
            current.evidence = [*current.evidence, evidence][-MAX_EVIDENCE:]
            current.last_evidence_at, current.recommendation_id = now, rec.id
            continue
        resolved_at = session.scalar(
            select(Intervention.resolved_at)
            .where(
                Intervention.athlete_id == athlete.id,
                Intervention.cause == trigger.cause,
                Intervention.status == "resolved",
            )
            .order_by(Intervention.resolved_at.desc())
            .limit(1)
        )
        if in_cooldown(resolved_at, now, assessment.risk, rules):
            continue
        opened = Intervention(
            organization_id=athlete.organization_id,
            athlete_id=athlete.id,
            cause=trigger.cause,
            title=trigger.title[:200],
            status="open",
            risk=assessment.risk,
            severity=assessment.risk,
            recommendation_id=rec.id,
            evidence=[evidence],
            opened_at=now,
            last_evidence_at=now,
        )
        session.add(opened)
        unresolved.append(opened)
        case_events.record_event(
            session,
            organization_id=athlete.organization_id,
            athlete_id=athlete.id,
            kind="intervention_opened",
            title=trigger.title,
            now=now,
            ref_type="intervention",
        )


# The risk of the day goes to the stored day row on every assessment (``updated_at`` tells when
# the day's inputs were last written, so it stays).
_DAYS_TABLE = cast(Table, DailyMetric.__table__)
_STORE_DAY_RISK = update(_DAYS_TABLE).where(
    _DAYS_TABLE.c.athlete_id == bindparam("key_athlete_id"),
    _DAYS_TABLE.c.day == bindparam("key_day"),
)


def _target_sessions(
    session: Session, rec: Recommendation, action: dict[str, Any]
) -> tuple[TrainingPlan | None, list[PlannedSession], dict[int, dict[str, Any]]]:
    kind = action.get("kind")
    days = int(action.get("days", 1)) if kind == "reduce_volume" else 1
    rows = list(
        session.scalars(
            select(PlannedSession)
            .where(
                PlannedSession.athlete_id == rec.athlete_id,
                PlannedSession.scheduled_date.between(
                    rec.local_date, rec.local_date + timedelta(days=days - 1)
                ),
                PlannedSession.status == "planned",
                PlannedSession.category != "rest",
            )
            .order_by(PlannedSession.scheduled_date, PlannedSession.order_in_day)
        )
    )
    if not rows or kind not in ("swap_recovery", "reduce_volume", "rest"):
        return None, [], {}
    plan = session.get(TrainingPlan, rows[0].plan_id)
    changes: dict[int, dict[str, Any]] = {}
    for row in rows:
        if kind == "swap_recovery":
            changes[row.id] = {
                "title": "Recovery run",
                "category": "recovery",
                "role": "recovery",
                "is_hard": False,
                "planned_duration_s": float(action.get("duration_s", 1800)),
                "planned_distance_m": None,
                "planned_load": RECOVERY_LOAD,
                "targets": {"rpe": 3, "note": "very easy, conversational"},
            }
        elif kind == "rest":
            changes[row.id] = {"status": "cancelled", "coach_note": "Rest day (recommendation)"}
        else:
            f = float(action.get("factor", 0.8))
            changes[row.id] = {
                "planned_duration_s": row.planned_duration_s * f,
                "planned_distance_m": row.planned_distance_m * f
                if row.planned_distance_m
                else None,
                "planned_load": row.planned_load * f,
            }
    return plan, rows, changes


def _apply(
    session: Session,
    rec: Recommendation,
    action: dict[str, Any],
    *,
    actor_id: int | None,
    now: datetime,
) -> list[revisions.SessionChange]:
    plan, rows, changes = _target_sessions(session, rec, action)
    if plan is None:
        return []
    return revisions.apply_changes(
        session,
        plan,
        rows,
        changes,
        kind="recommendation",
        reason=f"{rec.title} (recommendation {rec.id})",
        actor_id=actor_id,
        now=now,
    )


def _log_action(
    session: Session,
    rec: Recommendation,
    actor_id: int | None,
    action: str,
    payload: dict[str, Any],
    now: datetime,
) -> None:
    intervention_id = session.scalar(
        select(Intervention.id).where(Intervention.recommendation_id == rec.id).limit(1)
    )
    case_events.record_coach_action(
        session,
        organization_id=rec.organization_id,
        athlete_id=rec.athlete_id,
        intervention_id=intervention_id,
        actor_id=actor_id,
        action=action,
        payload=payload,
        subject="recommendation",
        subject_title=rec.title,
        subject_id=rec.id,
        now=now,
    )


def _action_with(rec: Recommendation, data: RecommendationDecision) -> dict[str, Any]:
    action = dict(rec.proposed_action)
    if data.days is not None:
        action["days"] = data.days
    if data.factor is not None:
        action["factor"] = data.factor
    return action


@use_case("recommendation")
def preview_recommendation(
    session: Session,
    actor: Actor,
    recommendation_id: int,
    data: RecommendationDecision | None = None,
) -> list[SessionChangeRead]:
    """The plan change a recommendation would make, session by session (nothing is written)."""
    rec = get_owned(session, actor, Recommendation, recommendation_id)
    action = _action_with(rec, data) if data else rec.proposed_action
    _, rows, changes = _target_sessions(session, rec, action)
    return [SessionChangeRead.model_validate(asdict(c)) for c in revisions.preview(rows, changes)]


@use_case("recommendation", writes=True)
def decide_recommendation(
    session: Session,
    actor: Actor,
    recommendation_id: int,
    data: RecommendationDecision,
    *,
    now: datetime,
) -> RecommendationRead:
    """Accept (apply the plan change), modify (apply with other numbers) or reject."""
    rec = get_owned(session, actor, Recommendation, recommendation_id, write=True)
    require_role(actor, "admin", "coach")
    if rec.status != "open":
        raise Conflict(f"This recommendation is already {rec.status}.")
    if data.decision == "reject":
        rec.status = "dismissed"
        _log_action(
            session, rec, actor.user_id, "note", {"decision": "reject", "note": data.note}, now
        )
    else:
        if data.decision == "modify" and data.days is None and data.factor is None:
            raise InvalidInput("To modify, give the number of days or the volume factor.")
        diff = _apply(session, rec, _action_with(rec, data), actor_id=actor.user_id, now=now)
        rec.status = "applied"
        payload = {"decision": data.decision, "note": data.note, "sessions_changed": len(diff)}
        _log_action(session, rec, actor.user_id, "apply", payload, now)
    rec.decided_at, rec.decided_by_id = now, actor.user_id
    session.flush()
    return RecommendationRead.model_validate(rec)


@use_case("athlete")
def find_recommendation_for_day(
    session: Session, actor: Actor, athlete_id: int, day: date
) -> RecommendationRead | None:
    """The latest recommendation of one athlete-day, if any."""
    get_athlete(session, actor, athlete_id)
    rec = session.scalar(
        select(Recommendation)
        .where(
            Recommendation.athlete_id == athlete_id,
            Recommendation.local_date == day,
            Recommendation.status != "superseded",
        )
        .order_by(Recommendation.id.desc())
        .limit(1)
    )
    return RecommendationRead.model_validate(rec) if rec else None
