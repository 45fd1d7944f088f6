"""How the access matrix calls each registered use-case on Greta's data.

Every use-case registered with ``@use_case`` needs a probe here: a function that calls it for the
given actor against an object belonging to Greta (Cole's athlete in Northside), and the set of
characters allowed to do it. A use-case without a probe fails the matrix test by name, so a new
use-case cannot slip past the tenant checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import (
    HealthCase,
    Intervention,
    PlannedSession,
    Recommendation,
    Task,
    TrainingPlan,
)
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.cases import HealthCaseCreate, NoteCreate, TaskCreate
from runseason.schemas.coaching import (
    InterventionResolve,
    InterventionSnooze,
    RecommendationDecision,
    SuggestionAnswer,
)
from runseason.schemas.comments import CommentCreate, CommentUpdate
from runseason.schemas.groups import GroupCreate, GroupMembers
from runseason.schemas.plans import (
    GoalCreate,
    GoalUpdate,
    PlanCreate,
    PlanRegenerate,
    SessionAdd,
    SessionEdit,
    SessionReplace,
    SessionSwap,
    WeekScale,
)
from runseason.schemas.training import DayExceptionCreate, TrainingLogCreate, TrainingLogUpdate
from runseason.schemas.zones import ZoneOverride
from runseason.services import (
    activities,
    activity_import,
    briefing,
    cases,
    checkins,
    comments,
    data_rights,
    day_exceptions,
    erasure,
    groups,
    imports,
    interventions,
    profile_suggestions,
    recommendations,
    suggestions,
    training,
)
from runseason.services.identity import users
from runseason.services.identity.access import Actor
from runseason.services.plans import archive, editing, generation, goals, zones
from runseason.services.plans import calendar as plan_calendar
from runseason.services.reports import content, files
from runseason.services.views import adherence, analytics, timeline, trends
from tests.factories import NOW, World

Call = Callable[[Session, Actor, World], Any]
STAFF_AND_SELF = frozenset({"ada", "cole", "greta"})
STAFF = frozenset({"ada", "cole"})
ADMIN = frozenset({"ada"})


@dataclass(frozen=True)
class Probe:
    """One way to call a use-case on Greta's data, and who may."""

    call: Call
    allowed: frozenset[str] = field(default=STAFF_AND_SELF)


PROBES: dict[str, Probe] = {}


def probe(name: str, allowed: frozenset[str] = STAFF_AND_SELF) -> Callable[[Call], Call]:
    """Register the probe of the use-case named ``module.function``."""

    def register(call: Call) -> Call:
        PROBES[name] = Probe(call, allowed)
        return call

    return register


@probe("runseason.services.identity.users.get_athlete_profile")
def _get_profile(session: Session, actor: Actor, w: World) -> Any:
    return users.get_athlete_profile(session, actor, w.greta.id)


@probe("runseason.services.identity.users.update_athlete")
def _update_profile(session: Session, actor: Actor, w: World) -> Any:
    return users.update_athlete(session, actor, w.greta.id, AthleteUpdate(hr_max=190))


@probe("runseason.services.identity.users.assign_coach", ADMIN)
def _assign(session: Session, actor: Actor, w: World) -> Any:
    return users.assign_coach(session, actor, w.greta.id, w.asha.id, role="assistant", now=NOW)


@probe("runseason.services.identity.users.end_assignment", ADMIN)
def _end_assignment(session: Session, actor: Actor, w: World) -> Any:
    return users.end_assignment(session, actor, w.greta.id, w.cole.id, now=NOW)


@probe("runseason.services.identity.users.list_assignments")
def _list_assignments(session: Session, actor: Actor, w: World) -> Any:
    return users.list_assignments(session, actor, w.greta.id)


@probe("runseason.services.plans.zones.get_zones")
def _get_zones(session: Session, actor: Actor, w: World) -> Any:
    return zones.get_zones(session, actor, w.greta.id)


@probe("runseason.services.plans.zones.override_zone", STAFF)
def _override_zone(session: Session, actor: Actor, w: World) -> Any:
    w.greta.hr_max, w.greta.hr_rest = 190, 50
    session.flush()
    data = ZoneOverride(kind="heart_rate", name="Z2", low=120, high=140)
    return zones.override_zone(session, actor, w.greta.id, data)


