"""An athlete's right to their data: everything the platform holds about them, in one ZIP."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from datetime import datetime
from pathlib import PurePath
from typing import Any

from sqlalchemy import ForeignKey, Select, Table, select
from sqlalchemy.orm import Session

from runseason.db.base import Base
from runseason.db.models import Athlete, SettingOverride, User
from runseason.domain.streams import unpack
from runseason.errors import PermissionDenied
from runseason.services import coaching_settings
from runseason.services.identity.access import Actor, get_athlete, use_case

# Credentials are never exported: a download must not become a way to copy someone's access.
SECRET_COLUMNS = frozenset({"password_hash", "key_hash", "token_hash"})
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
README = """Everything Run Season Command holds about {name}, exported {when}.

json/<table>.json  every row of each table that belongs to you, as exact values
csv/<table>.csv    the same rows for a spreadsheet (cells that would start a formula begin with ')
files/             your uploaded activity files as you sent them, and each recorded session's
                   samples as a CSV (time, distance, heart rate, cadence, power, altitude, speed,
                   position); the tables name these files where the data was
Tables: {tables}
"""


def spreadsheet_safe(value: Any) -> str:
    """A cell's text that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _athlete_tables() -> list[Table]:
    """Every table whose rows belong to one athlete, found from the schema itself."""
    return [t for t in Base.metadata.sorted_tables if "athlete_id" in t.c and t.name != "athletes"]


def _account_tables() -> list[Table]:
    """Tables whose rows belong to one person's account (their email choices and sends, sign-in
    sessions, API keys), found from the schema: a ``user_id`` that goes with the user."""
    return [
        t
        for t in Base.metadata.sorted_tables
        if "user_id" in t.c
        and "athlete_id" not in t.c
        and any(
            fk.column.table.name == "users" and (fk.ondelete or "").upper() == "CASCADE"
            for fk in t.c.user_id.foreign_keys
        )
    ]


def _child_tables(parents: list[Table]) -> list[tuple[Table, ForeignKey]]:
    """Tables without an athlete column whose rows hang from the athlete's rows (a plan's
    weeks and revisions, an import's upload), each with the key that ties it to its parent."""
    names = {t.name for t in parents}
    return [
        (table, fk)
        for table in Base.metadata.sorted_tables
        if "athlete_id" not in table.c
        for fk in table.foreign_keys
        if fk.column.table.name in names and (fk.ondelete or "").upper() == "CASCADE"
    ]


def _rows(session: Session, table: Table, column: str, value: Any) -> list[dict[str, Any]]:
    columns = [c for c in table.c if c.name not in SECRET_COLUMNS]
    where = table.c[column].in_(value) if isinstance(value, Select) else table.c[column] == value
    query = select(*columns).where(where)
    order = list(table.primary_key.columns)
    return [dict(r._mapping) for r in session.execute(query.order_by(*order))]


def _samples_csv(row: dict[str, Any]) -> bytes:
    streams = unpack(row["channels"], row["data"], row["point_count"])
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(list(streams.columns))
    columns = [values.tolist() for values in streams.columns.values()]
    writer.writerows(
        ["" if math.isnan(v) else v for v in line] for line in zip(*columns, strict=True)
    )
    return buffer.getvalue().encode()


def _file_of(name: str, number: int, column: str, row: dict[str, Any]) -> tuple[str, bytes]:
    if name == "activity_streams":
        return f"files/samples/session-{row['training_log_id']}.csv", _samples_csv(row)
    if name == "activity_files":
        # Only the file's own name, in safe characters: no folders or dot-dot inside the ZIP.
        safe = re.sub(r"[^\w.-]", "_", PurePath(row["filename"]).name).lstrip(".")
        return f"files/uploads/{row['sha256'][:12]}-{safe}", row[column]
    return f"files/{name}/{number}-{column}.bin", row[column]


def _write_files(archive: zipfile.ZipFile, name: str, rows: list[dict[str, Any]]) -> None:
    """Binary values go into files of their own; the row names the file instead."""
    for number, row in enumerate(rows, 1):
        for column in [c for c, v in row.items() if isinstance(v, bytes)]:
            path, content = _file_of(name, number, column, row)
            archive.writestr(path, content)
            row[column] = path


def _write_table(archive: zipfile.ZipFile, name: str, rows: list[dict[str, Any]]) -> None:
    archive.writestr(f"json/{name}.json", json.dumps(rows, default=str, indent=1))
    buffer = io.StringIO()
    if rows:
        writer = csv.writer(buffer)
        writer.writerow(rows[0].keys())
        writer.writerows([spreadsheet_safe(v) for v in row.values()] for row in rows)
    archive.writestr(f"csv/{name}.csv", buffer.getvalue())


@use_case("athlete")
def export_athlete_data(session: Session, actor: Actor, athlete_id: int, *, now: datetime) -> bytes:
    """The athlete's data as a ZIP: for the athlete themself or an admin of their organization."""
    athlete: Athlete = get_athlete(session, actor, athlete_id)
    if actor.role == "coach":
        raise PermissionDenied("An athlete's full export is for the athlete or an administrator.")
    tables: dict[str, list[dict[str, Any]]] = {
        "athletes": _rows(session, Athlete.__table__, "id", athlete.id),  # type: ignore[arg-type]
        "users": _rows(session, User.__table__, "id", athlete.user_id),  # type: ignore[arg-type]
    }
    owned = _athlete_tables()
    for table in owned:
        tables[table.name] = _rows(session, table, "athlete_id", athlete.id)
    for table in _account_tables():
        tables[table.name] = _rows(session, table, "user_id", athlete.user_id)
    kept = select(SettingOverride.__table__).where(coaching_settings.kept_for_athlete(athlete.id))
    tables["setting_overrides"] = [
        dict(r._mapping) for r in session.execute(kept.order_by(SettingOverride.id))
    ]
    for table, fk in _child_tables(owned):
        parent = fk.column.table
        theirs = select(fk.column).where(parent.c.athlete_id == athlete.id)
        tables[table.name] = _rows(session, table, fk.parent.name, theirs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            _write_files(archive, name, rows)
            _write_table(archive, name, rows)
        name = tables["users"][0]["full_name"] if tables["users"] else "the athlete"
        archive.writestr(
            "README.txt",
            README.format(name=name, when=now.isoformat(), tables=", ".join(sorted(tables))),
        )
    return buffer.getvalue()
