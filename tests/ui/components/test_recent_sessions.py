"""The athlete's newest sessions on the Athlete page: each link opens that session in depth."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.services.activity_import import import_activity
from runseason.ui import runtime
from runseason.ui.components.recent_sessions import activity_url
from tests.factories import NOW, World, actor, make_athlete
from tests.parsers.conftest import read
from tests.ui.conftest import APP, Open, page_path, text_of


def test_a_sessions_link_opens_that_session_for_that_athlete(world: World, db: Session) -> None:
    fit_day = datetime(2017, 6, 12, 12, tzinfo=NOW.tzinfo)
    content = read("activity-small-fenix2-run.fit")
    coach = actor(db, world.cole)
    log = import_activity(db, coach, world.greta.id, "run.fit", content, now=fit_day)
    db.flush()
    url = activity_url(world.greta.id, log.id)
    page, query = url.split("?")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[runtime.TEST_USER_KEY] = world.cole.id
    at.run()
    at.switch_page(page_path(page))
    for pair in query.split("&"):
        name, value = pair.split("=")
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    pickers = {s.label: s.value for s in at.selectbox}
    assert (pickers["Athlete"], pickers["Session"]) == (world.greta.id, log.id)
    assert "Splits per kilometre" in text_of(at)


def test_an_athlete_without_sessions_has_none_listed(
    open_page: Open, world: World, db: Session
) -> None:
    newcomer = make_athlete(db, world.north, "Nora New", coach=world.asha)
    at = open_page(world.asha, "athlete")
    at.query_params["athlete"] = str(newcomer.id)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "No sessions logged yet." in text_of(at)
    assert not [d for d in at.dataframe if "In depth" in d.value.columns]