# --- the athlete's day -------------------------------------------------------------------------
def _checkin_data() -> Any:
    from runseason.schemas.checkins import CheckInCreate  # noqa: PLC0415

    return CheckInCreate(sleep_quality=4, energy=4, recovery=3, stress=4)


def _greta_checkin(session: Session, w: World) -> int:
    from tests.factories import actor as actor_of  # noqa: PLC0415

    cole = actor_of(session, w.cole)
    return checkins.submit_checkin(session, cole, w.greta.id, _checkin_data(), now=NOW).id


def _greta_log(session: Session, w: World) -> int:
    from tests.factories import actor as actor_of  # noqa: PLC0415

    data = TrainingLogCreate(local_date=NOW.date(), duration_s=3000, distance_m=10000, rpe=5)
    return training.log_session(session, actor_of(session, w.cole), w.greta.id, data, now=NOW).id


@probe("runseason.services.checkins.submit_checkin")
def _submit_checkin(session: Session, actor: Actor, w: World) -> Any:
    return checkins.submit_checkin(session, actor, w.greta.id, _checkin_data(), now=NOW)


@probe("runseason.services.checkins.update_checkin")
def _update_checkin(session: Session, actor: Actor, w: World) -> Any:
    checkin_id = _greta_checkin(session, w)
    return checkins.update_checkin(session, actor, checkin_id, _checkin_data(), now=NOW)


@probe("runseason.services.checkins.get_checkin")
def _get_checkin(session: Session, actor: Actor, w: World) -> Any:
    return checkins.get_checkin(session, actor, _greta_checkin(session, w))


@probe("runseason.services.checkins.find_checkin_for_day")
def _find_checkin(session: Session, actor: Actor, w: World) -> Any:
    return checkins.find_checkin_for_day(session, actor, w.greta.id, NOW.date())


@probe("runseason.services.checkins.list_checkins")
def _list_checkins(session: Session, actor: Actor, w: World) -> Any:
    return checkins.list_checkins(session, actor, w.greta.id)


@probe("runseason.services.training.log_session")
def _log_session(session: Session, actor: Actor, w: World) -> Any:
    data = TrainingLogCreate(local_date=NOW.date(), duration_s=1800, rpe=4)
    return training.log_session(session, actor, w.greta.id, data, now=NOW)


@probe("runseason.services.activity_import.import_activity")
def _import(session: Session, actor: Actor, w: World) -> Any:
    from tests.conftest import shared_dir  # noqa: PLC0415

    content = (shared_dir() / "fixtures/activities/garmin-fenix-5-run.fit").read_bytes()
    return activity_import.import_activity(session, actor, w.greta.id, "run.fit", content, now=NOW)


def _greta_import(session: Session, w: World, name: str = "garmin-fenix-5-run.fit") -> int:
    from tests.conftest import shared_dir  # noqa: PLC0415
    from tests.factories import actor as actor_of  # noqa: PLC0415

    content = (shared_dir() / "fixtures/activities" / name).read_bytes()
    coach = actor_of(session, w.cole)
    return activity_import.import_activity(
        session, coach, w.greta.id, "run.fit", content, now=NOW
    ).id


@probe("runseason.services.activities.get_activity")
def _get_activity(session: Session, actor: Actor, w: World) -> Any:
    return activities.get_activity(session, actor, w.greta.id, _greta_import(session, w))


@probe("runseason.services.activities.get_activity_streams")
def _get_activity_streams(session: Session, actor: Actor, w: World) -> Any:
    log_id = _greta_import(session, w)
    return activities.get_activity_streams(session, actor, w.greta.id, log_id, points=10)


@probe("runseason.services.profile_suggestions.list_profile_suggestions")
def _list_profile_suggestions(session: Session, actor: Actor, w: World) -> Any:
    return profile_suggestions.list_profile_suggestions(session, actor, w.greta.id)


