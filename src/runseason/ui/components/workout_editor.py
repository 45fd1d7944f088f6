"""The workout editor: warm-up, a main set of rows (repeats of work and recovery), cool-down;
and the workout resolved for one athlete, in their unit, with their paces and heart rates."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from runseason.domain import units
from runseason.domain.workout_structure import BlockText, structure_of_text
from runseason.errors import InvalidInput
from runseason.schemas.library import PreviewStepRead, WorkoutPreviewRead
from runseason.ui import runtime

ROWS = "workout-editor-rows"
NEXT = "workout-editor-next"
# Work zones in the editor's words (Daniels' letters stored), and the targets a watch follows.
ZONE_CHOICES = {
    "E": "Easy",
    "M": "Marathon pace",
    "T": "Threshold pace",
    "I": "Interval pace",
    "R": "Repetition pace",
    "H": "Hill effort",
}
TARGET_CHOICES = {"pace": "Pace", "heart_rate": "Heart rate", "effort": "Effort"}
RECOVERY_CHOICES = {"jog": "Jog", "walk": "Walk"}
# The first row shows the shape of a classic session (6 × 800 m, 90 s jog); a new row is empty.
FIRST_ROW = BlockText(6, "800 m", "I", "pace", "90 s", "jog")
NEW_ROW = BlockText(1, "", "T", "pace", "", "jog")


def _rows() -> list[int]:
    if ROWS not in st.session_state:
        st.session_state[ROWS] = [0]
        st.session_state[NEXT] = 1
    rows: list[int] = st.session_state[ROWS]
    return rows


def _add_row() -> None:
    _rows().append(st.session_state[NEXT])
    st.session_state[NEXT] += 1


def _remove_row(row_id: int) -> None:
    rows = _rows()
    if len(rows) > 1:
        rows.remove(row_id)


def _row(number: int, row_id: int, removable: bool) -> BlockText:
    first = FIRST_ROW if row_id == 0 else NEW_ROW
    with st.container(border=True):
        top = st.columns([1, 2, 2, 2])
        repeat = top[0].number_input(
            f"Row {number}: repeats", 1, 50, first.repeat, key=f"wk-{row_id}-repeat"
        )
        work = top[1].text_input(
            "Work (time or distance)",
            first.work,
            key=f"wk-{row_id}-work",
            placeholder="800 m, 3 min, 90 s, 3:00",
            max_chars=20,
        )
        zones = list(ZONE_CHOICES)
        zone = top[2].selectbox(
            "Zone",
            zones,
            index=zones.index(first.zone),
            format_func=ZONE_CHOICES.__getitem__,
            key=f"wk-{row_id}-zone",
        )
        target = top[3].selectbox(
            "Target",
            list(TARGET_CHOICES),
            format_func=TARGET_CHOICES.__getitem__,
            key=f"wk-{row_id}-target",
        )
        bottom = st.columns([2, 2, 1])
        recovery = bottom[0].text_input(
            "Recovery (empty for none)",
            first.recovery,
            key=f"wk-{row_id}-recovery",
            placeholder="90 s, 400 m",
            max_chars=20,
        )
        recovery_zone = bottom[1].selectbox(
            "Recovery as",
            list(RECOVERY_CHOICES),
            format_func=RECOVERY_CHOICES.__getitem__,
            key=f"wk-{row_id}-recovery-zone",
        )
        if removable:
            bottom[2].button(
                "Remove", key=f"wk-{row_id}-remove", on_click=_remove_row, args=(row_id,)
            )
    return BlockText(int(repeat), work, zone, target, recovery, recovery_zone)


def structure_editor() -> dict[str, Any] | None:
    """The editor's rows as a checked structure, or None after showing what is wrong."""
    edges = st.columns(2)
    warmup = edges[0].text_input(
        "Warm-up, easy (time or distance, empty for none)", "15:00", key="wk-warmup", max_chars=20
    )
    cooldown = edges[1].text_input(
        "Cool-down, easy (time or distance, empty for none)",
        "10:00",
        key="wk-cooldown",
        max_chars=20,
    )
    st.markdown("**Main set**")
    rows = _rows()
    blocks = [_row(n, row_id, len(rows) > 1) for n, row_id in enumerate(rows, start=1)]
    st.button("Add a row", on_click=_add_row, key="wk-add")
    try:
        return structure_of_text(warmup, blocks, cooldown)
    except InvalidInput as error:
        st.error(error.message)
        return None


def _planned(step: PreviewStepRead, unit: units.Unit) -> str:
    if step.distance_m is not None:
        if step.distance_m < 1000:
            return f"{step.distance_m:.0f} m"
        return units.format_distance(step.distance_m, unit)
    return units.format_duration(step.duration_s or 0)


def _pace(bounds: tuple[float, float], unit: units.Unit) -> str:
    slow, fast = (units.format_duration(units.pace_in(v, unit)) for v in bounds)
    return f"{fast}–{slow} /{unit}"


def _target(step: PreviewStepRead, unit: units.Unit) -> str:
    if step.target == "pace" and step.pace_s_per_km:
        return _pace(step.pace_s_per_km, unit)
    if step.target == "heart_rate" and step.hr_bpm:
        return f"{step.hr_bpm[0]}–{step.hr_bpm[1]} bpm"
    return f"effort {step.effort}"


def preview_rows(preview: WorkoutPreviewRead) -> pd.DataFrame:
    """One row a step, repeats said as "6 ×", in the athlete's unit."""
    unit: units.Unit = "mi" if preview.unit == "mi" else "km"
    rows = []
    for part in preview.parts:
        for step in part.steps:
            rows.append(
                {
                    "Step": f"{part.times} × {step.name}" if part.times > 1 else step.name,
                    "Planned": _planned(step, unit),
                    "Target": _target(step, unit),
                    "Pace": _pace(step.pace_s_per_km, unit) if step.pace_s_per_km else "-",
                    "Heart rate": (
                        f"{step.hr_bpm[0]}–{step.hr_bpm[1]} bpm" if step.hr_bpm else "-"
                    ),
                    "Time each": units.format_duration(step.estimated_duration_s)
                    if step.estimated_duration_s is not None
                    else "-",
                    "Distance each": units.format_distance(step.estimated_distance_m, unit)
                    if step.estimated_distance_m is not None
                    else "-",
                }
            )
    return pd.DataFrame(rows)


def show_preview(preview: WorkoutPreviewRead, athlete_name: str) -> None:
    """The workout as this athlete would run it, and its total time and distance."""
    unit: units.Unit = "mi" if preview.unit == "mi" else "km"
    name = runtime.plain(athlete_name)
    st.dataframe(preview_rows(preview), hide_index=True, width="stretch")
    totals = st.columns(2)
    totals[0].metric(
        "Total time",
        units.format_duration(preview.duration_s) if preview.duration_s is not None else "-",
    )
    totals[1].metric(
        "Total distance",
        units.format_distance(preview.distance_m, unit) if preview.distance_m is not None else "-",
    )
    if not preview.has_pace_zones:
        st.info(
            f"{name} has no pace zones yet (no VDOT): set one on the athlete's profile "
            "to see paces, distances for timed steps and times for distances."
        )
    if not preview.has_heart_rate_zones:
        st.caption(f"{name} has no heart-rate zones yet, so no heart rates are shown.")
