"""An athlete's export read back: its ZIP entries within bounds, each value typed by its column.

Every refusal names what is wrong with the file (``refuse``); nothing here writes. The import
(``services/export_import.py``) turns what is read here into this instance's rows.
"""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, Column

from runseason.db.base import Base
from runseason.db.types import UTCDateTime
from runseason.domain.streams import CHANNELS, make_streams, pack
from runseason.errors import InvalidInput

MAX_ENTRIES = 100_000
MAX_BYTES = 2 * 1024**3  # uncompressed, the whole archive
MAX_ROWS = 2_000_000
FILES = "files/"


def refuse(why: str) -> InvalidInput:
    return InvalidInput(f"This file is not an export this platform can import: {why}.")


class ExportArchive:
    """The export's entries, read with bounds: no more entries or bytes than an export holds."""

    def __init__(self, content: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(content))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError, OSError) as error:
            raise refuse("it is not a ZIP file") from error
        if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_BYTES:
            raise refuse("it is larger than any export")
        self.names = {i.filename for i in infos}
        if len(self.names) != len(infos):
            raise refuse("it names an entry twice")

    def read(self, name: str) -> bytes:
        if name not in self.names:
            raise refuse(f"{name} is missing")
        try:
            return self.zip.read(name)
        except (zipfile.BadZipFile, RuntimeError, ValueError, OSError, EOFError) as error:
            raise refuse(f"{name} cannot be read") from error

    def table(self, name: str) -> list[dict[str, Any]]:
        try:
            rows = json.loads(self.read(f"json/{name}.json"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            raise refuse(f"json/{name}.json is not JSON") from error
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise refuse(f"json/{name}.json is not a list of rows")
        return rows

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Every table of the export by name; a table this schema does not know is refused."""
        found: dict[str, list[dict[str, Any]]] = {}
        for name in sorted(self.names):
            if not name.startswith("json/"):
                continue
            table = name.removeprefix("json/").removesuffix(".json")
            if table not in Base.metadata.tables or not name.endswith(".json"):
                raise refuse(f"{name} is no table of this platform")
            found[table] = self.table(table)
        if sum(len(rows) for rows in found.values()) > MAX_ROWS:
            raise refuse("it holds more rows than any export")
        return found


def typed(column: Column[Any], raw: Any, file: Callable[[Any], bytes]) -> Any:
    """The exported value as the column's Python value, or a refusal (JSON columns as they are)."""
    if raw is None:
        return None
    if isinstance(column.type, JSON):
        return raw
    kind = datetime if isinstance(column.type, UTCDateTime) else column.type.python_type
    if kind is bytes:
        return file(raw)
    if kind is bool and isinstance(raw, bool):
        return raw
    if kind is int and isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if kind is float and isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    if kind is str and isinstance(raw, str):
        length = getattr(column.type, "length", None)
        if length is None or len(raw) <= length:
            return raw
    if kind in (datetime, date, time) and isinstance(raw, str):
        try:
            value = kind.fromisoformat(raw)
        except ValueError:
            value = None
        if value is not None and (kind is not datetime or value.tzinfo is not None):
            return value
    raise refuse(f"{column.table.name}.{column.name} holds {str(raw)[:40]!r}")


def samples(content: bytes, row: dict[str, Any]) -> tuple[list[dict[str, Any]], bytes]:
    """A session's samples CSV packed again as the stream the export unpacked."""
    try:
        lines = list(csv.reader(io.StringIO(content.decode())))
        names, values = lines[0], lines[1:]
        if not set(names) <= set(CHANNELS) or "time_s" not in names:
            raise ValueError(names)
        columns = {
            name: [math.nan if v[i] == "" else float(v[i]) for v in values]
            for i, name in enumerate(names)
        }
        layout, data = pack(make_streams(columns))
    except (IndexError, ValueError, UnicodeDecodeError) as error:
        raise refuse("a session's samples are not readable") from error
    stated = row.get("channels")
    stated_names = [c.get("name") for c in stated if isinstance(c, dict)] if stated else []
    if [c["name"] for c in layout] != stated_names:
        raise refuse("a session's samples do not match its channels")
    if len(values) != row.get("point_count"):
        raise refuse("a session's samples do not match its point count")
    return layout, data
