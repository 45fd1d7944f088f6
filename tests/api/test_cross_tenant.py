"""Cross-tenant probes: every route with an id, every foreign actor, every way of signing in.

Greta (Northside, Cole's athlete) and Oona (Southside, Otto's) each own one object of every kind.
Actors who may not see a victim ask for the victim's objects through every route that takes an
id, with a Bearer token, an API key and the browser cookie; every answer must be 404 with the
standard body and none of the victim's data.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.api.app import create_app
from runseason.db.models import (
    Athlete,
    HealthCase,
    Intervention,
    PlannedSession,
    PlanWeek,
    Recommendation,
    Task,
    User,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookMessage,
)
from runseason.schemas.cases import NoteCreate
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.comments import CommentCreate
from runseason.schemas.groups import GroupCreate
from runseason.schemas.library import TemplateCreate
from runseason.schemas.plans import GoalCreate, PlanCreate
from runseason.schemas.training import DayExceptionCreate, TrainingLogCreate
from runseason.services import cases, checkins, comments, day_exceptions, groups, imports, training
from runseason.services.identity import auth, tokens
from runseason.services.plans import generation, goals, library
from tests.conftest import shared_dir
from tests.factories import NOW, World, actor

SPEC_PATHS = create_app().openapi()["paths"]
# The calendar feed's address is its own credential (no actor): see test_calendar_feed.py.
CREDENTIAL_PATHS = ("/api/v1/calendar/{token}.ics",)
OPERATIONS = sorted(
    (method, path)
    for path, ops in SPEC_PATHS.items()
    if "{" in path and path not in CREDENTIAL_PATHS
    for method in ops
)
CROSS_ORG = {
    ("otto", "greta"),
    ("oona", "greta"),
    ("cole", "oona"),
    ("ada", "oona"),
    ("greta", "oona"),
    ("asha", "oona"),
    ("riley", "oona"),
}
PAIRS = sorted(CROSS_ORG | {("uma", "greta"), ("riley", "greta"), ("asha", "greta")})
ORG_LEVEL = (
    "/templates/",
    "/users/",
    "/api-keys/",
    "/webhook-endpoints/",
    "/webhook-deliveries/",
    "/groups/",
)
FIT = (shared_dir() / "fixtures/activities/garmin-fenix-5-run.fit").read_bytes()
STRUCTURE = {
    "warmup_s": 600,
    "cooldown_s": 600,
    "steps": [
        {
            "repeat": 3,
            "work": {"duration_s": 300, "zone": "T"},
            "recover": {"duration_s": 60, "zone": "jog"},
        }
    ],
}


def body_for(method: str, path: str) -> dict[str, Any] | None:
    """A valid body for each write, so the request reaches the access check."""
    day = NOW.date().isoformat()
    bodies = {
        "/comments": {"body": "hello"},  # first: a thread path also holds /logs/
        "/profile-suggestions": {"kind": "vdot", "activity_id": 1, "accept": False},
        "/replace": {"template_id": 1},
        "/swap": {"first_id": 1, "second_id": 2},
        "/scale": {"factor": 0.9},
        "/regenerate": {"from_date": (NOW.date() + timedelta(days=7)).isoformat()},
        "/planned-sessions/{session_id}": {"coach_note": "x"},
        "/sessions": {"scheduled_date": day, "template_id": 1},
        "checkins": {"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 3},
        "/logs": {"local_date": day, "duration_s": 1800, "rpe": 4},
        "/goals": {
            "name": "Race",
            "distance_m": 10000,
            "race_date": (NOW.date() + timedelta(days=90)).isoformat(),
        },
        "/plans": {
            "race_distance_m": 10000,
            "race_date": (NOW.date() + timedelta(days=90)).isoformat(),
        },
        "/notes": {"body": "hello"},
        "/tasks": {"title": "do it"},
        "/health-cases": {"kind": "injury", "started_on": day},
        "/day-exceptions": {"kind": "sick", "start_date": day},
        "/decision": {"decision": "accept"},
        "/snooze": {"hours": 2},
        "/resolve": {"outcome": "done it"},
        "/planned-sessions/": {"coach_note": "x"},
        "/templates/": {"name": "Renamed"},
        "/members": {"athlete_ids": []},
        "/groups/": {"name": "Renamed"},
        "/assignments": {"coach_id": 1},
        "/zones": {"kind": "pace", "name": "T", "clear": True},
        "/automation": {"mode": "manual"},
        "/answer": {"answer": "decline"},
        "/organizations/": {"confirmation": "not-this-one"},
        "/athletes/": {"hr_max": 190},
    }
    if method not in ("post", "put", "patch"):
        return None
    last_segment = path.split("/{", maxsplit=1)[0].rsplit("/", 1)[-1]
    for marker, body in bodies.items():
        if marker.strip("/") in last_segment or marker in path:
            return body
    return {}


HISTORY_CSV = (
    b"Activity Type,Date,Favorite,Title,Distance,Calories,Time\n"
    b"Running,2026-11-20 07:00:00,,Easy,8,,00:45:00\n"
)


@dataclass
class Victim:
    """The ids of one victim's objects by path parameter."""

    ids: dict[str, int]