@probe("runseason.services.profile_suggestions.answer_profile_suggestion", STAFF)
def _answer_profile_suggestion(session: Session, actor: Actor, w: World) -> Any:
    from runseason.schemas.activities import ProfileSuggestionAnswer  # noqa: PLC0415

    # A 47-minute run: a maximum held for 10 s in a session of 10 minutes or more.
    log_id = _greta_import(session, w, "activity-small-fenix2-run.fit")
    answer = ProfileSuggestionAnswer(kind="hr_max", activity_id=log_id, accept=False)
    return profile_suggestions.answer_profile_suggestion(session, actor, w.greta.id, answer)


@probe("runseason.services.training.update_log")
def _update_log(session: Session, actor: Actor, w: World) -> Any:
    log_id = _greta_log(session, w)
    return training.update_log(session, actor, log_id, TrainingLogUpdate(rpe=6), now=NOW)


@probe("runseason.services.training.delete_log")
def _delete_log(session: Session, actor: Actor, w: World) -> Any:
    return training.delete_log(session, actor, _greta_log(session, w), now=NOW)


@probe("runseason.services.training.list_logs")
def _list_logs(session: Session, actor: Actor, w: World) -> Any:
    return training.list_logs(session, actor, w.greta.id)


@probe("runseason.services.briefing.get_briefing")
def _briefing(session: Session, actor: Actor, w: World) -> Any:
    return briefing.get_briefing(session, actor, w.greta.id, now=NOW)


@probe("runseason.services.views.analytics.get_load_history")
def _history(session: Session, actor: Actor, w: World) -> Any:
    return analytics.get_load_history(session, actor, w.greta.id, now=NOW)


@probe("runseason.services.views.analytics.get_prediction")
def _prediction(session: Session, actor: Actor, w: World) -> Any:
    return analytics.get_prediction(session, actor, w.greta.id, 10000.0)


# --- the coaching engine and the case history -----------------------------------------------------
def _greta_recommendation(session: Session, w: World) -> int:
    _greta_checkin(session, w)
    rec = session.scalars(
        select(Recommendation.id)
        .where(Recommendation.athlete_id == w.greta.id, Recommendation.status == "open")
        .order_by(Recommendation.id.desc())
    ).first()
    assert rec is not None
    return rec


def _greta_intervention(session: Session, w: World) -> int:
    row = Intervention(
        organization_id=w.north.id,
        athlete_id=w.greta.id,
        cause="pain",
        title="Pain 5/10",
        status="open",
        risk=0.9,
        opened_at=NOW,
        last_evidence_at=NOW,
    )
    session.add(row)
    session.flush()
    return row.id


@probe("runseason.services.recommendations.preview_recommendation")
def _preview(session: Session, actor: Actor, w: World) -> Any:
    return recommendations.preview_recommendation(session, actor, _greta_recommendation(session, w))


@probe("runseason.services.recommendations.decide_recommendation", STAFF)
def _decide(session: Session, actor: Actor, w: World) -> Any:
    rec_id = _greta_recommendation(session, w)
    data = RecommendationDecision(decision="accept")
    return recommendations.decide_recommendation(session, actor, rec_id, data, now=NOW)


@probe("runseason.services.recommendations.find_recommendation_for_day")
def _find_rec(session: Session, actor: Actor, w: World) -> Any:
    return recommendations.find_recommendation_for_day(session, actor, w.greta.id, NOW.date())


@probe("runseason.services.interventions.acknowledge_intervention", STAFF)
def _ack(session: Session, actor: Actor, w: World) -> Any:
    return interventions.acknowledge_intervention(
        session, actor, _greta_intervention(session, w), now=NOW
    )


@probe("runseason.services.interventions.snooze_intervention", STAFF)
def _snooze(session: Session, actor: Actor, w: World) -> Any:
    return interventions.snooze_intervention(
        session, actor, _greta_intervention(session, w), InterventionSnooze(hours=4), now=NOW
    )


@probe("runseason.services.interventions.resolve_intervention", STAFF)
def _resolve(session: Session, actor: Actor, w: World) -> Any:
    return interventions.resolve_intervention(
        session,
        actor,
        _greta_intervention(session, w),
        InterventionResolve(outcome="talked"),
        now=NOW,
    )


@probe("runseason.services.interventions.get_intervention", STAFF)
def _get_intervention(session: Session, actor: Actor, w: World) -> Any:
    return interventions.get_intervention(session, actor, _greta_intervention(session, w), now=NOW)


