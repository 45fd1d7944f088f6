"""Titles and names a person typed (or an imported export brought) show as written: a Markdown
image, a link or HTML in a template, plan, session, suggestion or recommendation title is text."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import Recommendation, SessionTemplate, TrainingPlan
from runseason.db.types import utcnow
from runseason.domain.dates import local_date
from runseason.schemas.plans import GoalCreate, PlanCreate
from runseason.services.plans import generation, goals, library
from runseason.ui import runtime
from tests.factories import NOW, World, actor
from tests.services.coaching_days import BAD, check_in, plan_today
from tests.ui.conftest import Open
from tests.ui.test_suggestion import _suggest

HOSTILE = '![pixel](https://evil.example/p.png) <img src="x" onerror="alert(1)"> **loud**'
SHOWN = runtime.plain(HOSTILE)
# Markup that would take effect: an image, a link's bracket or a tag not behind a backslash.
UNESCAPED = re.compile(r"(?<!\\)(!\[|\]\(|<img)")


def _shown_text(at: AppTest) -> list[str]:
    """Every piece of text the page renders as Markdown, labels of its expanders included."""
    parts = [m.value for m in at.markdown] + [s.value for s in at.subheader]
    parts += [i.value for i in at.info] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [s.value for s in at.success]
    parts += [e.label for e in at.expander]
    return [str(p) for p in parts]


def _assert_literal(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    hits = [p for p in _shown_text(at) if "pixel" in p]
    assert hits, "the hostile title is not on the page"
    for text in hits:
        assert SHOWN in text
        assert not UNESCAPED.search(text), text


def test_a_template_name_in_the_library_is_text(open_page: Open, world: World, db: Session) -> None:
    library.sync_builtin_library(db)
    first = db.scalars(select(SessionTemplate).order_by(SessionTemplate.id)).first()
    assert first is not None
    copy = library.clone_template(db, actor(db, world.asha), first.id)
    row = db.get(SessionTemplate, copy.id)
    assert row is not None
    row.name, row.purpose = HOSTILE, HOSTILE
    db.flush()
    at = open_page(world.asha, "library")
    at.text_input[0].set_value("pixel")  # the search box
    at.run()
    _assert_literal(at)


def test_a_session_title_on_today_is_text(open_page: Open, world: World, db: Session) -> None:
    planned = plan_today(db, world, world.greta)
    planned.scheduled_date = local_date(utcnow(), world.greta.timezone)
    planned.title = HOSTILE
    db.flush()
    _assert_literal(open_page(world.user_of(world.greta, db), None))  # briefing, week cards


def test_a_plan_name_on_my_plan_is_text(open_page: Open, world: World, db: Session) -> None:
    cole = actor(db, world.cole)
    race = NOW.date() + timedelta(weeks=12)
    goal = goals.create_goal(
        db,
        cole,
        world.greta.id,
        GoalCreate(name=HOSTILE, distance_m=10000, race_date=race),
        now=NOW,
    )
    plan = generation.generate_plan(db, cole, world.greta.id, PlanCreate(goal_id=goal.id), now=NOW)
    stored = db.get(TrainingPlan, plan.id)
    assert stored is not None
    stored.name = HOSTILE
    db.flush()
    _assert_literal(open_page(world.user_of(world.greta, db), "my_plan"))


def test_a_suggestion_title_on_today_is_text(open_page: Open, world: World, db: Session) -> None:
    rec = _suggest(db, world)
    rec.title, rec.rationale = HOSTILE, HOSTILE
    db.flush()
    _assert_literal(open_page(world.user_of(world.greta, db), None))


def test_a_recommendation_title_in_the_command_center_is_text(
    open_page: Open, world: World, db: Session
) -> None:
    plan_today(db, world, world.riley)
    check_in(db, world, world.riley, 1, **BAD)
    check_in(db, world, world.riley, 0, **BAD)
    for rec in db.scalars(
        select(Recommendation).where(Recommendation.athlete_id == world.riley.id)
    ):
        rec.title = HOSTILE
    db.flush()
    _assert_literal(open_page(world.asha, "command_center"))
