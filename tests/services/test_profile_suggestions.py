"""The athlete's recorded sessions suggest a VDOT, HRmax and LTHR; only a coach's answer acts."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy.orm import Session

from runseason.errors import NotFound, PermissionDenied
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.activities import ProfileSuggestionAnswer
from runseason.services import profile_suggestions as suggestions
from runseason.services.activity_import import import_activity
from runseason.services.identity import users
from tests.factories import NOW, World, actor
from tests.parsers.conftest import read

FIT_DAY_NOW = datetime(2017, 6, 12, 12, tzinfo=NOW.tzinfo)


def _imported(db: Session, world: World) -> int:
    coach = actor(db, world.cole)
    content = read("activity-small-fenix2-run.fit")
    return import_activity(db, coach, world.greta.id, "r.fit", content, now=FIT_DAY_NOW).id


def test_a_recorded_run_suggests_vdot_maximum_and_threshold_heart_rate(
    db: Session, world: World
) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(vdot=40, hr_max=170, lthr=160))
    log_id = _imported(db, world)
    found = {s.kind: s for s in suggestions.list_profile_suggestions(db, coach, world.greta.id)}
    assert set(found) == {"vdot", "hr_max", "lthr"}
    assert found["vdot"].suggested > 40
    assert found["vdot"].evidence.startswith("best 5 km in ")
    assert found["hr_max"].suggested == 176  # held for 10 s (the file's peak is 178)
    assert found["hr_max"].evidence == "highest heart rate held for 10 s on Sat 15 Aug 2015"
    assert found["lthr"].suggested == 170
    assert {s.activity_id for s in found.values()} == {log_id}
    # Nothing changed until the coach answers.
    db.refresh(world.greta)
    assert (world.greta.vdot, world.greta.hr_max, world.greta.lthr) == (40, 170, 160)


def test_the_coach_accepts_one_and_ignores_another(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(vdot=40, hr_max=170, lthr=160))
    log_id = _imported(db, world)
    accept = ProfileSuggestionAnswer(kind="vdot", activity_id=log_id, accept=True)
    left = suggestions.answer_profile_suggestion(db, coach, world.greta.id, accept)
    assert world.greta.vdot is not None
    assert world.greta.vdot > 40
    assert (world.greta.vdot_source or "").startswith("best 5 km")
    assert {s.kind for s in left} == {"hr_max", "lthr"}
    ignore = ProfileSuggestionAnswer(kind="lthr", activity_id=log_id, accept=False)
    left = suggestions.answer_profile_suggestion(db, coach, world.greta.id, ignore)
    assert [s.kind for s in left] == ["hr_max"]
    assert world.greta.lthr == 160
    with pytest.raises(NotFound):
        suggestions.answer_profile_suggestion(db, coach, world.greta.id, ignore)


def test_the_athlete_sees_suggestions_but_cannot_answer_them(db: Session, world: World) -> None:
    log_id = _imported(db, world)
    me = actor(db, world.user_of(world.greta, db))
    assert suggestions.list_profile_suggestions(db, me, world.greta.id)
    answer = ProfileSuggestionAnswer(kind="hr_max", activity_id=log_id, accept=True)
    with pytest.raises(PermissionDenied):
        suggestions.answer_profile_suggestion(db, me, world.greta.id, answer)
