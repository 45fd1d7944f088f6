"""The engine: each athlete-day becomes a risk, a recommendation and, when needed, interventions."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.config import CoachingSettings
from runseason.db.models import (
    Athlete,
    Intervention,
    PlannedSession,
    PlanRevision,
    Recommendation,
    TrainingPlan,
)
from runseason.domain.interventions import InterventionRules
from runseason.domain.plan_text import session_title
from runseason.domain.risk import Thresholds
from runseason.domain.units import Unit, format_day
from runseason.errors import Conflict, InvalidInput
from runseason.schemas.coaching import RecommendationDecision, RecommendationRead, SessionChangeRead
from runseason.services import case_events
from runseason.services.identity.access import Actor, get_athlete, get_owned, require_role, use_case
from runseason.services.plans import revisions
from runseason.services.plans.stored import unit_of

RECOVERY_LOAD = 20.0  # 30 min at RPE 3 in stress points


def rules_of(settings: CoachingSettings) -> InterventionRules:
    """The intervention thresholds of the effective settings."""
    i = settings.interventions
    return InterventionRules(
        open_threshold=i.open_threshold,
        pain_severity=settings.readiness.cap_pain_severity,
        red_days=i.red_days,
        missed_sessions=i.missed_sessions,
        silence_days=i.silence_days,
        sla_fresh_hours=i.sla_fresh_hours,
        sla_overdue_hours=i.sla_overdue_hours,
        cooldown_hours=i.cooldown_hours,
        guardrail=settings.risk.guardrail,
        at_risk_min=settings.risk.at_risk_min,
        cleared_after_days=i.cleared_after_days,
        auto_resolve_after_hours=i.auto_resolve_after_hours,
    )


def thresholds_of(settings: CoachingSettings) -> Thresholds:
    """The tunable signal thresholds of the effective settings."""
    r = settings.risk
    return Thresholds(
        pain=settings.readiness.cap_pain_severity,
        strain=r.strain_threshold,
        adherence_over=r.adherence_over,
        adherence_under=r.adherence_under,
        contact_days=r.contact_days,
        race_days=r.race_days,
    )


def _target_sessions(
    session: Session, rec: Recommendation, action: dict[str, Any]
) -> tuple[TrainingPlan | None, list[PlannedSession], dict[int, dict[str, Any]]]:
    kind = action.get("kind")
    days = int(action.get("days", 1)) if kind in ("reduce_volume", "drop_intensity") else 1
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
    if kind == "drop_intensity":
        rows = [row for row in rows if row.is_hard]
    if not rows or kind not in ("swap_recovery", "reduce_volume", "rest", "drop_intensity"):
        return None, [], {}
    plan = session.get(TrainingPlan, rows[0].plan_id)
    athlete = session.get(Athlete, rec.athlete_id)
    unit = unit_of(athlete) if athlete else "km"
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
        elif kind == "drop_intensity":
            changes[row.id] = {
                "title": "Easy run",
                "category": "easy",
                "role": "easy",
                "is_hard": False,
                "targets": {"rpe": 3, "note": "easy, conversational"},
            }
        elif kind == "rest":
            changes[row.id] = {"status": "cancelled", "coach_note": "Rest day (recommendation)"}
        else:
            changes[row.id] = _reduced(row, float(action.get("factor", 0.8)), unit)
    return plan, rows, changes


def _reduced(row: PlannedSession, factor: float, unit: Unit) -> dict[str, Any]:
    """A session shortened by ``factor``, retitled so its title says its new length."""
    duration_s = row.planned_duration_s * factor
    distance_m = row.planned_distance_m * factor if row.planned_distance_m else None
    title = session_title(
        row.category, row.title, duration_s=duration_s, distance_m=distance_m, unit=unit
    )
    return {
        "title": title,
        "planned_duration_s": duration_s,
        "planned_distance_m": distance_m,
        "planned_load": row.planned_load * factor,
    }


def _reason(rec: Recommendation) -> str:
    """The applied change's revision reason; ``undo_decision`` finds the revision by it."""
    return f"{rec.title} (recommendation {rec.id})"


def apply_action(
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
        reason=_reason(rec),
        actor_id=actor_id,
        now=now,
    )


def log_action(
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
        log_action(
            session, rec, actor.user_id, "note", {"decision": "reject", "note": data.note}, now
        )
    else:
        if data.decision == "modify" and data.days is None and data.factor is None:
            raise InvalidInput("To modify, give the number of days or the volume factor.")
        diff = apply_action(session, rec, _action_with(rec, data), actor_id=actor.user_id, now=now)
        rec.status = "applied"
        payload = {"decision": data.decision, "note": data.note, "sessions_changed": len(diff)}
        log_action(session, rec, actor.user_id, "apply", payload, now)
    rec.decided_at, rec.decided_by_id = now, actor.user_id
    session.flush()
    return RecommendationRead.model_validate(rec)


def _restore(session: Session, rec: Recommendation, actor_id: int, now: datetime) -> int:
    """Put back the sessions an applied recommendation changed; how many were restored."""
    revision = session.scalar(
        select(PlanRevision)
        .join(TrainingPlan, TrainingPlan.id == PlanRevision.plan_id)
        .where(
            TrainingPlan.athlete_id == rec.athlete_id,
            PlanRevision.kind == "recommendation",
            PlanRevision.reason == _reason(rec)[:500],
        )
        .order_by(PlanRevision.id.desc())
        .limit(1)
    )
    if revision is None:  # nothing in the plan was changed (no session matched)
        return 0
    changes = {int(c["session_id"]): c for c in revision.snapshot.get("changes", [])}
    rows = list(session.scalars(select(PlannedSession).where(PlannedSession.id.in_(changes))))
    back: dict[int, dict[str, Any]] = {}
    for row in rows:
        before, after = changes[row.id]["before"], changes[row.id]["after"] or {}
        now_view = revisions.session_view(row)
        changed = [k for k in before if before[k] != after.get(k)]
        if any(now_view.get(k) != after.get(k) for k in changed):
            raise Conflict(
                f"The session of {format_day(row.scheduled_date)} was edited after the change: "
                "change it back in the plan builder."
            )
        back[row.id] = {k: before[k] for k in changed if k != "scheduled_date"}
    plan = session.get(TrainingPlan, revision.plan_id)
    assert plan is not None
    undone = revisions.apply_changes(
        session,
        plan,
        rows,
        back,
        kind="undo",
        reason=f"Undone: {rec.title}",
        actor_id=actor_id,
        now=now,
    )
    return len(undone)


@use_case("recommendation", writes=True)
def undo_decision(
    session: Session, actor: Actor, recommendation_id: int, *, now: datetime
) -> RecommendationRead:
    """Take back an applied or dismissed recommendation: the plan as it was, the item open again."""
    rec = get_owned(session, actor, Recommendation, recommendation_id, write=True)
    require_role(actor, "admin", "coach")
    if rec.status not in ("applied", "dismissed"):
        raise Conflict("Only an applied or dismissed recommendation can be undone.")
    restored = _restore(session, rec, actor.user_id, now) if rec.status == "applied" else 0
    payload = {"undo": rec.status, "sessions_restored": restored}
    rec.status, rec.decided_at, rec.decided_by_id = "open", None, None
    rec.athlete_answer = rec.athlete_answered_at = None  # an athlete's answer is taken back too
    log_action(session, rec, actor.user_id, "reopen", payload, now)
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
