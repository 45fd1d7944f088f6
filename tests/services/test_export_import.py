"""An athlete's export brought into another instance: the same rows, the same daily metrics.

The round trip exports an athlete, imports the ZIP into a fresh database and exports again; the
two exports are compared table by table with every key replaced by what it points at (so new ids
do not count, and a reference to a person who stayed behind reads as forgotten on both sides).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.base import Base
from runseason.db.models import Athlete, AuditLog, DailyMetric, ReadinessScore, User
from runseason.errors import Conflict, InvalidInput, NotFound
from runseason.schemas.cases import HealthCaseCreate, NoteCreate, TaskCreate
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.coaching import AutomationUpdate
from runseason.schemas.comments import CommentCreate
from runseason.schemas.groups import GroupCreate
from runseason.schemas.notifications import NotificationPreferencesUpdate
from runseason.schemas.plans import GoalCreate, PlanCreate
from runseason.schemas.training import DayExceptionCreate, TrainingLogCreate
from runseason.services import (
    cases,
    checkins,
    comments,
    data_rights,
    day_exceptions,
    groups,
    training,
)
from runseason.services.activity_import import import_activity
from runseason.services.coaching_settings import set_automation_mode
from runseason.services.export_import import import_athlete_export
from runseason.services.notifications import preferences
from runseason.services.plans import generation, goals, library
from tests.dbutil import migrated_factory
from tests.factories import NOW, World, actor, make_org, make_user
from tests.parsers.conftest import read

# Set by the import itself, not carried: the new account's state, the time of recomputation.
OWN_COLUMNS = {
    "users": {"email", "full_name", "role", "timezone", "unit_preference"},
}
RECOMPUTED_AT = {"updated_at", "computed_at"}
DAYS = {"day", "local_date", "scheduled_date", "start_date", "started_at"}
# The risk engine assesses the athlete's today: a past day's risk is the assessment made that day,
# which a refresh does not make again (the import's refresh assesses the day of the import).
ASSESSED = {"risk", "risk_bucket", "confidence"}
IMPORT_TIME = {"athletes": {"updated_at"}}
RECOMPUTED = {"daily_metrics", "athlete_snapshots", "load_series", "readiness_scores"}
# The old instance's: its coach, its links and its outgoing messages.
STAYED = {"coach_assignments", "calendar_feeds", "webhook_messages", "webhook_deliveries"}
STAYED |= {"group_members"}  # the old organization's training groups
STAYED |= {"metric_refresh_jobs"}
# The coach's settings for the athlete, and what signed in to or sent from the old instance.
STAYED |= {"setting_overrides", "notification_sends", "api_keys", "refresh_tokens"}
STAYED |= {"user_sessions", "idempotency_records"}


def _a_season(db: Session, world: World) -> None:
    """Greta's data in most tables: check-ins, logs, a device file, notes, a case, a plan."""
    greta = actor(db, world.user_of(world.greta, db))
    cole = actor(db, world.cole)
    for days_ago in range(6, -1, -1):
        moment = NOW - timedelta(days=days_ago)
        checkins.submit_checkin(
            db,
            greta,
            world.greta.id,
            CheckInCreate(sleep_quality=3 + days_ago % 2, energy=3, recovery=4, stress=2),
            now=moment,
        )
        if days_ago % 2:
            training.log_session(
                db,
                greta,
                world.greta.id,
                TrainingLogCreate(local_date=moment.date(), duration_s=2400 + days_ago, rpe=5),
                now=moment,
            )
    import_activity(db, greta, world.greta.id, "run.fit", read("garmin-fenix-5-run.fit"), now=NOW)
    day_exceptions.mark_days(
        db,
        greta,
        world.greta.id,
        DayExceptionCreate(kind="travelling", start_date=NOW.date(), note="Oslo trip"),
        now=NOW,
    )
    cases.add_note(db, cole, world.greta.id, NoteCreate(body="Knee history"), now=NOW)
    cases.add_task(db, cole, world.greta.id, TaskCreate(title="Call Greta"), now=NOW)
    cases.open_health_case(
        db, cole, world.greta.id, HealthCaseCreate(kind="injury", started_on=NOW.date()), now=NOW
    )
    race = NOW.date() + timedelta(weeks=12)
    goal = goals.create_goal(
        db,
        cole,
        world.greta.id,
        GoalCreate(name="City 10K", distance_m=10000, race_date=race),
        now=NOW,
    )
    generation.generate_plan(db, cole, world.greta.id, PlanCreate(goal_id=goal.id), now=NOW)
    run = training.log_session(
        db,
        greta,
        world.greta.id,
        TrainingLogCreate(local_date=NOW.date(), duration_s=3000),
        now=NOW,
    )
    said = CommentCreate(body="Legs heavy on the hills.")
    comments.add_log_comment(db, greta, run.id, said, now=NOW)
    answer = CommentCreate(body="Easy tomorrow, then.")
    comments.add_log_comment(db, cole, run.id, answer, now=NOW)
    groups.create_group(db, cole, GroupCreate(name="Hill club", athlete_ids=[world.greta.id]))
    later = NotificationPreferencesUpdate(reminder_at=time(6, 30), quiet_days=[6])
    preferences.update_notification_preferences(db, greta, later)
    set_automation_mode(db, cole, "athlete", world.greta.id, AutomationUpdate(mode="automatic"))
    db.flush()


