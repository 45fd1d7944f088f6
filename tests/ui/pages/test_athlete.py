"""Coach · Athlete: the case, its tasks and health cases."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.types import utcnow
from runseason.schemas.checkins import CheckInCreate
from runseason.services import checkins
from runseason.services.activity_import import import_activity
from runseason.ui import runtime
from tests.factories import NOW, World, actor
from tests.parsers.conftest import read
from tests.ui.conftest import APP, Open, button_of, page_path, text_of


def test_renders_for_a_coach(open_page: Open, world: World) -> None:
    at = open_page(world.asha, "athlete")
    assert at.title


def test_the_coach_adds_a_task_and_opens_an_injury_case(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "athlete")
    next(t for t in at.text_input if t.label == "New task (for you)").set_value(
        "Call about the knee"
    )
    button_of(at, "Add task").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any(m.value.startswith("Call about the knee") for m in at.markdown)
    next(t for t in at.text_input if t.label == "Where (injuries)").set_value("left knee")
    button_of(at, "Open a case").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("injury" in m.value and "left knee" in m.value for m in at.markdown)


def test_the_coach_reads_the_check_in_note_in_the_history_and_the_timeline(
    world: World, db: Session
) -> None:
    riley = world.user_of(world.riley, db)
    answers = CheckInCreate(energy=2, note="Legs a bit heavy after Sunday's long run.")
    checkins.submit_checkin(db, actor(db, riley), world.riley.id, answers, now=utcnow())
    db.flush()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[runtime.TEST_USER_KEY] = world.asha.id
    at.session_state["athlete_id"] = world.riley.id
    at.run()
    at.switch_page(page_path("athlete"))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    history = next(d.value for d in at.dataframe if "energy" in d.value.columns)
    assert history["energy"].tolist() == ["2/5"]
    assert history["note"].tolist() == ["Legs a bit heavy after Sunday's long run."]
    assert "Legs a bit heavy" in text_of(at).split("Latest note", 1)[1]
    timeline_words = runtime.plain('"Legs a bit heavy after Sunday')  # typed text, as written
    assert any(timeline_words in m.value for m in at.markdown)  # the timeline


def test_a_note_with_markdown_is_shown_as_written(open_page: Open, world: World) -> None:
    at = open_page(world.cole, "athlete")
    payload = "![pixel](https://evil.example/p.png) **loud**"
    next(t for t in at.text_area if t.label.startswith("New note")).set_value(payload)
    button_of(at, "Add note").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    shown = [m.value for m in at.markdown if "pixel" in m.value]
    escaped = "\\!\\[pixel\\]\\(https\\:\\/\\/evil\\.example\\/p\\.png\\) \\*\\*loud\\*\\*"
    assert escaped in shown  # the note itself
    assert len(shown) == 2  # and its entry on the timeline
    assert all("![" not in m and "**loud" not in m for m in shown)


def test_the_sessions_tab_opens_the_athletes_sessions_on_the_activity_page(
    world: World, db: Session
) -> None:
    fit_day = datetime(2017, 6, 12, 12, tzinfo=NOW.tzinfo)
    content = read("activity-small-fenix2-run.fit")
    coach = actor(db, world.cole)
    log = import_activity(db, coach, world.greta.id, "run.fit", content, now=fit_day)
    db.flush()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[runtime.TEST_USER_KEY] = world.cole.id
    at.run()
    at.switch_page(page_path("athlete"))
    at.query_params["athlete"] = str(world.greta.id)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    (link,) = [p.proto for p in at.get("page_link") if "Activity page" in p.proto.label]
    assert (link.page, link.query_string) == ("activity", f"athlete={world.greta.id}")
    sessions = next(d.value for d in at.dataframe if "In depth" in d.value.columns)
    run = sessions[sessions["Day"] == "Sat 15 Aug 2015"].iloc[0]
    assert (run["Distance"], run["Time"], run["From"]) == ("9.01 km", "47:12", "FIT file")
    assert run["In depth"] == f"activity?athlete={world.greta.id}&activity={log.id}"
