"""Athlete · Today: the morning check-in and the briefing."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import CheckIn, SessionTemplate
from runseason.db.types import utcnow
from runseason.domain.dates import local_date
from runseason.schemas.plans import GoalCreate, PlanCreate, PlanRead, SessionAdd
from runseason.services.identity.access import Actor
from runseason.services.plans import editing, generation, goals
from runseason.ui import wording
from runseason.ui.runtime import plain
from tests.factories import World, actor
from tests.services.test_briefing import VO2, fit
from tests.ui.conftest import Open, text_of


def test_athlete_checks_in_and_gets_a_briefing(open_page: Open, world: World, db: Session) -> None:
    riley = world.user_of(world.riley, db)
    at = open_page(riley, None)
    assert "Today" in text_of(at)
    assert "Your session" in text_of(at)
    answer(at, sleep_quality=2, energy=2)
    check_in(at)
    stored = db.scalar(select(CheckIn).where(CheckIn.athlete_id == world.riley.id))
    assert stored is not None
    assert stored.sleep_quality == 2
    assert "Readiness" in text_of(at)


SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def plan_vo2max_today(db: Session, world: World, unit: str = "km") -> None:
    """Greta's VO2max session on the page's own today (the page reads the real clock)."""
    from tests.services.test_briefing import plan_today  # noqa: PLC0415

    fit(db, world.greta, unit)
    planned = plan_today(db, world.greta, VO2)
    planned.scheduled_date = local_date(utcnow(), world.greta.timezone)
    db.flush()


def answer(at: AppTest, **items: int) -> AppTest:
    """Tap an answer on each named wellness item."""
    for item, value in items.items():
        at.segmented_control(key=f"checkin-{item}").set_value(value)
    return at


def check_in(at: AppTest) -> AppTest:
    """Submit the form as it stands."""
    next(b for b in at.button if b.label == "Save check-in").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_briefing_reads_as_words_with_paces_and_heart_rates(
    open_page: Open, world: World, db: Session
) -> None:
    plan_vo2max_today(db, world)
    at = open_page(world.user_of(world.greta, db), None)
    text = text_of(at)
    assert "Your session: VO2max intervals 5 × 3 min" in text
    assert re.search(r"\*\*Pace:\*\* \d:\d\d–\d:\d\d /km \(interval pace\)", text)
    assert re.search(r"\*\*Heart rate:\*\* 169–175 bpm", text)
    assert "**Main set:** 5 × 3 min at interval pace, 2:30 easy jog between" in text
    assert SNAKE.search(text) is None, SNAKE.findall(text)


def test_an_amber_morning_shows_the_reduced_session_under_its_own_name(
    open_page: Open, world: World, db: Session
) -> None:
    plan_vo2max_today(db, world, "mi")
    page = open_page(world.user_of(world.greta, db), None)
    at = check_in(answer(page, sleep_quality=3, energy=3, recovery=3, stress=3))  # amber
    text = text_of(at)
    assert "Your session: Cruise intervals 4 × 3 min" in text
    assert "(reduced)" not in text
    assert "Readiness is amber" in text
    assert re.search(r"\*\*Pace:\*\* \d:\d\d–\d:\d\d /mi \(threshold pace\)", text)
    assert "156–168 bpm" in text
    assert SNAKE.search(text) is None, SNAKE.findall(text)


def test_untouched_answers_are_stored_as_not_given_and_not_flagged(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.user_of(world.greta, db), None)
    assert all(c.value is None for c in at.segmented_control), "nothing is picked for the athlete"
    text = text_of(check_in(answer(at, sleep_quality=4)))
    stored = db.scalar(select(CheckIn).where(CheckIn.athlete_id == world.greta.id))
    assert stored is not None
    assert stored.sleep_quality == 4
    optional = (
        "energy",
        "recovery",
        "stress",
        "mood",
        "sleep_hours",
        "resting_hr",
        "hrv_rmssd",
        "pain_severity",
        "pain_location",
        "pain_alters_gait",
        "fever",
        "temperature_c",
        "dew_point_c",
        "altitude_m",
        "note",
    )
    assert {name: getattr(stored, name) for name in optional} == dict.fromkeys(optional)
    assert "stress" not in text.lower()


def test_a_check_in_with_nothing_answered_is_refused_in_words(
    open_page: Open, world: World, db: Session
) -> None:
    text = text_of(check_in(open_page(world.user_of(world.greta, db), None)))
    assert "answer at least one of sleep quality" in text
    assert db.scalar(select(CheckIn).where(CheckIn.athlete_id == world.greta.id)) is None


def test_weather_in_fahrenheit_is_stored_in_celsius_and_slows_the_paces(
    open_page: Open, world: World, db: Session
) -> None:
    plan_vo2max_today(db, world, "mi")
    at = open_page(world.user_of(world.greta, db), None)
    inputs = {n.label: n for n in at.number_input}
    inputs["Temperature where you run (°F)"].set_value(86.0)
    inputs["Dew point (°F)"].set_value(71.6)
    text = text_of(check_in(answer(at, energy=4)))
    stored = db.scalar(select(CheckIn).where(CheckIn.athlete_id == world.greta.id))
    assert stored is not None
    assert (round(stored.temperature_c or 0, 1), round(stored.dew_point_c or 0, 1)) == (30.0, 22.0)
    assert "Heat (86 °F with a dew point of 72 °F): paces 5.7% slower." in text


def test_a_dew_point_above_the_temperature_is_refused_on_the_page(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.user_of(world.greta, db), None)
    inputs = {n.label: n for n in at.number_input}
    inputs["Temperature where you run (°C)"].set_value(20.0)
    inputs["Dew point (°C)"].set_value(25.0)
    text = text_of(check_in(answer(at, energy=4)))
    assert "dew point cannot be above the temperature" in text
    assert db.scalar(select(CheckIn).where(CheckIn.athlete_id == world.greta.id)) is None


def test_the_check_in_comes_before_the_briefing(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.ramp, db), "today")
    headings = [s.value for s in at.subheader]
    check_in = next(i for i, h in enumerate(headings) if "heck-in" in h)
    session = next(i for i, h in enumerate(headings) if h.startswith("Your session"))
    assert check_in < session, headings


def test_this_week_shows_as_cards_with_today_s_session(
    open_page: Open, world: World, db: Session
) -> None:
    from tests.services.test_briefing import fit  # noqa: PLC0415

    fit(db, world.greta)
    coach = actor(db, world.cole)
    today = local_date(utcnow(), world.greta.timezone)
    race = GoalCreate(name="Spring 10K", distance_m=10_000, race_date=today + timedelta(weeks=12))
    goal = goals.create_goal(db, coach, world.greta.id, race, now=utcnow())
    plan = PlanCreate(goal_id=goal.id, start_date=today)
    built = generation.generate_plan(db, coach, world.greta.id, plan, now=utcnow())
    db.flush()
    at = open_page(world.user_of(world.greta, db), None)
    headings = [s.value for s in at.subheader]
    assert "This week · week 1" in headings, headings
    cards = [m.value for m in at.markdown if m.value.startswith("**") and " · " in m.value]
    # Titles as the page writes them: plain text ("Easy 30 min \\+ 10 strides").
    shown = {f"**{wording.day(s.scheduled_date)}** · {plain(s.title)}" for s in built.sessions}
    assert cards
    assert set(cards) <= shown


def a_session_on(db: Session, coach: Actor, built: PlanRead, day: date) -> None:
    """An easy session on ``day`` in the plan, unless the plan already runs that day."""
    if any(s.scheduled_date == day and s.category != "rest" for s in built.sessions):
        return
    easy = db.scalars(
        select(SessionTemplate).where(
            SessionTemplate.organization_id.is_(None), SessionTemplate.category == "easy"
        )
    ).first()
    assert easy is not None
    added = SessionAdd(scheduled_date=day, template_id=easy.id)
    editing.add_session(db, coach, built.id, added, now=utcnow())


def test_the_athlete_writes_to_the_coach_under_today_s_session(
    open_page: Open, world: World, db: Session
) -> None:
    coach = actor(db, world.cole)
    today = local_date(utcnow(), world.greta.timezone)
    request = PlanCreate(
        race_distance_m=10_000,
        race_date=today + timedelta(weeks=12),
        start_date=today,
        available_weekdays=list(range(7)),
    )
    built = generation.generate_plan(db, coach, world.greta.id, request, now=utcnow())
    a_session_on(db, coach, built, today)
    db.flush()
    at = open_page(world.user_of(world.greta, db), None)
    assert "**Talk to your coach about this session**" in text_of(at)
    next(t for t in at.text_area if t.label == "Message to your coach").set_value("Legs heavy")
    next(b for b in at.button if b.label == "Send").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Legs heavy" in [m.value for m in at.markdown]
    assert "**You** · " in text_of(at)
