"""Report downloads: prepared on request (a PDF takes a moment), then offered as a file."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from runseason.services.reports import files
from runseason.ui import runtime

LABELS: dict[files.Format, str] = {"pdf": "PDF", "xlsx": "Excel workbook", "csv": "CSV"}


def season_report(athlete_id: int, season: int | None = None) -> None:
    """Prepare and download an athlete's season report."""
    _offer(
        f"season-{athlete_id}-{season}",
        "Season report",
        lambda fmt: runtime.call(
            files.athlete_report,
            runtime.actor(),
            athlete_id,
            now=runtime.now(),
            fmt=fmt,
            season=season,
        ),
    )


def caseload_report(season: int | None = None, coach_id: int | None = None) -> None:
    """Prepare and download the caseload report (one coach's, for an admin who names one)."""
    _offer(
        f"caseload-{season}-{coach_id}",
        "Caseload report",
        lambda fmt: runtime.call(
            files.caseload_report,
            runtime.actor(),
            now=runtime.now(),
            fmt=fmt,
            season=season,
            coach_id=coach_id,
        ),
    )


def _offer(key: str, title: str, make: Callable[[files.Format], files.ReportFile | None]) -> None:
    cols = st.columns([2, 1, 2])
    fmt = cols[0].selectbox(
        f"{title} as", list(LABELS), format_func=LABELS.__getitem__, key=f"{key}-format"
    )
    if cols[1].button("Prepare", key=f"{key}-prepare", icon=":material/description:"):
        with st.spinner(f"Preparing the {title.lower()}…"):
            made = make(fmt)
        if made is not None:
            st.session_state[f"{key}-file"] = made
    made = st.session_state.get(f"{key}-file")
    if isinstance(made, files.ReportFile):
        cols[2].download_button(
            f"Download {made.filename}",
            made.content,
            file_name=made.filename,
            mime=made.media_type,
            key=f"{key}-download",
            icon=":material/download:",
        )