def _victim(db: Session, world: World, athlete: Athlete, coach: User) -> Victim:
    staff = actor(db, coach)
    checkin = checkins.submit_checkin(
        db,
        staff,
        athlete.id,
        CheckInCreate(sleep_quality=2, energy=2, recovery=2, stress=2),
        now=NOW,
    )
    log = training.log_session(
        db,
        staff,
        athlete.id,
        TrainingLogCreate(local_date=NOW.date() - timedelta(days=1), duration_s=3000),
        now=NOW,
    )
    goal = goals.create_goal(
        db,
        staff,
        athlete.id,
        GoalCreate(name="Goal", distance_m=10000, race_date=NOW.date() + timedelta(days=80)),
        now=NOW,
    )
    plan = generation.generate_plan(
        db,
        staff,
        athlete.id,
        PlanCreate(race_distance_m=10000, race_date=NOW.date() + timedelta(days=80)),
        now=NOW,
    )
    planned = db.scalars(select(PlannedSession.id).where(PlannedSession.plan_id == plan.id)).first()
    week = db.scalars(select(PlanWeek.id).where(PlanWeek.plan_id == plan.id)).first()
    rec = db.scalars(
        select(Recommendation.id).where(Recommendation.athlete_id == athlete.id)
    ).first()
    intervention = Intervention(
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        cause="probe",
        title="probe",
        risk=0.7,
        opened_at=NOW,
        last_evidence_at=NOW,
    )
    task = Task(
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        title="t",
        assignee_id=coach.id,
    )
    case = HealthCase(
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        kind="injury",
        started_on=NOW.date(),
    )
    db.add_all([intervention, task, case])
    cases.add_note(db, staff, athlete.id, NoteCreate(body="secret note"), now=NOW)
    template = library.create_template(
        db,
        staff,
        TemplateCreate(
            code=f"probe-{athlete.id}",
            name="Probe",
            category="tempo",
            phases=["build"],
            structure=STRUCTURE,
        ),
    )
    group = groups.create_group(
        db, staff, GroupCreate(name=f"Probe {athlete.id}", athlete_ids=[athlete.id])
    )
    key = tokens.create_api_key(db, staff, "probe", "read_write", now=NOW)
    endpoint = WebhookEndpoint(
        organization_id=athlete.organization_id,
        url="https://93.184.215.14/hooks",
        secret="whsec_cHJvYmU=",
    )
    db.add(endpoint)
    db.flush()
    message = WebhookMessage(
        organization_id=athlete.organization_id,
        message_key=f"msg_probe{athlete.id}",
        event_type="plan.changed",
        payload={},
    )
    db.add(message)
    db.flush()
    sent = WebhookDelivery(
        organization_id=athlete.organization_id, message_id=message.id, endpoint_id=endpoint.id
    )
    db.add(sent)
    marked = day_exceptions.mark_days(
        db,
        staff,
        athlete.id,
        DayExceptionCreate(kind="travelling", start_date=NOW.date() - timedelta(days=3)),
        now=NOW,
    )
    history = imports.start_import(db, staff, athlete.id, "log.csv", HISTORY_CSV, now=NOW)
    assert planned is not None
    said = comments.add_session_comment(db, staff, planned, CommentCreate(body="Hi"), now=NOW)
    db.flush()
    assert rec is not None
    return Victim(
        {
            "athlete_id": athlete.id,
            "checkin_id": checkin.id,
            "log_id": log.id,
            "activity_id": log.id,
            "plan_id": plan.id,
            "goal_id": goal.id,
            "session_id": planned,
            "week_id": week,
            "recommendation_id": rec,
            "intervention_id": intervention.id,
            "task_id": task.id,
            "case_id": case.id,
            "template_id": template.id,
            "group_id": group.id,
            "key_id": key.id,
            "user_id": athlete.user_id,
            "coach_id": staff.user_id,
            "exception_id": marked.id,
            "endpoint_id": endpoint.id,
            "delivery_id": sent.id,
            "import_id": history.id,
            "organization_id": athlete.organization_id,
            "comment_id": said.id,
        }
    )