@probe("runseason.services.interventions.list_athlete_interventions", STAFF)
def _list_interventions(session: Session, actor: Actor, w: World) -> Any:
    return interventions.list_athlete_interventions(session, actor, w.greta.id, now=NOW)


@probe("runseason.services.interventions.reopen_intervention", STAFF)
def _reopen(session: Session, actor: Actor, w: World) -> Any:
    row = session.get(Intervention, _greta_intervention(session, w))
    assert row is not None
    row.status, row.resolved_at, row.outcome = "resolved", NOW, "cleared"
    session.flush()
    return interventions.reopen_intervention(session, actor, row.id, now=NOW)


def _greta_suggestion(session: Session, w: World) -> int:
    rec = Recommendation(
        organization_id=w.north.id,
        athlete_id=w.greta.id,
        local_date=NOW.date(),
        type="drop_intensity",
        title="Drop the intensity: readiness in the amber band",
        rationale="Because of readiness in the amber band.",
        risk=0.3,
        confidence=0.8,
        bucket="watch",
        decision="ask_athlete",
        status="open",
        created_at=NOW,
    )
    session.add(rec)
    session.flush()
    return rec.id


@probe("runseason.services.suggestions.find_suggestion")
def _find_suggestion(session: Session, actor: Actor, w: World) -> Any:
    return suggestions.find_suggestion(session, actor, w.greta.id, now=NOW)


@probe("runseason.services.suggestions.answer_suggestion", frozenset({"greta"}))
def _answer_suggestion(session: Session, actor: Actor, w: World) -> Any:
    rec_id = _greta_suggestion(session, w)
    return suggestions.answer_suggestion(
        session, actor, rec_id, SuggestionAnswer(answer="decline"), now=NOW
    )


@probe("runseason.services.cases.add_note", STAFF)
def _add_note(session: Session, actor: Actor, w: World) -> Any:
    return cases.add_note(session, actor, w.greta.id, NoteCreate(body="Called her."), now=NOW)


@probe("runseason.services.data_rights.export_athlete_data", frozenset({"ada", "greta"}))
def _export_athlete_data(session: Session, actor: Actor, w: World) -> Any:
    return data_rights.export_athlete_data(session, actor, w.greta.id, now=NOW)


@probe("runseason.services.erasure.erase_athlete", frozenset({"ada"}))
def _erase_athlete(session: Session, actor: Actor, w: World) -> Any:
    return erasure.erase_athlete(session, actor, w.greta.id, now=NOW)


@probe("runseason.services.erasure.erase_organization", ADMIN)
def _erase_organization(session: Session, actor: Actor, w: World) -> Any:
    return erasure.erase_organization(
        session, actor, w.north.id, confirmation=w.north.slug, now=NOW
    )


@probe("runseason.services.cases.list_notes")
def _list_notes(session: Session, actor: Actor, w: World) -> Any:
    return cases.list_notes(session, actor, w.greta.id)


@probe("runseason.services.cases.add_task", STAFF)
def _add_task(session: Session, actor: Actor, w: World) -> Any:
    return cases.add_task(session, actor, w.greta.id, TaskCreate(title="Review shoes"), now=NOW)


def _greta_task(session: Session, w: World) -> int:
    task = Task(
        organization_id=w.north.id,
        athlete_id=w.greta.id,
        title="Call",
        assignee_id=w.cole.id,
        status="open",
    )
    session.add(task)
    session.flush()
    return task.id


@probe("runseason.services.cases.complete_task", STAFF)
def _complete_task(session: Session, actor: Actor, w: World) -> Any:
    return cases.complete_task(session, actor, _greta_task(session, w), now=NOW)


@probe("runseason.services.cases.open_health_case", STAFF)
def _open_case(session: Session, actor: Actor, w: World) -> Any:
    data = HealthCaseCreate(kind="injury", location="knee", started_on=NOW.date())
    return cases.open_health_case(session, actor, w.greta.id, data, now=NOW)


