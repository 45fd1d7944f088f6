"""An athlete's export (``services/data_rights.py``) brought into an organization of this instance.

    ZIP ─► ExportArchive        every json/<table>.json checked against the schema: known
    │                           tables and columns, values of each column's type, files found
    └─► import_athlete_export   a new account (temporary password, never the old hash) and
          │                     profile, then each table's rows in the schema's order, their
          │                     keys remapped to the new rows; one audit row records it
          └─► derived data      readiness scores and the daily metrics are computed again by
                                the platform (checkins.score_stored_checkins, the refresh)

What belonged to the old instance rather than to the athlete (coach assignments, training
groups, calendar-feed links, webhook messages) stays behind; a reference to a person of the old
instance (a coach who wrote a note) is forgotten, as erasure would forget it. Everything runs in
one savepoint: a refused export writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from hashlib import sha256
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Column, Table, insert, select
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from runseason.db.base import Base
from runseason.db.models import Athlete, AuditLog, CheckIn, SessionTemplate, TrainingLog, User
from runseason.domain.dates import local_date
from runseason.errors import Conflict, NotFound
from runseason.schemas.accounts import CreatedUser, UserCreate
from runseason.services import checkins
from runseason.services.export_archive import FILES, ExportArchive, refuse, samples, typed
from runseason.services.identity import auth, users
from runseason.services.refresh import snapshots

# Rows of the athlete, brought in; the schema's order puts parents first, except that a
# timeline event names its subject (an intervention, a task) by kind and id, so it comes last.
IMPORTED = frozenset(
    {
        "availability_exceptions",
        "race_goals",
        "check_ins",
        "training_plans",
        "plan_weeks",
        "planned_sessions",
        "plan_revisions",
        "import_runs",
        "import_uploads",
        "training_logs",
        "activity_files",
        "activity_sources",
        "activity_streams",
        "health_cases",
        "recommendations",
        "interventions",
        "case_notes",
        "tasks",
        "coach_actions",
        "session_comments",
        "timeline_events",
        "notification_preferences",
    }
)
# Computed again here, or the old instance's own (its coaches, links, outgoing messages, the
# coaches' settings, and the sign-ins and keys that opened that instance).
LEFT_BEHIND = frozenset(
    {
        "daily_metrics",
        "athlete_snapshots",
        "load_series",
        "metric_refresh_jobs",
        "readiness_scores",
        "coach_assignments",
        "group_members",
        "calendar_feeds",
        "webhook_messages",
        "webhook_deliveries",
        "notification_sends",
        "setting_overrides",
        "api_keys",
        "refresh_tokens",
        "user_sessions",
        "idempotency_records",
    }
)
# A timeline event's ref_type names its subject's table (the plural), except these.
REFERRED = {"note": "case_notes"}


@dataclass
class ImportedAthlete:
    """The athlete an import created, their temporary password (shown once) and rows per table."""

    user_id: int
    athlete_id: int
    email: str
    temporary_password: str
    rows: dict[str, int] = field(default_factory=dict)


class _Rows:
    """The export's rows turned into this instance's: new keys, this organization, typed values."""

    def __init__(self, session: Session, archive: ExportArchive, organization_id: int) -> None:
        self.session, self.archive, self.organization_id = session, archive, organization_id
        self.ids: dict[str, dict[int, int]] = {}
        visible = (SessionTemplate.organization_id == organization_id) | (
            SessionTemplate.organization_id.is_(None)
        )
        # A planned session names its template by code: the organization's own over the library's.
        self.templates = dict(
            session.execute(
                select(SessionTemplate.code, SessionTemplate.id)
                .where(visible, SessionTemplate.is_archived.is_(False))
                .order_by(SessionTemplate.organization_id.is_not(None), SessionTemplate.id)
            ).all()
        )

    def file(self, path: Any) -> bytes:
        if not isinstance(path, str) or not path.startswith(FILES):
            raise refuse(f"a file is named {str(path)[:40]!r}")
        return self.archive.read(path)

    def key(self, column: Column[Any], raw: Any) -> Any:
        """The new key for an old one; a reference to what did not come along is forgotten."""
        (fk,) = column.foreign_keys
        target = fk.column.table.name
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise refuse(f"{column.table.name}.{column.name} is not a key")
        if target == "organizations":
            return self.organization_id
        mapped = self.ids.get(target, {}).get(raw)
        if mapped is None and (target == "athletes" or not column.nullable):
            raise refuse(f"{column.table.name}.{column.name} points at a row the file lacks")
        return mapped

    def values(self, table: Table, raw: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """The row's old key and the values to insert."""
        unknown = set(raw) - set(table.c.keys())
        if unknown:
            raise refuse(f"{table.name} has no column {sorted(unknown)[0]!r}")
        old: Any = None
        values: dict[str, Any] = {}
        for column in table.c:
            if column.name not in raw:
                continue
            value = raw[column.name]
            if column.primary_key:
                old = value
            if column.name == "organization_id":
                values[column.name] = self.organization_id
            elif column.foreign_keys:
                values[column.name] = None if value is None else self.key(column, value)
            elif not column.primary_key:
                values[column.name] = typed(column, value, self.file)
        self._fix(table.name, raw, values)
        return old, values

    def _fix(self, name: str, raw: dict[str, Any], values: dict[str, Any]) -> None:
        """What the schema's keys do not say: files checked, samples packed, loose references."""
        if name == "activity_files" and sha256(values.get("content") or b"").hexdigest() != (
            values.get("sha256")
        ):
            raise refuse("an activity file does not match its checksum")
        if name == "activity_streams":
            values["channels"], values["data"] = samples(self.file(raw.get("data")), raw)
        if name == "planned_sessions":
            values["template_id"] = self.templates.get(values.get("template_code") or "")
        if name == "timeline_events" and values.get("ref_id") is not None:
            kind = values.get("ref_type") or ""
            table = REFERRED.get(kind, f"{kind}s")
            values["ref_id"] = self.ids.get(table, {}).get(values["ref_id"])

    def insert(self, table: Table, rows: list[dict[str, Any]]) -> int:
        """Insert a table's rows in their order; the old keys of new rows map to the new."""
        mapped = self.ids.setdefault(table.name, {})
        own_key = "id" in table.c and not table.c.id.foreign_keys
        for raw in rows:
            old, values = self.values(table, raw)
            if not own_key:
                self.session.execute(insert(table).values(values))
                continue
            if not isinstance(old, int) or old in mapped:
                raise refuse(f"{table.name} has a missing or repeated id")
            statement = insert(table).values(values).returning(table.c.id)
            mapped[old] = self.session.execute(statement).scalar_one()
        return len(rows)


