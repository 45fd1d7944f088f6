"""Planned versus done."""

from __future__ import annotations

import pytest

from runseason.domain.adherence import adherence_rate, session_compliance


@pytest.mark.parametrize(
    ("planned", "done", "status"),
    [
        ((3600, 10000), (3500, 9800), "completed"),
        ((3600, 10000), (1800, 5000), "partial"),
        ((3600, 10000), (5000, 15000), "exceeded"),
        ((3600, None), (3000, None), "completed"),
        ((3600, 10000), (None, None), "missed"),
        ((None, None), (3000, 8000), "unplanned"),
    ],
)
def test_session_compliance(planned: tuple, done: tuple, status: str) -> None:
    assert session_compliance(*planned, *done).status == status


def test_adherence_rate_counts_partial_as_half() -> None:
    assert adherence_rate(["completed", "partial", "missed", "unplanned"]) == pytest.approx(0.5)
    assert adherence_rate(["unplanned"]) is None