@probe("runseason.services.cases.advance_health_case", STAFF)
def _advance_case(session: Session, actor: Actor, w: World) -> Any:
    row = HealthCase(
        organization_id=w.north.id,
        athlete_id=w.greta.id,
        kind="injury",
        started_on=NOW.date(),
        status="open",
    )
    session.add(row)
    session.flush()
    return cases.advance_health_case(session, actor, row.id, now=NOW)


@probe("runseason.services.cases.list_health_cases")
def _list_cases(session: Session, actor: Actor, w: World) -> Any:
    return cases.list_health_cases(session, actor, w.greta.id)


@probe("runseason.services.views.timeline.get_timeline", STAFF)
def _timeline(session: Session, actor: Actor, w: World) -> Any:
    return timeline.get_timeline(session, actor, w.greta.id)


# --- goals and plans ------------------------------------------------------------------------------
RACE_DAY = NOW.date() + timedelta(weeks=14)


def _greta_plan(session: Session, w: World) -> int:
    from tests.factories import actor as actor_of  # noqa: PLC0415

    data = PlanCreate(race_distance_m=10000, race_date=RACE_DAY)
    return generation.generate_plan(
        session, actor_of(session, w.cole), w.greta.id, data, now=NOW
    ).id


@probe("runseason.services.plans.goals.create_goal")
def _create_goal(session: Session, actor: Actor, w: World) -> Any:
    data = GoalCreate(name="Spring 10k", distance_m=10000, race_date=RACE_DAY)
    return goals.create_goal(session, actor, w.greta.id, data, now=NOW)


@probe("runseason.services.plans.goals.list_goals")
def _list_goals(session: Session, actor: Actor, w: World) -> Any:
    return goals.list_goals(session, actor, w.greta.id)


def _greta_goal(session: Session, w: World) -> int:
    data = GoalCreate(name="Autumn 5k", distance_m=5000, race_date=RACE_DAY, priority="C")
    from tests.factories import actor as actor_of  # noqa: PLC0415

    return goals.create_goal(session, actor_of(session, w.cole), w.greta.id, data, now=NOW).id


@probe("runseason.services.plans.goals.update_goal")
def _update_goal(session: Session, actor: Actor, w: World) -> Any:
    data = GoalUpdate(name="Autumn 5 km")
    return goals.update_goal(session, actor, _greta_goal(session, w), data, now=NOW)


@probe("runseason.services.plans.goals.delete_goal")
def _delete_goal(session: Session, actor: Actor, w: World) -> Any:
    return goals.delete_goal(session, actor, _greta_goal(session, w))


@probe("runseason.services.plans.generation.generate_plan", STAFF)
def _generate(session: Session, actor: Actor, w: World) -> Any:
    data = PlanCreate(race_distance_m=10000, race_date=RACE_DAY)
    return generation.generate_plan(session, actor, w.greta.id, data, now=NOW)


@probe("runseason.services.plans.generation.get_plan")
def _get_plan(session: Session, actor: Actor, w: World) -> Any:
    return generation.get_plan(session, actor, _greta_plan(session, w))


@probe("runseason.services.plans.generation.find_active_plan")
def _active_plan(session: Session, actor: Actor, w: World) -> Any:
    return generation.find_active_plan(session, actor, w.greta.id)


@probe("runseason.services.plans.editing.edit_session", STAFF)
def _edit_session(session: Session, actor: Actor, w: World) -> Any:
    plan_id = _greta_plan(session, w)
    first = session.scalars(
        select(PlannedSession.id).where(PlannedSession.plan_id == plan_id)
    ).first()
    assert first is not None
    return editing.edit_session(session, actor, first, SessionEdit(coach_note="shorter"), now=NOW)


def _two_sessions(session: Session, plan_id: int) -> list[int]:
    return list(
        session.scalars(
            select(PlannedSession.id)
            .where(PlannedSession.plan_id == plan_id, PlannedSession.scheduled_date > NOW.date())
            .order_by(PlannedSession.scheduled_date)
            .limit(2)
        )
    )


def _a_template(session: Session) -> int:
    from runseason.db.models import SessionTemplate  # noqa: PLC0415

    found = session.scalars(
        select(SessionTemplate.id).where(SessionTemplate.organization_id.is_(None)).limit(1)
    ).first()
    assert found is not None
    return found