def _tables(content: bytes) -> tuple[zipfile.ZipFile, dict[str, list[dict[str, Any]]]]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    tables = {
        n.removeprefix("json/").removesuffix(".json"): json.loads(archive.read(n))
        for n in archive.namelist()
        if n.startswith("json/")
    }
    return archive, tables


def _canonical(content: bytes) -> dict[str, list[str]]:
    """Each table's rows as sorted JSON, every key replaced by the row it points at, every file
    by its digest."""
    archive, tables = _tables(content)
    by_key = {
        name: {r[pk]: r for r in rows if (pk := _own_key(name))} for name, rows in tables.items()
    }

    def row_of(name: str, row: dict[str, Any]) -> dict[str, Any]:
        table = Base.metadata.tables[name]
        kept = OWN_COLUMNS.get(name)
        out: dict[str, Any] = {}
        for column, value in row.items():
            if (kept and column not in kept) or column == "organization_id":
                continue
            if name in RECOMPUTED and column in RECOMPUTED_AT:
                continue
            if column in IMPORT_TIME.get(name, ()):
                continue
            if name == "daily_metrics" and column in ASSESSED and row["day"] < str(NOW.date()):
                continue
            fks = table.c[column].foreign_keys
            if fks:
                target = next(iter(fks)).column.table.name
                found = by_key.get(target, {}).get(value)
                out[column] = None if found is None else row_of(target, found)
            elif column == _own_key(name):
                continue
            elif isinstance(value, str) and value.startswith("files/"):
                out[column] = hashlib.sha256(archive.read(value)).hexdigest()
            elif name == "interventions" and column == "evidence":
                # The import's refresh assesses today again: today's evidence, once more.
                out[column] = sorted({json.dumps(e, sort_keys=True) for e in value})
            elif name == "timeline_events" and column == "ref_id":
                out[column] = value is not None
            else:
                out[column] = value
        return out

    return {
        name: sorted(json.dumps(_dated_first(row_of(name, r)), default=str) for r in rows)
        for name, rows in tables.items()
        if name not in STAYED
    }


def _differences(after: list[str], before: list[str]) -> list[str]:
    """Which columns differ and in how many rows, with a first example (empty: the same)."""
    if len(after) != len(before):
        return [f"{len(after)} rows for {len(before)}"]
    found: dict[str, list[str]] = {}
    for a, b in zip(after, before, strict=True):
        old, new = json.loads(b), json.loads(a)
        for k in old | new:
            if old.get(k) != new.get(k):
                found.setdefault(k, []).append(f"{old.get(k)!r} -> {new.get(k)!r}"[:200])
    return [f"{k} in {len(v)} rows, e.g. {v[0]}" for k, v in sorted(found.items())]


