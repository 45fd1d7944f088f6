"""The athlete's day on the pages: marking days, adherence colours, race day, load trends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import AvailabilityException, User
from runseason.domain.dates import local_date
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.plans import GoalCreate, PlanCreate
from runseason.schemas.training import DayExceptionCreate, TrainingLogCreate
from runseason.services import day_exceptions, training
from runseason.services.identity import users
from runseason.services.plans import generation, goals
from runseason.ui import runtime
from tests.factories import World, actor
from tests.services.coaching_days import riley_red_patch
from tests.ui.pages.test_today import a_session_on

Open = Callable[[User, str | None], AppTest]


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in at.error] + [s.value for s in at.success]
    parts += [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def _frames(at: AppTest) -> str:
    return "\n".join(d.value.to_string() for d in at.dataframe)


def test_the_athlete_marks_a_sick_day_on_today(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), None)
    next(s for s in at.selectbox if s.label == "Why").set_value("sick")
    next(b for b in at.button if b.label == "Mark the days").click()
    at.run()
    assert not at.exception
    assert any("these days leave the adherence count" in s.value for s in at.success)
    marked = db.scalars(
        select(AvailabilityException).where(AvailabilityException.athlete_id == world.riley.id)
    ).all()
    assert [m.kind for m in marked] == ["sick"]


def _season(db: Session, world: World) -> None:
    """Greta: a VDOT, a half-marathon goal and plan from three weeks ago, a session today and the
    last eleven days marked sick."""
    coach = actor(db, world.cole)
    now = runtime.now()
    today = local_date(now, world.greta.timezone)  # Oslo's day, a day ahead of UTC's at night
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(vdot=46))
    start = now - timedelta(days=20)
    goal = goals.create_goal(
        db,
        coach,
        world.greta.id,
        GoalCreate(
            name="Autumn half",
            distance_m=21_097.5,
            race_date=today + timedelta(weeks=12),
            target_time_s=2 * 3600,
        ),
        now=start,
    )
    built = generation.generate_plan(
        db, coach, world.greta.id, PlanCreate(goal_id=goal.id), now=start
    )
    a_session_on(db, coach, built, today)
    for back in (19, 17, 15):
        data = TrainingLogCreate(local_date=today - timedelta(days=back), duration_s=2400, rpe=5)
        training.log_session(db, coach, world.greta.id, data, now=now)
    sick = DayExceptionCreate(
        # Through today: this week's calendar shows today's session excused on any weekday.
        kind="sick",
        start_date=today - timedelta(days=10),
        end_date=today,
    )
    day_exceptions.mark_days(db, coach, world.greta.id, sick, now=now)


def test_the_coach_reads_adherence_race_day_and_marked_days(
    open_page: Open, world: World, db: Session
) -> None:
    _season(db, world)
    at = open_page(world.cole, "athlete")
    text, frames = _texts(at), _frames(at)
    assert "Week of" in text
    assert "excused: sick" in frames
    assert "🟢" in frames or "🔴" in frames
    assert "Autumn half" in text
    assert "Fitness on race day" in text
    assert "On track" in text
    assert "Sick" in text
    assert "excused (sick)" in frames
    assert "Fitness ramp (7 days)" in text
    assert "Strain (7 days)" in text
    assert "ACWR, uncoupled" in text


def test_the_coach_removes_marked_days(open_page: Open, world: World, db: Session) -> None:
    _season(db, world)
    at = open_page(world.cole, "athlete")
    next(b for b in at.button if b.label == "Remove").click()
    at.run()
    assert not at.exception
    left = db.scalars(
        select(AvailabilityException).where(AvailabilityException.athlete_id == world.greta.id)
    ).all()
    assert left == []


def test_progress_shows_the_plan_projected_to_race_day(
    open_page: Open, world: World, db: Session
) -> None:
    _season(db, world)
    at = open_page(world.user_of(world.greta, db), "progress")
    text = _texts(at)
    assert "Autumn half" in text
    assert "Predicted" in text
    assert "On track" in text


def test_progress_says_what_the_projection_needs(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.user_of(world.riley, db), "progress")
    assert "needs an active plan" in _texts(at)


def test_the_athlete_page_tells_the_whole_story_in_words(
    open_page: Open, world: World, db: Session
) -> None:
    riley_red_patch(db, world)
    at = open_page(world.asha, "athlete")
    next(s for s in at.selectbox if s.label == "Athlete").set_value(world.riley.id)
    at.run()
    story = "\n".join(m.value for m in at.markdown)
    assert "**Check-in**: readiness" in story
    assert "**Recommendation**: " in story
    assert "**Intervention opened**: " in story
    assert "intervention_opened" not in story
    next(m for m in at.multiselect if m.label == "Show").set_value(["checkin"])
    at.run()
    assert not at.exception
    story = "\n".join(m.value for m in at.markdown if "`" in m.value)
    assert story.count("**Check-in**") == 3
    assert "**Intervention" not in story
    assert any("3 events · page 1 of 1" in c.value for c in at.caption)