@pytest.fixture
def probe_world(
    db: Session, world: World
) -> tuple[dict[str, Victim], dict[str, dict[str, dict[str, str]]]]:
    library.sync_builtin_library(db)
    victims = {
        "greta": _victim(db, world, world.greta, world.cole),
        "oona": _victim(db, world, world.oona, world.otto),
    }
    people = {
        "ada": world.ada,
        "cole": world.cole,
        "asha": world.asha,
        "uma": world.uma,
        "otto": world.otto,
        "greta": world.user_of(world.greta, db),
        "riley": world.user_of(world.riley, db),
        "oona": world.user_of(world.oona, db),
    }
    credentials: dict[str, dict[str, dict[str, str]]] = {}
    for name, user in people.items():
        pair = tokens.issue_tokens(db, user, now=NOW)
        key = tokens.create_api_key(db, actor(db, user), "probe", "read_write", now=NOW).key
        cookie = auth.start_session(db, user, now=NOW)
        credentials[name] = {
            "bearer": {"Authorization": f"Bearer {pair.access_token}"},
            "api_key": {"X-API-Key": key},
            "cookie": {"Cookie": f"rs_session={cookie}"},
        }
    db.flush()
    return victims, credentials


def _cases() -> list[tuple[str, str, str, str]]:
    out = []
    for who, victim in PAIRS:
        for method, path in OPERATIONS:
            if any(m in path for m in ORG_LEVEL) and (who, victim) not in CROSS_ORG:
                continue
            out.append((who, victim, method, path))
    return out


CASES = _cases()


def test_there_are_more_than_a_thousand_probes() -> None:
    assert len(CASES) * 3 >= 1000


def test_foreign_actors_get_404_and_no_data(client: TestClient, probe_world) -> None:
    victims, credentials = probe_world
    failures = []
    count = 0
    for who, victim_name, method, path in CASES:
        victim = victims[victim_name]
        ids = victim.ids
        url = re.sub(r"\{(\w+)\}", lambda m, ids=ids: str(ids[m.group(1)]), path)
        params = (
            {"athlete_id": victim.ids["athlete_id"]}
            if path.endswith("/preview") and "templates" in path
            else None
        )
        for scheme, headers in credentials[who].items():
            client.cookies.clear()
            count += 1
            if path.endswith("/upload"):
                response = client.post(url, headers=headers, files={"file": ("run.fit", FIT)})
            elif path.endswith(("/imports", "/import-preview")):
                upload = {"file": ("log.csv", HISTORY_CSV)}
                response = client.post(url, headers=headers, files=upload)
            else:
                response = client.request(
                    method.upper(), url, headers=headers, params=params, json=body_for(method, path)
                )
            leaked = "secret note" in response.text or json.dumps(
                victim.ids["athlete_id"]
            ) in response.text.replace(url, "")
            if (
                response.status_code != 404
                or response.json().get("error") != "not_found"
                or (leaked and response.status_code == 200)
            ):
                failures.append(
                    f"{who}->{victim_name} {scheme} {method.upper()} {path}: "
                    f"{response.status_code} {response.text[:120]}"
                )
    assert count >= 1000
    assert not failures, "\n".join(failures[:20]) + f"\n({len(failures)} failures)"
