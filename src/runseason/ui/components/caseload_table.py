"""The Caseload's table: one row per athlete in words, risk and readiness in their colours."""

from __future__ import annotations

from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from runseason.domain.risk import percent
from runseason.schemas.coaching import CaseloadRow
from runseason.ui import wording

BUCKET_WORDS = {"at_risk": "at risk", "watch": "watch", "stable": "stable"}
BAND_WORDS = {"red": "red", "amber": "amber", "yellow": "amber", "green": "green"}
# Red, amber, green as cell backgrounds a coach reads at a glance (dark text on all three).
COLOURS = {"red": "#f8c4c4", "amber": "#fde3a7", "green": "#c8e6c9"}
BUCKET_COLOURS = {"at_risk": "red", "watch": "amber", "stable": "green"}


def trend(values: list[Any]) -> list[float] | None:
    """The readiness sparkline: the days with a score, the days without left out (None when
    fewer than two days have one, as a line needs two points)."""
    kept = [float(v) for v in values if isinstance(v, int | float)]
    return kept if len(kept) >= 2 else None


def risk_words(row: CaseloadRow) -> str:
    """The one risk column: its bucket in words and today's risk, e.g. "at risk · 92 %"."""
    return f"{BUCKET_WORDS.get(row.risk_bucket, row.risk_bucket)} · {percent(row.risk or 0)}"


def readiness_words(row: CaseloadRow) -> str:
    """Readiness as the Athlete page shows it: a whole number and its band, e.g. "54 · red"."""
    if row.readiness_score is None:
        return "no check-in today"
    band = BAND_WORDS.get(row.readiness_band or "", "")
    return f"{row.readiness_score:.0f} · {band}" if band else f"{row.readiness_score:.0f}"


def frame_of(rows: list[CaseloadRow]) -> pd.DataFrame:
    """The table's rows, in words; no ids (the page keeps them beside the table)."""
    return pd.DataFrame(
        [
            {
                "athlete": r.name,
                "risk": risk_words(r),
                "readiness": readiness_words(r),
                "readiness 7 d": trend(r.readiness_trend),
                "form": "-" if r.form is None else f"{r.form:.1f}",
                "ACWR": "-" if r.acwr is None else f"{r.acwr:.2f}",
                "adherence 7 d": "-" if r.adherence_7d is None else percent(r.adherence_7d),
                "open items": r.open_interventions,
                "last check-in": wording.day(r.last_checkin_date),
                "next race": wording.day(r.next_race_date),
            }
            for r in rows
        ]
    )


def _background(colour: str | None) -> str:
    return f"background-color: {COLOURS[colour]}; color: #1b1b1b" if colour else ""


def styled(frame: pd.DataFrame, rows: list[CaseloadRow]) -> Styler:
    """The table with risk and readiness cells in red, amber or green."""
    risk = [_background(BUCKET_COLOURS.get(r.risk_bucket)) for r in rows]
    ready = [
        _background(BAND_WORDS.get(r.readiness_band or "")) if r.readiness_score is not None else ""
        for r in rows
    ]
    return frame.style.apply(lambda _: risk, subset=["risk"]).apply(
        lambda _: ready, subset=["readiness"]
    )
