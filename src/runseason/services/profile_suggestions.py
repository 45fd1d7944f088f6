"""What the athlete's recorded sessions suggest for their profile: a VDOT from their best efforts,
an observed maximum heart rate, an LTHR from a sustained 30 minutes. Suggestions only: a coach
accepts one (the profile and the zones change) or ignores it (it is not shown again)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import ActivityStream, Athlete, TrainingLog
from runseason.domain import paces, units
from runseason.domain.activity_analysis import BEST_EFFORT_DISTANCES_M
from runseason.domain.activity_efforts import MAX_HR_HOLD_S
from runseason.errors import NotFound
from runseason.schemas.activities import ProfileSuggestionAnswer, ProfileSuggestionRead
from runseason.services.identity.access import Actor, get_athlete, require_role, use_case

# The year of sessions up to the newest recorded one: older efforts say little about the runner
# now (and an imported history is read as of its own end).
WINDOW = timedelta(days=365)
MIN_VDOT_DISTANCE_M = 1500.0  # shorter efforts are anaerobic; VDOT's model does not hold
MIN_VDOT_GAIN = 0.5
MIN_LTHR_CHANGE_BPM = 3.0
TITLES = {
    "vdot": "VDOT from a best effort",
    "hr_max": "Maximum heart rate seen in a session",
    "lthr": "Threshold heart rate from a sustained 30 minutes",
}
HELD = f"highest heart rate held for {MAX_HR_HOLD_S} s"
Found = tuple[float, int, date, str]  # value, session, day, evidence


def _recorded(session: Session, athlete: Athlete) -> list[Any]:
    rows = list(
        session.execute(
            select(ActivityStream.training_log_id, ActivityStream.summary, TrainingLog.local_date)
            .join(TrainingLog, TrainingLog.id == ActivityStream.training_log_id)
            .where(ActivityStream.athlete_id == athlete.id)
            .order_by(TrainingLog.local_date)
        )
    )
    return [r for r in rows if r[2] >= rows[-1][2] - WINDOW] if rows else []


def _best_vdot(rows: list[Any]) -> Found | None:
    lengths = dict(BEST_EFFORT_DISTANCES_M)
    best: Found | None = None
    for log_id, summary, day in rows:
        if "vdot" in summary.get("dismissed", []):
            continue
        for label, seconds in (summary.get("best_efforts_s") or {}).items():
            distance = lengths.get(label, 0.0)
            if distance < MIN_VDOT_DISTANCE_M or not 210 <= seconds <= 36000:
                continue
            value = round(paces.vdot(distance, seconds), 1)
            if best is None or value > best[0]:
                took, on = units.format_duration(seconds), units.format_day(day)
                evidence = f"best {label} in {took} on {on}"
                best = (value, log_id, day, evidence)
    return best


def _highest(rows: list[Any], key: str, kind: str, words: str) -> Found | None:
    best: Found | None = None
    for log_id, summary, day in rows:
        value = summary.get(key)
        if value and kind not in summary.get("dismissed", []) and (best is None or value > best[0]):
            best = (round(float(value)), log_id, day, f"{words} on {units.format_day(day)}")
    return best


def _suggestions(athlete: Athlete, rows: list[Any]) -> list[ProfileSuggestionRead]:
    out = []
    candidates: list[tuple[str, Found | None, float | None]] = [
        ("vdot", _best_vdot(rows), athlete.vdot),
        ("hr_max", _highest(rows, "observed_max_hr", "hr_max", HELD), athlete.hr_max),
        ("lthr", _highest(rows, "threshold_hr", "lthr", "hardest 30 minutes"), athlete.lthr),
    ]
    for kind, found, current in candidates:
        if found is None:
            continue
        value, log_id, _day, evidence = found
        wanted = {
            "vdot": current is None or value >= current + MIN_VDOT_GAIN,
            "hr_max": current is None or value > current,
            "lthr": current is None or abs(value - current) >= MIN_LTHR_CHANGE_BPM,
        }[kind]
        if wanted and 20 <= value <= 250:
            out.append(
                ProfileSuggestionRead(
                    kind=kind,
                    title=TITLES[kind],
                    current=current,
                    suggested=value,
                    evidence=evidence,
                    activity_id=log_id,
                )
            )
    return out


@use_case("athlete")
def list_profile_suggestions(
    session: Session, actor: Actor, athlete_id: int
) -> list[ProfileSuggestionRead]:
    """What the recorded sessions suggest for the athlete's VDOT, HRmax and LTHR."""
    athlete = get_athlete(session, actor, athlete_id)
    return _suggestions(athlete, _recorded(session, athlete))


@use_case("athlete", writes=True)
def answer_profile_suggestion(
    session: Session, actor: Actor, athlete_id: int, data: ProfileSuggestionAnswer
) -> list[ProfileSuggestionRead]:
    """A coach accepts a suggestion (the profile changes, its source recorded) or ignores it
    (it is not shown again); the suggestions left."""
    athlete = get_athlete(session, actor, athlete_id, write=True)
    require_role(actor, "admin", "coach")
    wanted = (data.kind, data.activity_id)
    suggested = _suggestions(athlete, _recorded(session, athlete))
    found = next((s for s in suggested if (s.kind, s.activity_id) == wanted), None)
    if found is None:
        raise NotFound("suggestion not found (it may have been answered already)")
    if data.accept:
        if data.kind == "vdot":
            athlete.vdot, athlete.vdot_source = found.suggested, found.evidence[:200]
        else:
            setattr(athlete, data.kind, round(found.suggested))
    else:
        stored = session.get(ActivityStream, data.activity_id)
        assert stored is not None
        summary = dict(stored.summary)
        summary["dismissed"] = [*summary.get("dismissed", []), data.kind]
        stored.summary = summary
    session.flush()
    return _suggestions(athlete, _recorded(session, athlete))
