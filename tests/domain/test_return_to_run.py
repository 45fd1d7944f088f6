"""The return-to-run progression after an injury or illness."""

from __future__ import annotations

from datetime import date

import pytest

from runseason.domain.return_to_run import progression


@pytest.mark.parametrize(("weeks", "steps"), [(2, 3), (3, 4), (4, 4)])
def test_the_progression_ends_back_on_the_plan_at_full_volume(weeks: int, steps: int) -> None:
    plan = progression(date(2026, 11, 2), weeks)
    assert len(plan) == steps
    assert plan[0]["volume"] == 0.25
    assert plan[-1]["volume"] == 1.0
    volumes = [float(str(step["volume"])) for step in plan]
    assert volumes == sorted(volumes)


def test_each_step_starts_a_week_after_the_last() -> None:
    starts = [step["week_start"] for step in progression(date(2026, 11, 2))]
    assert starts == ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
