"""Coach · Command Center: this morning's queue, athlete by athlete, and acting on it."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import (
    Athlete,
    AthleteSnapshot,
    DailyMetric,
    Intervention,
    PlannedSession,
)
from runseason.domain.risk import bucket_of
from runseason.ui import runtime
from tests.factories import NOW, World, make_athlete
from tests.services.coaching_days import BAD, check_in, plan_today, riley_red_patch
from tests.ui.conftest import Open, button_of, text_of


def _labels(at: AppTest) -> list[str]:
    return [str(e.label) for e in at.expander]


def _calm_athlete_with_old_items(db: Session, world: World) -> None:
    """Stable today (12 %), with two items that opened weeks ago at 81 %."""
    calm = make_athlete(db, world.north, "Calm Now", coach=world.asha)
    db.add(
        AthleteSnapshot(
            athlete_id=calm.id,
            organization_id=world.north.id,
            as_of=NOW.date(),
            risk=0.12,
            risk_bucket="stable",
        )
    )
    for cause in ("load", "silence"):
        db.add(
            Intervention(
                organization_id=world.north.id,
                athlete_id=calm.id,
                cause=cause,
                title=f"Old {cause} item",
                risk=0.81,
                severity=0.81,
                evidence=[],
                opened_at=NOW - timedelta(days=20),
                last_evidence_at=NOW - timedelta(days=20),
            )
        )
    db.flush()


def test_renders_for_a_coach(open_page: Open, world: World) -> None:
    at = open_page(world.asha, "command_center")
    assert at.title


def test_one_row_per_athlete_with_one_current_risk_highest_first(
    open_page: Open, world: World, db: Session
) -> None:
    riley_red_patch(db, world)  # at risk today with pain: two items (pain, risk)
    _calm_athlete_with_old_items(db, world)
    at = open_page(world.asha, "command_center")
    labels = _labels(at)
    assert len([x for x in labels if "Riley Red" in x]) == 1  # grouped: once, with its items
    assert len([x for x in labels if "Calm Now" in x]) == 1
    assert labels.index(next(x for x in labels if "Riley Red" in x)) < labels.index(
        next(x for x in labels if "Calm Now" in x)
    )  # at risk with pain above a stable athlete whose old items opened at 81 %
    calm = next(x for x in labels if "Calm Now" in x)
    assert re.findall(r"\d+ %", calm) == ["12 %"]  # one risk, today's
    assert "2 items" in calm
    snap = db.get(AthleteSnapshot, world.riley.id)
    assert snap is not None
    riley = next(x for x in labels if "Riley Red" in x)
    assert re.findall(r"\d+ %", riley) == [f"{snap.risk * 100:.0f} %"]
    shown = text_of(at)
    assert not re.search(r"Risk \d+ %", shown)  # no second risk in a title
    assert re.search(r"opened \d+ days ago at 81 %", shown)  # the old risk is history


def test_each_athlete_shows_the_history_behind_todays_risk(
    open_page: Open, world: World, db: Session
) -> None:
    _calm_athlete_with_old_items(db, world)
    calm = db.scalar(select(Athlete).where(Athlete.display_name == "Calm Now"))
    assert calm is not None
    today = runtime.now().date()
    for back, risk in ((2, 0.81), (1, 0.45), (0, 0.12)):
        db.add(
            DailyMetric(
                organization_id=world.north.id,
                athlete_id=calm.id,
                day=today - timedelta(days=back),
                risk=risk,
                risk_bucket=bucket_of(risk),
            )
        )
    db.flush()
    at = open_page(world.asha, "command_center")
    days = [f"{today - timedelta(days=back):%a}" for back in (2, 1, 0)]
    expected = f"Risk, day by day: {days[0]} 81 % · {days[1]} 45 % · {days[2]} 12 %"
    assert expected in [c.value for c in at.caption]


def test_the_header_counts_the_rows_shown(open_page: Open, world: World, db: Session) -> None:
    riley_red_patch(db, world)
    _calm_athlete_with_old_items(db, world)
    at = open_page(world.asha, "command_center")
    metrics = {str(m.label): int(m.value) for m in at.metric}
    athletes = len(at.expander)
    assert metrics["Athletes"] == athletes >= 2
    buckets = sum(v for k, v in metrics.items() if k.endswith(("at risk", "watch", "stable")))
    assert buckets == athletes
    assert metrics["Overdue"] >= 2  # Calm Now's two items, 20 days old


def test_the_coach_acknowledges_an_intervention(open_page: Open, world: World, db: Session) -> None:
    riley_red_patch(db, world)
    at = open_page(world.asha, "command_center")
    assert any("Riley Red" in str(e.label) for e in at.expander)
    button_of(at, "Acknowledge").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    acknowledged = db.scalars(
        select(Intervention).where(
            Intervention.athlete_id == world.riley.id, Intervention.acknowledged_at.is_not(None)
        )
    ).all()
    assert acknowledged


def _riley_two_red_days(db: Session, world: World) -> PlannedSession:
    """Two red days without pain: a swap to a recovery run is proposed for her intervals."""
    planned = plan_today(db, world, world.riley)
    check_in(db, world, world.riley, 1, **BAD)
    check_in(db, world, world.riley, 0, **BAD)
    return planned


def test_apply_shows_the_state_and_undo_puts_the_plan_back(
    open_page: Open, world: World, db: Session
) -> None:
    planned = _riley_two_red_days(db, world)
    at = open_page(world.asha, "command_center")
    assert "Proposed plan change:" in text_of(at)
    proposed = at.dataframe[0].value
    assert list(proposed["after"]) == ["Recovery run · 30:00"]
    assert "session" not in proposed.columns  # days, not session ids
    button_of(at, "Apply").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any(s.value.startswith("Applied on ") for s in at.success)
    db.refresh(planned)
    assert planned.title == "Recovery run"
    assert not any(b.label == "Apply" for b in at.button)
    button_of(at, "Undo").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    db.refresh(planned)
    assert (planned.title, planned.status) == ("Intervals", "planned")
    assert any(b.label == "Apply" for b in at.button)
    assert not any(s.value.startswith("Applied on ") for s in at.success)


def test_dismiss_shows_the_state_and_can_be_undone(
    open_page: Open, world: World, db: Session
) -> None:
    _riley_two_red_days(db, world)
    at = open_page(world.asha, "command_center")
    button_of(at, "Dismiss").click()  # type: ignore[attr-defined]
    at.run()
    assert any(s.value.startswith("Dismissed on ") for s in at.success)
    button_of(at, "Undo").click()  # type: ignore[attr-defined]
    at.run()
    assert any(b.label == "Dismiss" for b in at.button)
    cancelled = select(PlannedSession).where(PlannedSession.status == "cancelled")
    assert db.scalars(cancelled).all() == []


def test_no_all_clear_under_an_alert(open_page: Open, world: World, db: Session) -> None:
    riley_red_patch(db, world)
    _calm_athlete_with_old_items(db, world)
    at = open_page(world.asha, "command_center")
    shown = text_of(at)
    assert "All clear" not in shown
    assert "Progress as planned" not in shown
