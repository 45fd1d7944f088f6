"""One week as the scheduler fills it: its days, target, budget, sessions and long-run day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from runseason.domain.plan_model import SessionDraft, WeekDraft, WeekTarget


@dataclass(slots=True)
class WeekState:
    """What has been placed so far in one week, and how much volume is left."""

    target: WeekTarget
    days: tuple[date, ...]
    target_distance_m: float
    budget_m: float
    sessions: dict[date, SessionDraft] = field(default_factory=dict)
    long_day: date | None = None
    long_run_m: float = 0.0
    race_cut: float = 1.0

    def add(self, session: SessionDraft, volume_m: float) -> None:
        """Place a session and spend its volume."""
        self.sessions[session.date] = session
        self.budget_m -= volume_m

    def run_days(self) -> int:
        """Training days used so far (races aside), the chosen long-run day included."""
        placed = sum(1 for s in self.sessions.values() if s.role != "race")
        return placed + (
            1 if self.long_day is not None and self.long_day not in self.sessions else 0
        )

    def to_draft(self) -> WeekDraft:
        """The finished week as a frozen draft."""
        t = self.target
        sessions = tuple(self.sessions[d] for d in sorted(self.sessions))
        return WeekDraft(
            index=t.index,
            start_date=self.days[0],
            phase=t.phase,
            is_cutback=t.is_cutback,
            is_taper=t.is_taper,
            is_race_week=t.is_race_week,
            target_distance_m=self.target_distance_m,
            long_run_distance_m=self.long_run_m,
            sessions=sessions,
            quality_target=t.quality_sessions,
        )


def independent_days(days: list[date]) -> int:
    """How many of these days can be taken with none next to another (greedy, in date order)."""
    taken: list[date] = []
    for day in sorted(days):
        if not taken or (day - taken[-1]).days > 1:
            taken.append(day)
    return len(taken)