def _dated_first(row: dict[str, Any]) -> dict[str, Any]:
    """The row's columns in name order after its day, so that sorting rows pairs them by day."""
    return dict(sorted(row.items(), key=lambda kv: (kv[0] not in DAYS, kv[0])))


def _own_key(name: str) -> str | None:
    table = Base.metadata.tables[name]
    return "id" if "id" in table.c and not table.c.id.foreign_keys else None


def _imported_elsewhere(tmp_path: Path, content: bytes) -> tuple[bytes, dict[str, int]]:
    """Import ``content`` into a fresh database and export the athlete from there."""
    with migrated_factory(tmp_path, "imported") as (_, factory), factory() as session:
        library.sync_builtin_library(session)
        org = make_org(session, "Elsewhere Athletics", "elsewhere")
        admin = make_user(session, org, "admin", "Eli Admin")
        make_user(session, org, "coach", "Ines Coach")
        imported = import_athlete_export(
            session,
            content,
            organization_id=org.id,
            coach_email="ines.coach@elsewhere.example.com",
            now=NOW,
        )
        user = session.get(User, imported.user_id)
        assert user is not None
        assert user.must_change_password
        assert imported.temporary_password
        again = data_rights.export_athlete_data(
            session, actor(session, admin), imported.athlete_id, now=NOW
        )
        session.rollback()
    return again, imported.rows


def test_export_import_export_gives_the_same_rows_and_daily_metrics(
    db: Session, world: World, tmp_path: Path
) -> None:
    _a_season(db, world)
    first = data_rights.export_athlete_data(db, actor(db, world.ada), world.greta.id, now=NOW)
    again, counts = _imported_elsewhere(tmp_path, first)
    assert counts["check_ins"] == 7
    assert counts["session_comments"] == 2  # the coach's answer, its author forgotten
    assert counts["notification_preferences"] == 1
    first_tables = _tables(first)[1]
    (override,) = first_tables["setting_overrides"]
    assert (override["scope"], override["subject_id"]) == ("athlete", world.greta.id)
    (choices,) = _tables(again)[1]["notification_preferences"]
    assert (choices["reminder_at"], choices["quiet_days"]) == ("06:30:00", [6])
    before, after = _canonical(first), _canonical(again)
    assert len(before["daily_metrics"]) >= 7
    assert before["readiness_scores"]
    for name in sorted(before):
        assert _differences(after.get(name, []), before[name]) == [], name
    assert set(after) == set(before)


def test_an_email_already_here_is_refused_and_nothing_is_written(db: Session, world: World) -> None:
    content = data_rights.export_athlete_data(db, actor(db, world.ada), world.riley.id, now=NOW)
    users_before = db.scalar(select(func.count()).select_from(User))
    with pytest.raises(Conflict, match="already exists"):
        import_athlete_export(db, content, organization_id=world.south.id, now=NOW)
    assert db.scalar(select(func.count()).select_from(User)) == users_before


