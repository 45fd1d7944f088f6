"""A session's thread on the pages: the athlete writes under a session on My plan, the coach
reads it under the same session on the Athlete page and answers; typed text shows as written."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.types import utcnow
from runseason.schemas.comments import CommentCreate
from runseason.schemas.plans import PlanCreate
from runseason.services import comments
from runseason.services.plans import generation
from runseason.ui import runtime
from tests.factories import World, actor
from tests.ui.conftest import APP, Open, button_of, page_path, text_of


def greta_plan(db: Session, world: World) -> int:
    now = utcnow()
    data = PlanCreate(race_distance_m=10_000, race_date=now.date() + timedelta(weeks=12))
    plan = generation.generate_plan(db, actor(db, world.cole), world.greta.id, data, now=now)
    db.flush()
    return plan.id


def send(at: AppTest, prompt: str, text: str) -> None:
    next(t for t in at.text_area if t.label == prompt).set_value(text)
    button_of(at, "Send").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.message for e in at.exception]


def coach_page(world: World) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[runtime.TEST_USER_KEY] = world.cole.id
    at.session_state["athlete_id"] = world.greta.id
    at.run()
    at.switch_page(page_path("athlete"))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_athlete_writes_under_a_session_and_the_coach_answers(
    open_page: Open, world: World, db: Session
) -> None:
    greta_plan(db, world)
    at = open_page(world.user_of(world.greta, db), "my_plan")
    assert "No messages about this session yet." in text_of(at)
    send(at, "Message to your coach", "Legs heavy on the last rep")
    assert "Legs heavy on the last rep" in text_of(at)
    assert "**You** · " in text_of(at)

    coach = coach_page(world)
    picker = next(s for s in coach.selectbox if s.label == "Session to talk about")
    assert picker.format_func(picker.value).endswith(" · 1 message")
    greta_name = world.user_of(world.greta, db).full_name
    assert "Legs heavy on the last rep" in text_of(coach)
    assert f"**{runtime.plain(greta_name)} (athlete)**" in text_of(coach)
    send(coach, "Reply", "Good. Keep the reps at 4:05 next week")
    assert runtime.plain("Good. Keep the reps at 4:05 next week") in text_of(coach)

    at.run()
    assert f"{runtime.plain(world.cole.full_name)} (coach)" in text_of(at)


def test_typed_markdown_shows_as_written_and_an_empty_message_is_refused(
    open_page: Open, world: World, db: Session
) -> None:
    greta_plan(db, world)
    at = open_page(world.user_of(world.greta, db), "my_plan")
    send(at, "Message to your coach", "   ")
    assert "Message:" in text_of(at)
    payload = "![pixel](https://evil.example/p.png) **loud**"
    send(at, "Message to your coach", payload)
    shown = [m.value for m in at.markdown if "pixel" in m.value]
    assert shown == [runtime.plain(payload)]


def test_the_author_removes_their_message(open_page: Open, world: World, db: Session) -> None:
    plan_id = greta_plan(db, world)
    plan = generation.get_plan(db, actor(db, world.cole), plan_id)
    greta = actor(db, world.user_of(world.greta, db))
    for s in plan.sessions:
        comments.add_session_comment(db, greta, s.id, CommentCreate(body="Too fast"), now=utcnow())
    db.flush()
    at = open_page(world.user_of(world.greta, db), "my_plan")
    assert "Too fast" in text_of(at)
    button_of(at, "Remove").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert "No messages about this session yet." in text_of(at)
