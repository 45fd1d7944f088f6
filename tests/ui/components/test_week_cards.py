"""This week's cards: each status has its mark and words (no status key shown)."""

from __future__ import annotations

from runseason.ui.components.week_cards import MARKS


def test_every_session_status_reads_in_words() -> None:
    for status in ("completed", "partial", "missed", "skipped", "cancelled", "planned"):
        assert "_" not in MARKS[status].split("]")[-1]
        assert MARKS[status].split("] ")[-1].strip()