def _one(tables: dict[str, list[dict[str, Any]]], name: str) -> dict[str, Any]:
    rows = tables.get(name) or []
    if len(rows) != 1:
        raise refuse(f"it should hold one row of {name}, not {len(rows)}")
    return rows[0]


def _new_account(
    session: Session,
    person: dict[str, Any],
    profile: dict[str, Any],
    placement: tuple[int, str | None],
    now: datetime,
) -> CreatedUser:
    """The athlete's new account (a temporary password) and profile, with their coach here."""
    organization_id, coach_email = placement
    keys = (person.get("id"), profile.get("id"))
    if not all(isinstance(k, int) for k in keys) or profile.get("user_id") != keys[0]:
        raise refuse("it is not one athlete's export")
    if person.get("role") != "athlete":
        raise refuse("it is not an athlete's export")
    email = auth.normalize_email(str(person.get("email")))
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise Conflict(
            f"An account with the email {email} already exists here; the export is not imported."
        )
    coach_id = None
    if coach_email is not None:
        coach = users.find_user_by_email(session, coach_email)
        if coach is None or coach.organization_id != organization_id:
            raise NotFound(f"No coach with the email {coach_email} in this organization.")
        coach_id = coach.id
    wanted = {"email": email, "full_name": person.get("full_name"), "role": "athlete"}
    for name in ("timezone", "unit_preference", "sex", "birth_year", "level"):
        wanted[name] = profile.get(name)
    try:
        data = UserCreate(**wanted, coach_id=coach_id)
    except ValidationError as error:
        raise refuse(f"the athlete's {error.errors()[0]['loc'][0]} is not valid") from error
    return users.create_user(session, None, data, now=now, organization_id=organization_id)