@probe("runseason.services.plans.editing.add_session", STAFF)
def _add_session(session: Session, actor: Actor, w: World) -> Any:
    plan_id = _greta_plan(session, w)
    data = SessionAdd(
        scheduled_date=NOW.date() + timedelta(days=3), template_id=_a_template(session)
    )
    return editing.add_session(session, actor, plan_id, data, now=NOW)


@probe("runseason.services.plans.editing.replace_session", STAFF)
def _replace_session(session: Session, actor: Actor, w: World) -> Any:
    first = _two_sessions(session, _greta_plan(session, w))[0]
    data = SessionReplace(template_id=_a_template(session))
    return editing.replace_session(session, actor, first, data, now=NOW)


@probe("runseason.services.plans.editing.swap_sessions", STAFF)
def _swap_sessions(session: Session, actor: Actor, w: World) -> Any:
    plan_id = _greta_plan(session, w)
    first, second = _two_sessions(session, plan_id)
    data = SessionSwap(first_id=first, second_id=second)
    return editing.swap_sessions(session, actor, plan_id, data, now=NOW)


@probe("runseason.services.plans.editing.scale_week", STAFF)
def _scale_week(session: Session, actor: Actor, w: World) -> Any:
    plan_id = _greta_plan(session, w)
    week = session.scalars(
        select(PlannedSession.plan_week_id).where(
            PlannedSession.plan_id == plan_id, PlannedSession.scheduled_date > NOW.date()
        )
    ).first()
    assert week is not None
    return editing.scale_week(session, actor, week, WeekScale(factor=0.8), now=NOW)


@probe("runseason.services.plans.generation.regenerate_from", STAFF)
def _regenerate(session: Session, actor: Actor, w: World) -> Any:
    plan_id = _greta_plan(session, w)
    data = PlanRegenerate(from_date=NOW.date() + timedelta(days=7))
    return generation.regenerate_from(session, actor, plan_id, data, now=NOW)


@probe("runseason.services.plans.generation.list_revisions")
def _revisions(session: Session, actor: Actor, w: World) -> Any:
    return generation.list_revisions(session, actor, _greta_plan(session, w))


@probe("runseason.services.plans.generation.plan_projection")
def _projection(session: Session, actor: Actor, w: World) -> Any:
    return generation.plan_projection(session, actor, _greta_plan(session, w), now=NOW)


def _greta_marked_day(session: Session, w: World) -> int:
    from tests.factories import actor as actor_of  # noqa: PLC0415

    data = DayExceptionCreate(kind="sick", start_date=NOW.date() - timedelta(days=3))
    cole = actor_of(session, w.cole)
    return day_exceptions.mark_days(session, cole, w.greta.id, data, now=NOW).id


@probe("runseason.services.day_exceptions.mark_days")
def _mark_days(session: Session, actor: Actor, w: World) -> Any:
    data = DayExceptionCreate(kind="travelling", start_date=NOW.date())
    return day_exceptions.mark_days(session, actor, w.greta.id, data, now=NOW)


@probe("runseason.services.day_exceptions.remove_days")
def _remove_days(session: Session, actor: Actor, w: World) -> Any:
    return day_exceptions.remove_days(session, actor, _greta_marked_day(session, w), now=NOW)


@probe("runseason.services.day_exceptions.list_marked_days")
def _list_marked_days(session: Session, actor: Actor, w: World) -> Any:
    return day_exceptions.list_marked_days(session, actor, w.greta.id, now=NOW)


@probe("runseason.services.views.adherence.get_adherence")
def _adherence(session: Session, actor: Actor, w: World) -> Any:
    return adherence.get_adherence(session, actor, w.greta.id, now=NOW)


@probe("runseason.services.views.analytics.get_on_track")
def _on_track(session: Session, actor: Actor, w: World) -> Any:
    return analytics.get_on_track(session, actor, w.greta.id, now=NOW)


@probe("runseason.services.views.trends.get_trends")
def _trends(session: Session, actor: Actor, w: World) -> Any:
    return trends.get_trends(session, actor, w.greta.id, now=NOW)


