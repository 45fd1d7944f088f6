"""The words a page shows for the platform's values: one place, so every page speaks alike.

Stored values are keys (``sla_fresh_hours``, ``amber``, ``recommendation_apply``), seconds and
dictionaries; a person reads labels, bands in colour words, ages in days and workouts as steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from runseason.domain import units

# Words that read better than the key's own letters.
WORDS = {
    "acwr": "ACWR",
    "ctl": "fitness",
    "atl": "fatigue",
    "tsb": "form",
    "hrv": "HRV",
    "rmssd": "rMSSD",
    "hr": "heart rate",
    "rpe": "effort (RPE)",
    "sla": "SLA",
    "vdot": "VDOT",
    "lthr": "threshold heart rate",
    "vo2max": "VO₂max",
    "s": "seconds",
    "m": "metres",
    "pct": "%",
    "min": "minimum",
    "max": "maximum",
    "id": "",
}
# Readiness bands in the traffic-light words coaches use (the caseload colours its cells so).
BAND_WORDS = {"green": "green", "amber": "amber", "yellow": "amber", "red": "red"}
ACTIONS = {"insert": "Added", "update": "Changed", "delete": "Removed"}
# The records an audit row names, as a person calls them (the table's name otherwise).
RECORDS = {
    "athletes": "athlete profile",
    "coach_assignments": "coach assignment",
    "availability_exceptions": "day away",
    "case_notes": "case note",
    "tasks": "task",
    "health_cases": "health case",
    "timeline_events": "timeline entry",
    "check_ins": "check-in",
    "readiness_scores": "readiness score",
    "recommendations": "recommendation",
    "interventions": "intervention",
    "coach_actions": "coach action",
    "race_goals": "race",
    "session_templates": "library session",
    "organizations": "organization",
    "setting_overrides": "setting",
    "training_plans": "training plan",
    "plan_weeks": "plan week",
    "planned_sessions": "planned session",
    "plan_revisions": "plan revision",
    "training_logs": "logged session",
    "import_runs": "file import",
    "users": "account",
    "user_sessions": "sign-in",
    "api_keys": "API key",
}
ZONES = {
    "E": "easy",
    "M": "marathon pace",
    "T": "threshold",
    "I": "interval",
    "R": "repetition",
}
# Friel's heart-rate zones by name (the codes are his: Z1 to Z5c).
HR_ZONES = {
    "Z1": "recovery",
    "Z2": "aerobic",
    "Z3": "tempo",
    "Z4": "sub-threshold",
    "Z5a": "super-threshold",
    "Z5b": "aerobic capacity",
    "Z5c": "anaerobic capacity",
}


def label(key: str, *, capital: bool = True) -> str:
    """A key in words: ``sla_fresh_hours`` → ``SLA fresh hours`` (``sla fresh…`` never)."""
    words = [WORDS.get(part, part) for part in key.split("_")]
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:] if capital else text


def band(value: str | None) -> str:
    """A readiness band as a person says it: ``yellow`` → ``amber``."""
    return "-" if value is None else BAND_WORDS.get(value, label(value).lower())


def zone(code: str) -> str:
    """A training zone by its name: ``T`` → ``threshold``."""
    return ZONES.get(code, label(code).lower())


def pace_zone(code: str) -> str:
    """A pace zone by name with Daniels' letter: ``T`` → ``Threshold (T)``."""
    name = ZONES.get(code)
    return f"{name[:1].upper()}{name[1:]} ({code})" if name else code


def hr_zone(code: str) -> str:
    """A heart-rate zone by name with its code: ``Z2`` → ``Aerobic (Z2)``."""
    name = HR_ZONES.get(code)
    return f"{name[:1].upper()}{name[1:]} ({code})" if name else code


def bpm_range(low: float, high: float | None) -> str:
    """A heart-rate range in bpm: ``125–130 bpm``, ``up to 124 bpm``, ``from 156 bpm``."""
    if not low:
        return f"up to {round(high or 0)} bpm"
    if high is None or high >= 250:
        return f"from {round(low)} bpm"
    return f"{round(low)}–{round(high)} bpm"


def age(hours: float) -> str:
    """How long something has waited: hours under two days, days after."""
    if hours < 1:
        return "under an hour"
    if hours < 48:
        return f"{round(hours)} h"
    return f"{round(hours / 24)} days"


def day(value: date | datetime | str | None) -> str:
    """A date in the one style every page uses: ``Sun 6 Dec 2026`` (ISO text is read first)."""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if value is None:
        return "-"
    return units.format_day(value)


def day_short(value: date) -> str:
    """A day of the current season, where the year goes without saying: ``Sun 6 Dec``."""
    return units.format_day(value, year=False)


def moment(value: datetime | None, zone: str) -> str:
    """A moment in the reader's time zone, in the same style: ``Sun 6 Dec 2026, 08:14``."""
    if value is None:
        return "-"
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    local = aware.astimezone(ZoneInfo(zone or "UTC"))
    return f"{day(local)}, {local:%H:%M}"


def record(entity: str) -> str:
    """A table's rows as a person calls one: ``check_ins`` → ``check-in``."""
    return RECORDS.get(entity, label(entity).lower())


def change(action: str, entity: str) -> str:
    """An audit row's change in words: ``Added a check-in``."""
    what = record(entity)
    article = "an" if what[:1] in "aeiou" else "a"
    return f"{ACTIONS.get(action, label(action))} {article} {what}"


def value_text(value: Any) -> str:
    """A setting's value in words (lists joined, true/false as yes/no)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v) for v in value) or "-"
    return label(value).lower() if isinstance(value, str) and "_" in value else str(value)


def setting_rows(values: Mapping[str, Any], prefix: str = "") -> list[dict[str, str]]:
    """Nested settings as labelled rows: section · setting, and its value."""
    rows: list[dict[str, str]] = []
    for key, value in values.items():
        name = f"{prefix} · {label(key)}" if prefix else label(key)
        if isinstance(value, Mapping):
            rows += setting_rows(value, name)
        else:
            rows.append({"Setting": name, "Value": value_text(value)})
    return rows


TARGET_WORDS = {"heart_rate": "by heart rate", "effort": "by effort"}


def _amount(duration_s: Any, distance_m: Any) -> str:
    if duration_s:
        return units.format_duration(float(duration_s))
    if distance_m:
        metres = float(distance_m)
        return f"{metres:.0f} m" if metres < 1000 else units.format_distance(metres, "km", 1)
    return ""


def _part(part: Mapping[str, Any]) -> str:
    amount = _amount(part.get("duration_s"), part.get("distance_m"))
    target = TARGET_WORDS.get(str(part.get("target", "pace")), "")
    return f"{amount} {zone(str(part.get('zone', 'E')))} {target}".strip()


def workout(structure: Mapping[str, Any]) -> list[str]:
    """A workout's structure as the steps a runner reads: warm-up, repeats, cool-down."""
    lines = []
    warm = _amount(structure.get("warmup_s"), structure.get("warmup_m"))
    if warm:
        lines.append(f"Warm up {warm} easy")
    for step in structure.get("steps", []):
        work = _part(step.get("work", {}))
        repeat = int(step.get("repeat", 1))
        line = f"{repeat} × {work}" if repeat > 1 else work
        if step.get("recover"):
            line += f", {_part(step['recover'])} to recover"
        lines.append(line[:1].upper() + line[1:])
    cool = _amount(structure.get("cooldown_s"), structure.get("cooldown_m"))
    if cool:
        lines.append(f"Cool down {cool} easy")
    return lines