def _first_day(session: Session, athlete_id: int, today: date) -> date:
    """The athlete's first day with a check-in or a session: the refresh starts there."""
    firsts = [
        session.scalar(
            select(CheckIn.local_date)
            .where(CheckIn.athlete_id == athlete_id)
            .order_by(CheckIn.local_date)
            .limit(1)
        ),
        session.scalar(
            select(TrainingLog.local_date)
            .where(TrainingLog.athlete_id == athlete_id)
            .order_by(TrainingLog.local_date)
            .limit(1)
        ),
    ]
    return min([d for d in firsts if d is not None], default=today)


def _bring(
    session: Session,
    archive: ExportArchive,
    tables: dict[str, list[dict[str, Any]]],
    placement: tuple[int, str | None],
    now: datetime,
) -> ImportedAthlete:
    person, profile = _one(tables, "users"), _one(tables, "athletes")
    created = _new_account(session, person, profile, placement, now)
    athlete = session.get(Athlete, created.user.athlete_id)
    assert athlete is not None
    rows = _Rows(session, archive, placement[0])
    rows.ids = {"users": {person["id"]: created.user.id}, "athletes": {profile["id"]: athlete.id}}
    _, kept = rows.values(Athlete.__table__, profile)  # type: ignore[arg-type]
    for name, value in kept.items():
        if name not in ("user_id", "organization_id", "updated_at"):
            setattr(athlete, name, value)
    session.flush()
    counts = {"users": 1, "athletes": 1}
    order = [t for t in Base.metadata.sorted_tables if t.name in IMPORTED]
    order.sort(key=lambda t: t.name == "timeline_events")
    for table in order:
        if tables.get(table.name):
            counts[table.name] = rows.insert(table, tables[table.name])
    checkins.score_stored_checkins(session, athlete)
    today = local_date(now, athlete.timezone)
    snapshots.refresh_after_change(
        session, athlete.id, _first_day(session, athlete.id, today), now=now
    )
    session.execute(
        insert(AuditLog).values(
            organization_id=athlete.organization_id,
            occurred_at=now,
            entity="athletes",
            entity_id=str(athlete.id),
            action="insert",
            changes={"imported": True, "rows": counts},
        )
    )
    return ImportedAthlete(
        created.user.id, athlete.id, created.user.email, created.temporary_password, counts
    )


def import_athlete_export(
    session: Session,
    content: bytes,
    *,
    organization_id: int,
    coach_email: str | None = None,
    now: datetime,
) -> ImportedAthlete:
    """Bring one athlete's export into the organization (the server's operator): a new account
    with a temporary password, their rows under new keys and the derived data computed here.
    A malformed or hostile file, or an email already here, is refused and nothing is written."""
    archive = ExportArchive(content)
    tables = archive.tables()
    unknown = set(tables) - IMPORTED - LEFT_BEHIND - {"users", "athletes"}
    if unknown:
        raise refuse(f"it holds {sorted(unknown)[0]}, which no athlete's export holds")
    try:
        with session.begin_nested():
            imported = _bring(session, archive, tables, (organization_id, coach_email), now)
    except StatementError as error:
        raise refuse("its rows break the database's rules") from error
    session.expire_all()
    return imported