@probe("runseason.services.plans.library.preview_workout", STAFF)
def _preview_workout(session: Session, actor: Actor, w: World) -> Any:
    from runseason.schemas.library import WorkoutPreviewAsk  # noqa: PLC0415
    from runseason.services.plans import library  # noqa: PLC0415

    structure = {
        "warmup_s": 600,
        "steps": [{"repeat": 4, "work": {"distance_m": 800, "zone": "I"}}],
        "cooldown_s": 600,
    }
    ask = WorkoutPreviewAsk(athlete_id=w.greta.id, structure=structure)
    return library.preview_workout(session, actor, ask)


# --- the plan outside the platform: calendar feed and workout files ------------------------------
@probe("runseason.services.calendar_feed.get_calendar_feed")
def _get_calendar_feed(session: Session, actor: Actor, w: World) -> Any:
    from runseason.services import calendar_feed  # noqa: PLC0415

    return calendar_feed.get_calendar_feed(session, actor, w.greta.id)


@probe("runseason.services.calendar_feed.create_calendar_feed")
def _create_calendar_feed(session: Session, actor: Actor, w: World) -> Any:
    from runseason.services import calendar_feed  # noqa: PLC0415

    return calendar_feed.create_calendar_feed(session, actor, w.greta.id, now=NOW)


@probe("runseason.services.calendar_feed.revoke_calendar_feed")
def _revoke_calendar_feed(session: Session, actor: Actor, w: World) -> Any:
    from runseason.services import calendar_feed  # noqa: PLC0415

    return calendar_feed.revoke_calendar_feed(session, actor, w.greta.id)


@probe("runseason.services.workouts.export_workout")
def _export_workout(session: Session, actor: Actor, w: World) -> Any:
    from runseason.services import workouts  # noqa: PLC0415

    plan_id = _greta_plan(session, w)
    row = session.scalar(
        select(PlannedSession)
        .where(PlannedSession.plan_id == plan_id, PlannedSession.category != "rest")
        .limit(1)
    )
    assert row is not None
    return workouts.export_workout(session, actor, row.id, "fit", now=NOW)


@probe("runseason.services.reports.content.athlete_season")
def _season_report(session: Session, actor: Actor, w: World) -> Any:
    return content.athlete_season(session, actor, w.greta.id, now=NOW)


@probe("runseason.services.reports.files.athlete_report")
def _report_file(session: Session, actor: Actor, w: World) -> Any:
    return files.athlete_report(session, actor, w.greta.id, now=NOW, fmt="csv")


@probe("runseason.services.recommendations.undo_decision", STAFF)
def _undo(session: Session, actor: Actor, w: World) -> Any:
    rec_id = _greta_recommendation(session, w)
    recommendation = session.get(Recommendation, rec_id)
    assert recommendation is not None
    recommendation.status = "dismissed"
    session.flush()
    return recommendations.undo_decision(session, actor, rec_id, now=NOW)


def _queued_import(session: Session, w: World) -> int:
    from runseason.db.models import ImportRun  # noqa: PLC0415
    from tests.factories import actor as actor_of  # noqa: PLC0415

    run = session.scalars(select(ImportRun).where(ImportRun.athlete_id == w.greta.id)).first()
    if run is not None:
        return run.id
    cole = actor_of(session, w.cole)
    return imports.start_import(session, cole, w.greta.id, "log.csv", _CSV, now=NOW).id


_CSV = (
    b"Activity Type,Date,Favorite,Title,Distance,Calories,Time\n"
    b"Running,2026-11-20 07:00:00,,Easy,8,,00:45:00\n"
)


@probe("runseason.services.imports.start_import")
def _start_import(session: Session, actor: Actor, w: World) -> Any:
    return imports.start_import(session, actor, w.greta.id, "log.csv", _CSV, now=NOW)


@probe("runseason.services.imports.get_import")
def _get_import(session: Session, actor: Actor, w: World) -> Any:
    return imports.get_import(session, actor, w.greta.id, _queued_import(session, w))


@probe("runseason.services.imports.list_imports")
def _list_imports(session: Session, actor: Actor, w: World) -> Any:
    return imports.list_imports(session, actor, w.greta.id)


