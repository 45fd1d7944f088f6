"""Coach · Analytics: the organization week by week, with the counts behind each chart."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from runseason.schemas.groups import GroupCreate
from runseason.services import groups
from tests.factories import World, actor
from tests.services.coaching_days import riley_red_patch
from tests.ui.conftest import Open, text_of


def _y_titles(at: object) -> list[str]:
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]  # type: ignore[attr-defined]
    titles = []
    for spec in specs:
        layers = spec.get("layer", [spec])
        titles += [
            str(layer["encoding"]["y"].get("title", layer["encoding"]["y"]["field"]))
            for layer in layers
        ]
    return titles


def test_a_coach_sees_readiness_and_risk_by_week_in_red_amber_green(
    open_page: Open, world: World, db: Session
) -> None:
    riley_red_patch(db, world)
    at = open_page(world.asha, "analytics")
    assert not at.exception
    assert "Share of athlete-days" in _y_titles(at)
    text = text_of(at)
    assert "Readiness" in text
    assert "The counts behind readiness" in [e.label for e in at.expander]
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    colours = [
        s["encoding"]["color"]["scale"]["range"] for s in specs if "color" in s.get("encoding", {})
    ]
    assert ["#2e7d32", "#f9a825", "#c62828"] in colours
    counts = next(d.value for d in at.dataframe if "Red" in list(d.value.columns))
    assert int(counts["Red"].sum()) >= 1


def test_an_admin_narrows_to_one_coach(open_page: Open, world: World, db: Session) -> None:
    riley_red_patch(db, world)
    at = open_page(world.ada, "analytics")
    coach = next(s for s in at.selectbox if s.label == "Coach")
    coach.select(world.cole.id).run()
    assert not at.exception
    assert "No days recorded in these weeks." in text_of(at)  # Riley is Asha's athlete


def test_a_coach_narrows_to_one_group(open_page: Open, world: World, db: Session) -> None:
    riley_red_patch(db, world)
    squad = groups.create_group(
        db, actor(db, world.asha), GroupCreate(name="Quiet squad", athlete_ids=[world.ramp.id])
    )
    at = open_page(world.asha, "analytics")
    assert any("Red" in list(d.value.columns) for d in at.dataframe)
    group = next(s for s in at.selectbox if s.label == "Group")
    assert group.options == ["All athletes", "Quiet squad"]
    group.select(squad.id).run()
    assert not at.exception
    text = text_of(at)
    assert "Counting the athletes of Quiet squad that you see (1 today)" in text
    assert not any("Red" in list(d.value.columns) for d in at.dataframe)  # Riley's red days
