"""The risk engine: each athlete-day of a refresh becomes a risk, a recommendation and, when
needed, interventions (``evaluate_days``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Protocol, cast

from sqlalchemy import Date, Select, Table, and_, bindparam, or_, select, update
from sqlalchemy.orm import Session

from runseason.config import CoachingSettings
from runseason.db.models import Athlete, DailyMetric, Intervention, Recommendation
from runseason.db.rows import RowsTable
from runseason.db.types import BigId
from runseason.domain.interventions import in_cooldown, stable_streak, triggers
from runseason.domain.recommendations import Proposal, decide, propose
from runseason.domain.risk import RiskAssessment, assess
from runseason.services import case_events
from runseason.services.clearing import clear_causes
from runseason.services.coaching_settings import automation_modes, effective_settings
from runseason.services.recommendations import apply_action, log_action, rules_of, thresholds_of
from runseason.services.refresh.history import DayMetrics
from runseason.services.refresh.inputs import DayContext, read_days

MAX_EVIDENCE = 20


def _assess(settings: CoachingSettings, context: DayContext) -> RiskAssessment:
    r = settings.risk
    return assess(
        context.inputs,
        r.weight_overrides,
        at_risk_min=r.at_risk_min,
        watch_min=r.watch_min,
        guardrail=r.guardrail,
        thresholds=thresholds_of(settings),
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
        .where(
            or_(
                Recommendation.status == "open",
                Recommendation.athlete_answer.is_not(None)
                & (Recommendation.status != "superseded"),
            )
        )
        .order_by(Recommendation.id)
    )


def evaluate_days(session: Session, batch: Sequence[Assessed], *, now: datetime) -> None:
    """Assess each athlete-day of a batch: store the risk, upsert the recommendation and open or
    update interventions; the snapshots get their risk and open interventions (the caller
    stores them). The reads come in a few statements for the whole batch."""
    if not batch:
        return
    contexts = read_days(session, [(a.id, day, recent) for a, day, _, recent in batch])
    rows = [(a.id, day) for a, day, _, _ in batch]
    open_recs = {
        rec.athlete_id: rec
        for rec in session.scalars(_open_recommendations(), _ASSESSED.params(rows))
    }
    settings_of = {
        org: effective_settings(session, org) for org in {a.organization_id for a, *_ in batch}
    }
    modes = automation_modes(session, [a for a, *_ in batch])
    decided = [
        _decide(
            session,
            item,
            contexts[item[0].id],
            open_recs.get(item[0].id),
            (settings_of[item[0].organization_id], modes[item[0].id]),
            now,
        )
        for item in batch
    ]
    session.flush()  # the recommendations' ids, for the interventions and applied changes
    unresolved = _unresolved(session, [a.id for a, *_ in batch])
    for d in decided:
        if d.rec.decision == "auto_apply" and d.rec.status == "open":
            apply_action(session, d.rec, d.rec.proposed_action, actor_id=None, now=now)
            d.rec.status = "applied"
            log_action(session, d.rec, None, "auto_apply", {"type": d.rec.type}, now)
        current = unresolved[d.athlete.id]
        raised = _open_interventions(session, d, current, now)
        before = [m.risk_bucket for m in reversed(d.recent) if m.day < d.day]
        streak = stable_streak([d.assessment.bucket, *before])
        current = clear_causes(session, current, raised, streak, rules_of(d.settings), now)
        d.snapshot.open_interventions = len(current)
    _store_day_risks(session, decided)
    session.flush()


@dataclass(slots=True)
class _Decided:
    """One athlete-day assessed, with the recommendation it produced."""

    athlete: Athlete
    day: date
    snapshot: Summary
    context: DayContext
    assessment: RiskAssessment
    rec: Recommendation
    settings: CoachingSettings
    recent: list[DayMetrics]


def _decide(
    session: Session,
    item: Assessed,
    context: DayContext,
    rec: Recommendation | None,
    settings_mode: tuple[CoachingSettings, str],
    now: datetime,
) -> _Decided:
    """Assess one athlete-day, bring its recommendation up to date (decided by the guardrail and
    the athlete's automation mode) and set the snapshot's risk."""
    athlete, day, snapshot, recent = item
    settings, mode = settings_mode
    assessment = _assess(settings, context)
    proposal = propose(
        assessment,
        illness_days=context.illness_days,
        pain_days=context.pain_days,
        pain_severity=context.inputs.pain_severity,
        health_case_closed_recently=context.health_case_closed_recently,
    )
    decision = decide(proposal, assessment, mode, settings.risk.at_risk_min)
    rec = _upsert_recommendation(session, athlete, day, rec, assessment, proposal, decision, now)
    snapshot.risk, snapshot.risk_bucket = assessment.risk, assessment.bucket
    snapshot.confidence = assessment.confidence
    snapshot.top_factors = _factors(assessment)[:3]
    return _Decided(athlete, day, snapshot, context, assessment, rec, settings, recent)


def _unresolved(session: Session, athlete_ids: list[int]) -> dict[int, list[Intervention]]:
    """Each athlete's interventions not yet resolved."""
    found: dict[int, list[Intervention]] = defaultdict(list)
    for item in session.scalars(
        select(Intervention).where(
            Intervention.athlete_id.in_(athlete_ids), Intervention.status != "resolved"
        )
    ):
        found[item.athlete_id].append(item)
    return found


def _store_day_risks(session: Session, decided: list[_Decided]) -> None:
    """The day's risk on its stored day row (``updated_at`` keeps when its inputs changed)."""
    rows = [
        {
            "risk": d.assessment.risk,
            "risk_bucket": d.assessment.bucket,
            "confidence": d.assessment.confidence,
            "key_athlete_id": d.athlete.id,
            "key_day": d.day,
        }
        for d in decided
    ]
    session.connection().execute(_STORE_DAY_RISK, rows)
    for d in decided:  # the statement bypassed any loaded object of the day: reload it when read
        loaded = session.identity_map.get(session.identity_key(DailyMetric, (d.athlete.id, d.day)))
        if loaded is not None:
            session.expire(loaded)


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
    """The day's open recommendation brought up to date, or a new one superseding it. One the
    athlete has answered stays as answered while its type holds."""
    if rec is not None and rec.athlete_answer is not None:
        if rec.type == proposal.type:
            return rec
        rec = None
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
    session: Session, d: _Decided, unresolved: list[Intervention], now: datetime
) -> set[str]:
    """Add the day's evidence to the athlete's unresolved interventions, or open new ones
    (added to ``unresolved``); the causes raised today."""
    rules = rules_of(d.settings)
    found = triggers(
        d.assessment,
        rules,
        pain_severity=d.context.inputs.pain_severity,
        red_days=d.context.red_days,
        missed_sessions=d.context.inputs.missed_sessions_7d,
        silent_days=d.context.inputs.days_since_checkin,
    )
    risk = d.assessment.risk
    for trigger in found:
        current = next((i for i in unresolved if i.cause == trigger.cause), None)
        evidence = {"at": now.isoformat(), "risk": round(risk, 3), "why": trigger.title}
        if current is not None:
            current.risk = max(current.risk, risk) if current.status != "open" else risk
            current.evidence = [*current.evidence, evidence][-MAX_EVIDENCE:]
            current.last_evidence_at, current.recommendation_id = now, d.rec.id
            continue
        resolved_at = _last_resolved(session, d.athlete.id, trigger.cause)
        if not in_cooldown(resolved_at, now, risk, rules):
            unresolved.append(_open(session, d, trigger.cause, trigger.title, evidence, now))
    return {trigger.cause for trigger in found}