@probe("runseason.services.imports.import_item")
def _import_item(session: Session, actor: Actor, w: World) -> Any:
    from runseason.parsers.archive import Item  # noqa: PLC0415

    run_id = _queued_import(session, w)
    item = Item("log.csv, line 2", lambda: b"")
    return imports.import_item(session, actor, w.greta.id, run_id, (0, item), now=NOW)


@probe("runseason.services.plans.archive.list_plans")
def _list_plans(session: Session, actor: Actor, w: World) -> Any:
    return archive.list_plans(session, actor, w.greta.id)


@probe("runseason.services.plans.archive.restore_plan", STAFF)
def _restore_plan(session: Session, actor: Actor, w: World) -> Any:
    plan_id = _greta_plan(session, w)
    plan = session.get(TrainingPlan, plan_id)
    assert plan is not None
    plan.status = "archived"
    session.flush()
    return archive.restore_plan(session, actor, plan_id, now=NOW)


@probe("runseason.services.plans.calendar.get_plan_calendar")
def _plan_calendar(session: Session, actor: Actor, w: World) -> Any:
    return plan_calendar.get_plan_calendar(session, actor, _greta_plan(session, w), now=NOW)


@probe("runseason.services.imports.preview_csv")
def _preview_csv(session: Session, actor: Actor, w: World) -> Any:
    return imports.preview_csv(session, actor, w.greta.id, _CSV)


# --- training groups ---------------------------------------------------------------------------
@probe("runseason.services.groups.create_group", STAFF)
def _create_group(session: Session, actor: Actor, w: World) -> Any:
    return groups.create_group(session, actor, GroupCreate(name="Probe", athlete_ids=[w.greta.id]))


@probe("runseason.services.groups.set_group_members", STAFF)
def _set_group_members(session: Session, actor: Actor, w: World) -> Any:
    from tests.factories import actor as actor_of  # noqa: PLC0415

    made = groups.create_group(session, actor_of(session, w.ada), GroupCreate(name="Squad"))
    return groups.set_group_members(session, actor, made.id, GroupMembers(athlete_ids=[w.greta.id]))


# --- session comment threads ----------------------------------------------------------------------
GRETA = frozenset({"greta"})


def _greta_session(session: Session, w: World) -> int:
    plan_id = _greta_plan(session, w)
    first = session.scalars(
        select(PlannedSession.id).where(PlannedSession.plan_id == plan_id)
    ).first()
    assert first is not None
    return first


def _greta_comment(session: Session, w: World) -> int:
    from tests.factories import actor as actor_of  # noqa: PLC0415

    greta = actor_of(session, w.user_of(w.greta, session))
    data = CommentCreate(body="Legs heavy on the last rep.")
    return comments.add_session_comment(
        session, greta, _greta_session(session, w), data, now=NOW
    ).id


@probe("runseason.services.comments.add_session_comment")
def _add_session_comment(session: Session, actor: Actor, w: World) -> Any:
    data = CommentCreate(body="How did it go?")
    return comments.add_session_comment(session, actor, _greta_session(session, w), data, now=NOW)


@probe("runseason.services.comments.add_log_comment")
def _add_log_comment(session: Session, actor: Actor, w: World) -> Any:
    data = CommentCreate(body="Good pacing.")
    return comments.add_log_comment(session, actor, _greta_log(session, w), data, now=NOW)


@probe("runseason.services.comments.list_session_comments")
def _list_session_comments(session: Session, actor: Actor, w: World) -> Any:
    return comments.list_session_comments(session, actor, _greta_session(session, w))


@probe("runseason.services.comments.list_log_comments")
def _list_log_comments(session: Session, actor: Actor, w: World) -> Any:
    return comments.list_log_comments(session, actor, _greta_log(session, w))


@probe("runseason.services.comments.edit_comment", GRETA)
def _edit_comment(session: Session, actor: Actor, w: World) -> Any:
    data = CommentUpdate(body="Legs heavy on the last two reps.")
    return comments.edit_comment(session, actor, _greta_comment(session, w), data, now=NOW)


@probe("runseason.services.comments.delete_comment", GRETA)
def _delete_comment(session: Session, actor: Actor, w: World) -> Any:
    return comments.delete_comment(session, actor, _greta_comment(session, w))
