"""The engine: each athlete-day becomes a risk, a recommendation and, when needed, interventions."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from runseason.config import CoachingSettings
from runseason.db.models import (
    Athlete,
    AthleteSnapshot,
    DailyMetric,
    Intervention,
    PlannedSession,
    Recommendation,
    TrainingPlan,
)
from runseason.domain.interventions import InterventionRules, in_cooldown, triggers
from runseason.domain.recommendations import Proposal, decide, propose
from runseason.domain.risk import RiskAssessment, assess
from runseason.errors import Conflict, InvalidInput
from runseason.schemas.coaching import RecommendationDecision, RecommendationRead, SessionChangeRead
from runseason.services import plan_changes, timeline
from runseason.services.access import Actor, get_athlete, get_owned, require_role, use_case
from runseason.services.coaching_settings import effective_settings
from runseason.services.metric_history import DayMetrics
from runseason.services.risk_inputs import DayContext, read_day

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


def evaluate_athlete_day(
    session: Session,
    athlete_id: int,
    day: date,
    *,
    now: datetime,
    snapshot: AthleteSnapshot | None = None,
    recent: list[DayMetrics] | None = None,
) -> RecommendationRead | None:
    """Assess one athlete-day, store the risk, upsert the recommendation and interventions.

    ``snapshot`` is the athlete's snapshot and ``recent`` the metrics of the last days up to
    ``day`` when the caller has them in hand (each saves reading them again).
    """
    athlete = session.get(Athlete, athlete_id)
    if athlete is None:
        return None
    settings = effective_settings(session, athlete.organization_id)
    context = read_day(session, athlete_id, day, recent)
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
        session, athlete, day, assessment, proposal, decision, requires_coach, now
    )
    if decision == "auto_apply" and rec.status == "open":
        _apply(session, rec, rec.proposed_action, actor_id=None, now=now)
        rec.status = "applied"
        _log_action(session, rec, None, "auto_apply", {"type": rec.type}, now)
    _open_interventions(session, athlete, context, assessment, rec, settings, now)
    _store_risk(session, athlete, day, assessment, snapshot)
    session.flush()
    return RecommendationRead.model_validate(rec)


def _upsert_recommendation(
    session: Session,
    athlete: Athlete,
    day: date,
    assessment: RiskAssessment,
    proposal: Proposal,
    decision: str,
    requires_coach: bool,
    now: datetime,
) -> Recommendation:
    rec = session.scalar(
        select(Recommendation).where(
            Recommendation.athlete_id == athlete.id,
            Recommendation.local_date == day,
            Recommendation.status == "open",
        )
    )
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
    rec.requires_coach, rec.decision = requires_coach, decision
    session.flush()
    return rec


def _open_interventions(
    session: Session,
    athlete: Athlete,
    context: DayContext,
    assessment: RiskAssessment,
    rec: Recommendation,
    settings: CoachingSettings,
    now: datetime,
) -> None:
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
        current = session.scalar(
            select(Intervention).where(
                Intervention.athlete_id == athlete.id,
                Intervention.cause == trigger.cause,
                Intervention.status != "resolved",
            )
        )
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
        session.add(
            Intervention(
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
        )
        timeline.record_event(
            session,
            organization_id=athlete.organization_id,
            athlete_id=athlete.id,
            kind="intervention_opened",
            title=trigger.title,
            now=now,
            ref_type="intervention",
        )
    session.flush()


# Built once: the risk of the day goes to the stored day row on every assessment.
_DAY_TABLE = cast(Table, DailyMetric.__table__)
_STORE_DAY_RISK = (
    update(_DAY_TABLE)
    .where(_DAY_TABLE.c.athlete_id == bindparam("athlete"), _DAY_TABLE.c.day == bindparam("on_day"))
    .values(risk=bindparam("risk"), risk_bucket=bindparam("bucket"), confidence=bindparam("conf"))
)


def _store_risk(
    session: Session,
    athlete: Athlete,
    day: date,
    assessment: RiskAssessment,
    snapshot: AthleteSnapshot | None,
) -> None:
    values = {"risk": assessment.risk, "bucket": assessment.bucket, "conf": assessment.confidence}
    session.execute(_STORE_DAY_RISK, {"athlete": athlete.id, "on_day": day, **values})
    loaded = session.identity_map.get(session.identity_key(DailyMetric, (athlete.id, day)))
    if loaded is not None:
        session.expire(loaded)  # the statement bypassed the object
    snap = snapshot if snapshot is not None else session.get(AthleteSnapshot, athlete.id)
    if snap is None:
        snap = AthleteSnapshot(
            athlete_id=athlete.id, organization_id=athlete.organization_id, as_of=day
        )
        session.add(snap)
    snap.risk, snap.risk_bucket, snap.confidence = (
        assessment.risk,
        assessment.bucket,
        assessment.confidence,
    )
    snap.top_factors = _factors(assessment)[:3]
    snap.open_interventions = (
        session.scalar(
            select(func.count()).where(
                Intervention.athlete_id == athlete.id, Intervention.status != "resolved"
            )
        )
        or 0
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
) -> list[plan_changes.SessionChange]:
    plan, rows, changes = _target_sessions(session, rec, action)
    if plan is None:
        return []
    return plan_changes.apply_changes(
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
    timeline.record_coach_action(
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
    return [
        SessionChangeRead.model_validate(asdict(c)) for c in plan_changes.preview(rows, changes)
    ]


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
