"""What a coach reads about a plan: session titles and the plan's warnings, in the athlete's unit.

A title says what is planned: easy and recovery runs by their planned duration ("Easy run 50
min"), long runs by their planned distance ("Long run 14 km", "Long run 8.7 mi"), races by their
distance; quality work and strides keep their template's name, which already says its content.
"""

from __future__ import annotations

from collections.abc import Sequence

from runseason.domain.plan_model import RACE_CATEGORY, PlanWarning
from runseason.domain.units import Unit, distance_in

DURATION_TITLES = {"easy": "Easy run", "recovery": "Recovery run"}
DISTANCE_TITLES = {"long": "Long run", RACE_CATEGORY: "Race"}


def duration_text(duration_s: float) -> str:
    """``50 min`` under an hour, ``1:04 h`` from an hour up (rounded to the minute)."""
    minutes = round(duration_s / 60.0)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60}:{minutes % 60:02d} h"


def distance_text(distance_m: float, unit: Unit) -> str:
    """``14 km`` or ``8.7 mi``: one decimal, none when it is zero."""
    value = round(distance_in(distance_m, unit), 1)
    return f"{value:g} {unit}"


def session_title(
    category: str,
    template_name: str,
    *,
    duration_s: float,
    distance_m: float | None,
    unit: Unit,
) -> str:
    """The title of a planned session, from its planned values."""
    if category in DISTANCE_TITLES and distance_m:
        return f"{DISTANCE_TITLES[category]} {distance_text(distance_m, unit)}"
    label = DURATION_TITLES.get(category) or DISTANCE_TITLES.get(category)
    if label is None:
        return template_name
    return f"{label} {duration_text(duration_s)}"


def describe_warnings(warnings: Sequence[PlanWarning], unit: Unit) -> tuple[str, ...]:
    """One sentence per kind of warning, for the coach."""
    lowered = [w for w in warnings if w.kind == "volume_lowered" and w.week_index is not None]
    texts: list[str] = []
    if lowered:
        texts.append(_lowered_text(lowered, unit))
    for warning in (w for w in warnings if w.kind == "short_long_run"):
        texts.append(
            f"The longest run of this marathon plan is {distance_text(warning.planned_m, unit)}, "
            f"under the {distance_text(warning.requested_m, unit)} most marathoners reach before "
            "race day; more training days or a higher volume would allow a longer one."
        )
    return tuple(texts)


def _lowered_text(lowered: Sequence[PlanWarning], unit: Unit) -> str:
    """The weeks lowered to fit the available days, with the largest cut named."""
    first_request: dict[int, PlanWarning] = {}
    last_plan: dict[int, PlanWarning] = {}
    for warning in lowered:
        assert warning.week_index is not None
        first_request.setdefault(warning.week_index, warning)
        last_plan[warning.week_index] = warning
    weeks = sorted(first_request)

    def cut(week: int) -> float:
        return first_request[week].requested_m - last_plan[week].planned_m

    worst = max(weeks, key=lambda w: (cut(w), -w))
    days = last_plan[worst].run_days
    return (
        f"The available days cannot hold the planned volume in {_week_list(weeks)}, so those "
        f"targets are lowered; the largest cut is week {worst}, from "
        f"{distance_text(first_request[worst].requested_m, unit)} to "
        f"{distance_text(last_plan[worst].planned_m, unit)} on {days} training "
        f"day{'s' if days != 1 else ''}."
    )


def _week_list(weeks: Sequence[int]) -> str:
    """``week 3``, ``weeks 3–5 and 9``: consecutive weeks as ranges."""
    runs: list[list[int]] = []
    for week in weeks:
        if runs and week == runs[-1][-1] + 1:
            runs[-1].append(week)
        else:
            runs.append([week])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"week {joined}" if len(weeks) == 1 else f"weeks {joined}"
