"""Session comment threads: the athlete and their coaches talk about one session; nobody else
sees the thread, and only its author changes or removes a message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, SessionComment
from runseason.errors import NotFound, PermissionDenied
from runseason.schemas.comments import CommentCreate, CommentUpdate
from runseason.schemas.plans import PlanCreate
from runseason.schemas.training import TrainingLogCreate
from runseason.services import comments, training
from runseason.services.paging import ListWindow
from runseason.services.plans import generation
from tests.factories import NOW, World, actor


def greta_session(db: Session, world: World) -> int:
    data = PlanCreate(race_distance_m=10000, race_date=NOW.date() + timedelta(weeks=12))
    plan = generation.generate_plan(db, actor(db, world.cole), world.greta.id, data, now=NOW)
    first = db.scalars(select(PlannedSession.id).where(PlannedSession.plan_id == plan.id)).first()
    assert first is not None
    return first


def say(text: str) -> CommentCreate:
    return CommentCreate(body=text)


def test_the_athlete_writes_and_the_coach_answers_in_one_thread_oldest_first(
    db: Session, world: World
) -> None:
    greta_user = world.user_of(world.greta, db)
    greta_user.timezone = "Europe/Oslo"
    world.cole.timezone = "America/New_York"
    db.flush()
    greta, cole = actor(db, greta_user), actor(db, world.cole)
    planned = greta_session(db, world)
    first = comments.add_session_comment(
        db, greta, planned, say("Legs heavy on the last rep"), now=NOW
    )
    comments.add_session_comment(
        db,
        cole,
        planned,
        say("Good. Keep the reps at 4:05 next week"),
        now=NOW + timedelta(hours=2),
    )

    seen_by_coach = comments.list_session_comments(db, cole, planned)
    assert seen_by_coach.total == 2
    assert [(c.author_name, c.author_role, c.mine) for c in seen_by_coach.items] == [
        (greta_user.full_name, "athlete", False),
        (world.cole.full_name, "coach", True),
    ]
    assert seen_by_coach.items[0].body == "Legs heavy on the last rep"
    # 07:30 UTC is 02:30 in New York for the coach, 08:30 in Oslo for the athlete.
    assert seen_by_coach.items[0].created_local.hour == 2
    seen_by_athlete = comments.list_session_comments(db, greta, planned)
    assert seen_by_athlete.items[0].created_local.hour == 8
    assert seen_by_athlete.items[0].id == first.id
    assert seen_by_athlete.items[0].mine


def test_the_thread_pages_with_a_total(db: Session, world: World) -> None:
    cole = actor(db, world.cole)
    planned = greta_session(db, world)
    for n in range(5):
        comments.add_session_comment(
            db, cole, planned, say(f"note {n}"), now=NOW + timedelta(minutes=n)
        )
    page = comments.list_session_comments(db, cole, planned, ListWindow(page=2, page_size=2))
    assert page.total == 5
    assert [c.body for c in page.items] == ["note 2", "note 3"]


def test_an_admin_may_write_and_answers_as_the_coach(db: Session, world: World) -> None:
    planned = greta_session(db, world)
    said = comments.add_session_comment(db, actor(db, world.ada), planned, say("Nice"), now=NOW)
    assert said.author_role == "coach"


def test_a_logged_session_has_its_own_thread(db: Session, world: World) -> None:
    greta = actor(db, world.user_of(world.greta, db))
    log = training.log_session(
        db,
        greta,
        world.greta.id,
        TrainingLogCreate(local_date=NOW.date(), duration_s=1800, rpe=4),
        now=NOW,
    )
    comments.add_log_comment(db, greta, log.id, say("Felt easy"), now=NOW)
    thread = comments.list_log_comments(db, actor(db, world.cole), log.id)
    assert [c.body for c in thread.items] == ["Felt easy"]
    assert thread.items[0].training_log_id == log.id
    assert thread.items[0].planned_session_id is None


@pytest.mark.parametrize("who", ["uma", "otto"])
def test_coaches_without_the_athlete_get_not_found(db: Session, world: World, who: str) -> None:
    planned = greta_session(db, world)
    stranger = actor(db, getattr(world, who))
    with pytest.raises(NotFound):
        comments.list_session_comments(db, stranger, planned)
    with pytest.raises(NotFound):
        comments.add_session_comment(db, stranger, planned, say("hi"), now=NOW)


def test_another_athlete_gets_not_found(db: Session, world: World) -> None:
    planned = greta_session(db, world)
    riley = actor(db, world.user_of(world.riley, db))
    with pytest.raises(NotFound):
        comments.list_session_comments(db, riley, planned)


def test_only_the_author_changes_or_removes_a_message(db: Session, world: World) -> None:
    greta, cole = actor(db, world.user_of(world.greta, db)), actor(db, world.cole)
    planned = greta_session(db, world)
    said = comments.add_session_comment(db, greta, planned, say("Legs heavy"), now=NOW)
    with pytest.raises(PermissionDenied):
        comments.edit_comment(db, cole, said.id, CommentUpdate(body="changed"), now=NOW)
    with pytest.raises(PermissionDenied):
        comments.delete_comment(db, cole, said.id)
    changed = comments.edit_comment(
        db, greta, said.id, CommentUpdate(body="Legs very heavy"), now=NOW + timedelta(minutes=3)
    )
    assert (changed.body, changed.edited) == ("Legs very heavy", True)
    comments.delete_comment(db, greta, said.id)
    assert db.get(SessionComment, said.id) is None
    assert comments.list_session_comments(db, cole, planned).total == 0


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_empty_or_too_long_text_is_refused(text: str) -> None:
    with pytest.raises(ValidationError) as error:
        CommentCreate(body=text)
    assert error.value.errors()[0]["loc"] == ("body",)
