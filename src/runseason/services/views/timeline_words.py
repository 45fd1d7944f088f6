"""The timeline's entries in words, read for one page of ids per kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import (
    AvailabilityException,
    CaseNote,
    CheckIn,
    HealthCase,
    PlannedSession,
    PlanRevision,
    ReadinessScore,
    Recommendation,
    SessionComment,
    TimelineEvent,
    TrainingLog,
    TrainingPlan,
    User,
)
from runseason.domain.load import sport_label
from runseason.domain.units import Unit, format_day, format_distance, format_duration

ACTION_WORDS = {
    "opened": "opened",
    "acknowledge": "acknowledged",
    "snooze": "snoozed",
    "resolve": "resolved",
    "apply": "applied",
    "note": "answered with a note",
    "reject": "rejected",
    "dismiss": "dismissed",
    "wake": "back in the queue after its snooze",
    "reopen": "reopened",
    "undo": "undone, the plan as it was",
}
REVISION_WORDS = {
    "generated": "created",
    "add": "a session added",
    "edit": "a session changed",
    "replace": "a session replaced",
    "swap": "two sessions swapped",
    "scale": "a week rescaled",
    "scale_week": "a week rescaled",
    "regenerate": "rebuilt from a date",
    "recommendation": "changed by a recommendation",
    "undo": "a recommendation's change undone",
}
STAGE_WORDS = {"return_to_run": "return to run started", "closed": "case closed"}
CASE_KINDS = {"injury": "Injury", "illness": "Illness"}
MARK_WORDS = {"sick": "sick", "travelling": "travelling", "injured": "injured"}

Titles = Callable[[Session, list[int], Unit], dict[int, str]]


def _words(code: str, table: dict[str, str]) -> str:
    return table.get(code, code.replace("_", " "))


def _short(text: str, most: int = 160) -> str:
    """A note as the timeline quotes it: whole when short, cut with an ellipsis when long."""
    return text if len(text) <= most else text[: most - 1] + "…"


def checkins(session: Session, ids: list[int], _unit: Unit) -> dict[int, str]:
    """Check-ins, e.g. "Check-in: readiness 72 (green); pain 4/10 (knee)"."""
    rows = session.execute(
        select(CheckIn, ReadinessScore.score, ReadinessScore.band)
        .outerjoin(ReadinessScore, ReadinessScore.check_in_id == CheckIn.id)
        .where(CheckIn.id.in_(ids))
    )
    out = {}
    for c, score, band in rows:
        text = "Check-in" if score is None else f"Check-in: readiness {score:.0f} ({band})"
        if c.illness:
            text += "; feeling ill"
        if c.pain_severity:
            where = f" ({c.pain_location})" if c.pain_location else ""
            text += f"; pain {c.pain_severity}/10{where}"
        if c.note:
            text += f': "{_short(c.note)}"'
        out[c.id] = text
    return out


def sessions(session: Session, ids: list[int], unit: Unit) -> dict[int, str]:
    """Logged sessions, e.g. "Trail run: 12.00 km in 1:15:00, load 88"."""
    out = {}
    for log in session.scalars(select(TrainingLog).where(TrainingLog.id.in_(ids))):
        what = "Race" if log.kind == "race" else sport_label(log.sport).capitalize()
        far = f"{format_distance(log.distance_m, unit)} in " if log.distance_m else ""
        text = f"{what}: {far}{format_duration(log.duration_s)}, load {log.load:.0f}"
        out[log.id] = text + (f': "{_short(log.notes)}"' if log.notes else "")
    return out


def plan_edits(session: Session, ids: list[int], _unit: Unit) -> dict[int, str]:
    """Plan changes, e.g. "Plan version 3: a session changed (tired legs)"."""
    rows = session.execute(
        select(PlanRevision, TrainingPlan.name)
        .join(TrainingPlan, TrainingPlan.id == PlanRevision.plan_id)
        .where(PlanRevision.id.in_(ids))
    )
    out = {}
    for rev, name in rows:
        if rev.version == 1:
            out[rev.id] = f"Plan created: {name}"
            continue
        why = f" ({rev.reason})" if rev.reason else ""
        out[rev.id] = f"Plan version {rev.version}: {_words(rev.kind, REVISION_WORDS)}{why}"
    return out


def notes(session: Session, ids: list[int], _unit: Unit) -> dict[int, str]:
    """Coach notes, saying whether the athlete sees them."""
    out = {}
    for note in session.scalars(select(CaseNote).where(CaseNote.id.in_(ids))):
        shared = " (shared with the athlete)" if note.shared_with_athlete else ""
        body = note.body if len(note.body) <= 160 else note.body[:159] + "…"
        out[note.id] = f"Note{shared}: {body}"
    return out


def recommendations(session: Session, ids: list[int], _unit: Unit) -> dict[int, str]:
    """Recommendations of the engine, by their title."""
    rows = session.execute(
        select(Recommendation.id, Recommendation.title).where(Recommendation.id.in_(ids))
    )
    return {rec_id: f"Recommendation: {title}" for rec_id, title in rows}


def health_cases(session: Session, ids: list[int], _unit: Unit) -> dict[int, str]:
    """Opened injury and illness cases, e.g. "Injury case opened: knee"."""
    out = {}
    for case in session.scalars(select(HealthCase).where(HealthCase.id.in_(ids))):
        where = f": {case.location}" if case.location else ""
        out[case.id] = f"{_words(case.kind, CASE_KINDS)} case opened{where}"
    return out


def marked_days(session: Session, ids: list[int], _unit: Unit) -> dict[int, str]:
    """Marked days, e.g. "Marked sick: 03 Mar 2027 to 06 Mar 2027"."""
    out = {}
    rows = session.scalars(select(AvailabilityException).where(AvailabilityException.id.in_(ids)))
    for m in rows:
        span = format_day(m.start_date)
        if m.end_date != m.start_date:
            span += f" to {format_day(m.end_date)}"
        out[m.id] = f"Marked {_words(m.kind, MARK_WORDS)}: {span}"
    return out


def comments(session: Session, ids: list[int], _unit: Unit) -> dict[int, str]:
    """Session comments, e.g. "Greta on Tue 24 Nov · Intervals: \"Legs heavy on the last rep\""."""
    rows = session.execute(
        select(SessionComment, User.full_name, PlannedSession, TrainingLog)
        .outerjoin(User, User.id == SessionComment.author_id)
        .outerjoin(PlannedSession, PlannedSession.id == SessionComment.planned_session_id)
        .outerjoin(TrainingLog, TrainingLog.id == SessionComment.training_log_id)
        .where(SessionComment.id.in_(ids))
    )
    out = {}
    for comment, author, planned, log in rows:
        about = _session_words(planned, log)
        out[comment.id] = f'{author or "Former member"} on {about}: "{_short(comment.body)}"'
    return out


def _session_words(planned: PlannedSession | None, log: TrainingLog | None) -> str:
    """The session a comment is about (one of the two is set: a CHECK says so)."""
    if planned is not None:
        return f"{format_day(planned.scheduled_date, year=False)} · {planned.title}"
    if log is not None:
        return f"{format_day(log.local_date, year=False)} · {log.title or sport_label(log.sport)}"
    return "a session"


def _event_title(event: TimelineEvent) -> str:
    subject, _, action = event.kind.partition("_")
    if event.ref_type == "health_case":
        kind, _, stage = event.kind.partition("_")
        return f"{_words(kind, CASE_KINDS)}: {_words(stage, STAGE_WORDS)}"
    if event.ref_type == "task" or subject == "task":
        return f"Task: {event.title}"
    payload: dict[str, Any] = event.payload or {}
    # A coach's action is recorded as "<what>: <action>"; the words replace the code.
    what = event.title.removesuffix(f": {action}") if action else event.title
    if payload.get("decision") == "reject":
        action = "reject"
    if payload.get("undo"):
        action = "undo"
    verb = _words(action, ACTION_WORDS) if action else "recorded"
    return f"{subject.capitalize()} {verb}: {what}"


def events(session: Session, ids: list[int], _unit: Unit) -> dict[int, str]:
    """Engine and coach events: "Intervention acknowledged: Pain 5/10 (knee)"."""
    rows = session.scalars(select(TimelineEvent).where(TimelineEvent.id.in_(ids)))
    return {e.id: _event_title(e) for e in rows}


TITLES: dict[str, Titles] = {
    "checkin": checkins,
    "session": sessions,
    "plan_edit": plan_edits,
    "note": notes,
    "recommendation": recommendations,
    "health_case": health_cases,
    "marked_days": marked_days,
    "comment": comments,
    "event": events,
}
