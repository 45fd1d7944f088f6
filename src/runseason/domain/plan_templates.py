"""Choosing templates from the catalogue: by role, phase and level, deterministically.

A template suits a session when the catalogue tags it with the session's phase and its level is at
or below the athlete's (a beginner template is fine for an advanced runner). Easy, recovery and long
runs use scalable templates of those categories (the builder sets their distance); easy, recovery
and strides templates must not be hard. Quality sessions are hard templates of the other
categories, ordered by the phase's priorities below and interleaved across categories, so that
rotating through them by week gives variety. Candidates are sorted by code, so the catalogue's
order never changes the plan: the same request and catalogue always give the same plan.
"""

from __future__ import annotations

from collections.abc import Sequence

from runseason.domain.plan_model import (
    CATEGORIES,
    LEVELS,
    PHASES,
    QUALITY_CATEGORIES,
    RACE_TEMPLATE_CODE,
    CatalogueEntry,
    level_rank,
)
from runseason.errors import InvalidInput

# Our ordering of quality work by phase, after Daniels' phases I–IV: hills, fartlek and strides in
# the base; threshold then VO2max in the build; VO2max, threshold and race pace at the peak;
# race pace and short threshold work in the taper. Unlisted categories come last.
QUALITY_PRIORITY: dict[str, tuple[str, ...]] = {
    "base": ("hills", "fartlek", "strides_speed", "progression"),
    "build": ("threshold_intervals", "vo2max_intervals", "tempo", "hills", "progression"),
    "peak": ("vo2max_intervals", "threshold_intervals", "race_pace", "tempo"),
    "taper": ("race_pace", "threshold_intervals", "tempo", "strides_speed", "vo2max_intervals"),
    "recovery": (),
}


def validate_catalogue(catalogue: Sequence[CatalogueEntry]) -> None:
    """Raise ``InvalidInput`` when a catalogue entry is malformed or codes repeat."""
    seen: set[str] = set()
    for entry in catalogue:
        if not entry.code or entry.code == RACE_TEMPLATE_CODE or entry.code in seen:
            raise InvalidInput(f"Template code {entry.code!r} is empty, reserved or repeated.")
        seen.add(entry.code)
        if entry.category not in CATEGORIES:
            raise InvalidInput(f"Template {entry.code} has unknown category {entry.category!r}.")
        if not entry.phases or not set(entry.phases) <= set(PHASES):
            raise InvalidInput(f"Template {entry.code} must name phases among {PHASES}.")
        if entry.level not in LEVELS:
            raise InvalidInput(f"Template {entry.code} has unknown level {entry.level!r}.")
        if entry.duration_s <= 0:
            raise InvalidInput(f"Template {entry.code} needs a positive duration.")


class TemplatePicker:
    """Candidates per (role, phase) for one athlete level, and a rotating choice among them."""

    def __init__(self, catalogue: Sequence[CatalogueEntry], level: str) -> None:
        validate_catalogue(catalogue)
        rank = level_rank(level)
        self._entries = tuple(
            sorted((e for e in catalogue if level_rank(e.level) <= rank), key=lambda e: e.code)
        )
        self._cache: dict[tuple[str, str], tuple[CatalogueEntry, ...]] = {}
        self.level = level

    def candidates(self, role: str, phase: str) -> tuple[CatalogueEntry, ...]:
        """Every suitable template for a session of this role in this phase, in rotation order."""
        key = (role, phase)
        if key not in self._cache:
            self._cache[key] = self._find(role, phase)
        return self._cache[key]

    def pick(self, role: str, phase: str, turn: int) -> CatalogueEntry | None:
        """The ``turn``-th template in rotation for this role and phase, or None if none suits."""
        found = self.candidates(role, phase)
        return found[turn % len(found)] if found else None

    def require(self, role: str, phase: str) -> None:
        """Raise ``InvalidInput`` when no template suits this role in this phase."""
        if not self.candidates(role, phase):
            text = (
                f"The session catalogue has no {role}-run template for the {phase} phase at "
                f"{self.level} level; add one before building this plan."
            )
            raise InvalidInput(text)

    def _find(self, role: str, phase: str) -> tuple[CatalogueEntry, ...]:
        in_phase = [e for e in self._entries if phase in e.phases]
        if role == "long":
            longs = [e for e in in_phase if e.category == "long" and e.scalable]
            easy_longs = [e for e in longs if not e.is_hard]
            return tuple(easy_longs or longs)
        if role == "easy":
            return _soft(in_phase, {"easy"}, scalable=True)
        if role == "recovery":
            return _soft(in_phase, {"recovery"}, scalable=True) or _soft(
                in_phase, {"easy"}, scalable=True
            )
        if role == "strides":
            return _soft(in_phase, {"strides_speed"}, scalable=False)
        if role == "quality":
            hard = [e for e in in_phase if e.is_hard and e.category in QUALITY_CATEGORIES]
            return _interleave(hard, QUALITY_PRIORITY[phase])
        return ()


def _soft(
    entries: Sequence[CatalogueEntry], categories: set[str], *, scalable: bool
) -> tuple[CatalogueEntry, ...]:
    """Non-hard entries of these categories; scalable ones only when ``scalable``."""
    return tuple(
        e
        for e in entries
        if e.category in categories and not e.is_hard and (e.scalable or not scalable)
    )


def _interleave(
    entries: Sequence[CatalogueEntry], priority: tuple[str, ...]
) -> tuple[CatalogueEntry, ...]:
    """Round-robin across categories in priority order (unlisted categories last, by name)."""
    by_category: dict[str, list[CatalogueEntry]] = {}
    for entry in entries:
        by_category.setdefault(entry.category, []).append(entry)
    order = sorted(
        by_category,
        key=lambda c: (priority.index(c) if c in priority else len(priority), c),
    )
    queues = [by_category[c] for c in order]
    result: list[CatalogueEntry] = []
    for depth in range(max((len(q) for q in queues), default=0)):
        result.extend(q[depth] for q in queues if depth < len(q))
    return tuple(result)