def _rewritten(content: bytes, change: dict[str, bytes | None]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            if name not in change:
                archive.writestr(name, source.read(name))
        for name, value in change.items():
            if value is not None:
                archive.writestr(name, value)
    return out.getvalue()


def _twice(content: bytes, name: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for entry in source.namelist():
            archive.writestr(entry, source.read(entry))
        with pytest.warns(UserWarning, match="Duplicate"):
            archive.writestr(name, source.read(name))
    return out.getvalue()


def _renamed(content: bytes, email: str) -> bytes:
    users = json.loads(zipfile.ZipFile(io.BytesIO(content)).read("json/users.json"))
    users[0]["email"] = email
    return _rewritten(content, {"json/users.json": json.dumps(users).encode()})


def _with_rows(content: bytes, name: str, edit: Any) -> bytes:
    rows = json.loads(zipfile.ZipFile(io.BytesIO(content)).read(f"json/{name}.json"))
    edit(rows)
    return _rewritten(content, {f"json/{name}.json": json.dumps(rows).encode()})


def _hostile_variants(content: bytes) -> dict[str, bytes]:
    base = _renamed(content, "moved@example.com")
    return {
        "not a zip": b"PK\x03\x04 not really",
        "no athlete": _rewritten(base, {"json/athletes.json": None}),
        "unknown table": _rewritten(base, {"json/secrets.json": b"[]"}),
        "an entry twice": _twice(base, "json/check_ins.json"),
        "unknown column": _with_rows(base, "check_ins", lambda r: r[0].update(is_admin=True)),
        "another athlete's row": _with_rows(
            base, "check_ins", lambda r: r[0].update(athlete_id=r[0]["athlete_id"] + 999)
        ),
        "a coach": _with_rows(base, "users", lambda r: r[0].update(role="admin")),
        "a wrong type": _with_rows(base, "check_ins", lambda r: r[0].update(energy="3; DROP")),
        "a file outside": _with_rows(
            base, "activity_files", lambda r: r[0].update(content="/etc/passwd")
        ),
        "a forged file": _with_rows(base, "activity_files", lambda r: r[0].update(sha256="0" * 64)),
        "a broken rule": _with_rows(base, "check_ins", lambda r: r[0].update(energy=99)),
    }


def _refusal(db: Session, content: bytes, organization_id: int) -> str | None:
    """Why the import refused ``content`` (None: it did not)."""
    try:
        import_athlete_export(db, content, organization_id=organization_id, now=NOW)
    except InvalidInput as error:
        return error.message
    return None


def test_a_malformed_or_hostile_export_is_refused_and_writes_nothing(
    db: Session, world: World
) -> None:
    _a_season(db, world)
    content = data_rights.export_athlete_data(db, actor(db, world.ada), world.greta.id, now=NOW)
    counts = {
        t.name: db.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables
    }
    for why, variant in _hostile_variants(content).items():
        refused = _refusal(db, variant, world.south.id) or "imported"
        assert "not an export this platform can import" in refused, why
        after = {
            t.name: db.scalar(select(func.count()).select_from(t))
            for t in Base.metadata.sorted_tables
        }
        assert after == counts, why


def test_an_import_lands_in_the_organization_with_its_coach_and_one_audit_row(
    db: Session, world: World
) -> None:
    _a_season(db, world)
    content = data_rights.export_athlete_data(db, actor(db, world.ada), world.greta.id, now=NOW)
    moved = _renamed(content, "greta.moved@example.com")
    with pytest.raises(NotFound):
        import_athlete_export(
            db, moved, organization_id=world.south.id, coach_email=world.cole.email, now=NOW
        )
    imported = import_athlete_export(
        db, moved, organization_id=world.south.id, coach_email=world.otto.email, now=NOW
    )
    athlete = db.get(Athlete, imported.athlete_id)
    assert athlete is not None
    assert athlete.organization_id == world.south.id
    assert athlete.timezone == "Europe/Oslo"
    otto = actor(db, world.otto)
    assert data_rights.export_athlete_data(db, actor(db, world.ada), world.greta.id, now=NOW)
    scores = db.scalar(
        select(func.count())
        .select_from(ReadinessScore)
        .where(ReadinessScore.athlete_id == athlete.id)
    )
    assert scores == 7
    days = db.scalar(
        select(func.count()).select_from(DailyMetric).where(DailyMetric.athlete_id == athlete.id)
    )
    assert days is not None
    assert days >= 7
    assert otto.organization_id == athlete.organization_id
    (audit,) = db.scalars(
        select(AuditLog).where(
            AuditLog.entity == "athletes",
            AuditLog.entity_id == str(athlete.id),
            AuditLog.changes["imported"].as_boolean(),
        )
    )
    assert audit.changes["rows"]["check_ins"] == 7
