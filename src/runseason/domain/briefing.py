"""Today's session adapted to readiness: keep, reduce, swap to recovery or rest."""

from __future__ import annotations

from dataclasses import dataclass

REDUCE_FACTOR = 0.8
RECOVERY_DURATION_S = 30 * 60


@dataclass(frozen=True, slots=True)
class PlannedToday:
    """The planned session as the briefing needs it."""

    title: str
    category: str
    is_hard: bool
    duration_s: float
    distance_m: float | None


@dataclass(frozen=True, slots=True)
class BriefingAdvice:
    """What to do today and why."""

    decision: str  # keep, reduce, recovery, rest, no_session, check_in_first
    title: str
    reason: str
    duration_s: float | None
    distance_m: float | None
    intensity: str


def advise(
    planned: PlannedToday | None,
    band: str | None,
    *,
    illness: bool = False,
    pain_severity: int | None = None,
    pain_threshold: int = 4,
) -> BriefingAdvice:
    """Adapt the planned session to this morning's readiness band and flags."""
    if band is None:
        title = planned.title if planned else "No session planned"
        return BriefingAdvice(
            "check_in_first",
            title,
            "Check in first to get today's advice.",
            planned.duration_s if planned else None,
            planned.distance_m if planned else None,
            "as planned",
        )
    if illness:
        return BriefingAdvice(
            "rest", "Rest day", "You reported feeling ill: rest and recover.", None, None, "none"
        )
    if pain_severity is not None and pain_severity >= pain_threshold:
        return BriefingAdvice(
            "rest",
            "No running today",
            f"Pain {pain_severity}/10: no running; tell your coach if it persists.",
            None,
            None,
            "none",
        )
    if planned is None:
        return BriefingAdvice(
            "no_session",
            "No session planned",
            "Nothing is planned today: an optional easy walk or rest.",
            None,
            None,
            "easy",
        )
    if band == "red":
        return BriefingAdvice(
            "recovery",
            "Recovery run (or rest)",
            "Readiness is red: today's session becomes an easy recovery run.",
            min(planned.duration_s, RECOVERY_DURATION_S),
            None,
            "very easy",
        )
    if band == "amber" and planned.is_hard:
        return BriefingAdvice(
            "reduce",
            f"{planned.title} (reduced)",
            "Readiness is amber: keep it easy and about 20 % shorter.",
            planned.duration_s * REDUCE_FACTOR,
            planned.distance_m * REDUCE_FACTOR if planned.distance_m else None,
            "easy",
        )
    return BriefingAdvice(
        "keep",
        planned.title,
        f"Readiness is {band}: train as planned.",
        planned.duration_s,
        planned.distance_m,
        "as planned",
    )
