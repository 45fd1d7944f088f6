"""Coach · Caseload: the whole page of athletes in words and colours, each opening by its URL."""

from __future__ import annotations

from sqlalchemy.orm import Session

from runseason.db.models import AthleteSnapshot
from runseason.schemas.groups import GroupCreate
from runseason.services import groups
from tests.factories import World, actor, make_athlete
from tests.services.coaching_days import riley_red_patch
from tests.ui.conftest import Open


def test_renders_for_a_coach(open_page: Open, world: World) -> None:
    at = open_page(world.asha, "caseload")
    assert at.title


def test_the_table_has_one_risk_column_no_ids_and_a_sparkline_with_gaps(
    open_page: Open, world: World, db: Session
) -> None:
    riley_red_patch(db, world)
    snap = db.get(AthleteSnapshot, world.riley.id)
    assert snap is not None
    snap.readiness_trend = [75, 81.2, None, None, 55]  # two days without a check-in
    db.flush()
    at = open_page(world.asha, "caseload")
    frame = at.dataframe[0].value
    assert "id" not in frame.columns
    assert [c for c in frame.columns if "risk" in c.lower()] == ["risk"]
    riley = frame[frame["athlete"] == "Riley Red"].iloc[0]
    assert list(riley["readiness 7 d"]) == [75.0, 81.2, 55.0]  # gaps left out, never "75,81.2,,,55"
    assert riley["risk"] == f"at risk · {snap.risk * 100:.0f} %"
    assert riley["readiness"].startswith(f"{snap.readiness_score:.0f} · ")


def test_every_row_of_the_page_is_shown(open_page: Open, world: World, db: Session) -> None:
    for i in range(30):
        make_athlete(db, world.north, f"Many {i:02d}", coach=world.asha)
    db.flush()
    at = open_page(world.asha, "caseload")
    assert len(at.dataframe[0].value) == 32


def test_the_athlete_page_opens_from_its_url_and_reads_the_caseloads_readiness(
    open_page: Open, world: World, db: Session
) -> None:
    riley_red_patch(db, world)
    snap = db.get(AthleteSnapshot, world.riley.id)
    assert snap is not None
    at = open_page(world.asha, "athlete")
    at.query_params["athlete"] = str(world.riley.id)
    at.run()
    assert not at.exception
    assert at.selectbox[0].value == world.riley.id
    readiness = next(m for m in at.metric if m.label == "Readiness")
    assert readiness.value == f"{snap.readiness_score:.0f}"  # the number the Caseload shows
    at.query_params["athlete"] = str(world.ramp.id)
    at.run()
    assert at.selectbox[0].value == world.ramp.id
    at.selectbox[0].set_value(world.riley.id).run()
    assert at.query_params["athlete"] == str(world.riley.id)


def test_the_athlete_picker_searches_the_whole_caseload(
    open_page: Open, world: World, db: Session
) -> None:
    for i in range(205):
        make_athlete(db, world.north, f"Aaron {i:03d}", coach=world.asha)
    zelda = make_athlete(db, world.north, "Zelda Last", coach=world.asha)
    db.flush()
    at = open_page(world.asha, "athlete")
    assert "Zelda Last" not in at.selectbox[0].options  # past the first page of names
    next(t for t in at.text_input if t.label == "Find an athlete").set_value("zelda").run()
    assert not at.exception
    assert at.selectbox[0].value == zelda.id


def test_the_caseload_narrows_to_one_training_group(
    open_page: Open, world: World, db: Session
) -> None:
    squad = groups.create_group(
        db, actor(db, world.asha), GroupCreate(name="Tempo squad", athlete_ids=[world.ramp.id])
    )
    at = open_page(world.asha, "caseload")
    assert len(at.dataframe[0].value) == 2
    group = next(s for s in at.selectbox if s.label == "Group")
    assert group.options == ["All athletes", "Tempo squad"]
    group.select(squad.id).run()
    assert not at.exception
    assert list(at.dataframe[0].value["athlete"]) == ["Ramp Rapid"]