def _last_resolved(session: Session, athlete_id: int, cause: str) -> datetime | None:
    """When the athlete's last intervention of this cause was resolved (None: never)."""
    return session.scalar(
        select(Intervention.resolved_at)
        .where(
            Intervention.athlete_id == athlete_id,
            Intervention.cause == cause,
            Intervention.status == "resolved",
        )
        .order_by(Intervention.resolved_at.desc())
        .limit(1)
    )


def _open(
    session: Session, d: _Decided, cause: str, title: str, evidence: dict[str, Any], now: datetime
) -> Intervention:
    """A new open intervention, and its event on the athlete's timeline."""
    athlete = d.athlete
    opened = Intervention(
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        cause=cause,
        title=title[:200],
        status="open",
        risk=d.assessment.risk,
        severity=d.assessment.risk,
        recommendation_id=d.rec.id,
        evidence=[evidence],
        opened_at=now,
        last_evidence_at=now,
    )
    session.add(opened)
    case_events.record_event(
        session,
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        kind="intervention_opened",
        title=title,
        now=now,
        ref_type="intervention",
    )
    return opened


_DAYS_TABLE = cast(Table, DailyMetric.__table__)
_STORE_DAY_RISK = update(_DAYS_TABLE).where(
    _DAYS_TABLE.c.athlete_id == bindparam("key_athlete_id"),
    _DAYS_TABLE.c.day == bindparam("key_day"),
)
