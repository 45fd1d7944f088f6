"""JSON objects built by the database, one ``@compiles`` construct for SQLite and PostgreSQL.

``json_object_of`` renders SQLite's ``json_object`` or PostgreSQL's ``json_build_object``;
``json_text`` reads the object as text for pydantic-core to parse in one call, where a wide row
would otherwise pass each column through its own type processor. Values keep their meaning on both
databases: JSON columns and nested objects embed as JSON, timestamps carry their zone (SQLite
keeps naive UTC text) and doubles keep all 17 digits (SQLite's JSON functions print 15).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Float, String, case, literal_column, null
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement, Label
from sqlalchemy.sql.functions import FunctionElement

from runseason.db.types import JSONType, UTCDateTime

Column = ColumnElement[Any] | QueryableAttribute[Any]


class json_object_of(FunctionElement[Any]):  # noqa: N801 (named as the SQL functions are)
    """One JSON object of the given columns, keyed by their names (or their labels)."""

    type = JSONType
    inherit_cache = True
    name = "json_object_of"

    def __init__(self, *columns: Column) -> None:
        pairs: list[Column] = []
        for c in columns:
            key = c.name if isinstance(c, Label) else getattr(c, "key", None)
            if not isinstance(key, str) or not key.isidentifier():
                raise ValueError(f"json_object_of needs named columns, not {c!r}")
            pairs += [literal_column(f"'{key}'"), c.element if isinstance(c, Label) else c]
        super().__init__(*pairs)


class json_text(FunctionElement[str]):  # noqa: N801
    """A JSON value read as its text (for pydantic-core to parse), not parsed by the driver."""

    type = String()
    inherit_cache = True
    name = "json_text"


def json_object_or_null(present: Column, *columns: Column) -> Any:
    """``json_object_of(*columns)``, or null where ``present`` is (an outer join's missing row)."""
    return case((present.is_(None), null()), else_=json_object_of(*columns))


def _sqlite_value(value: ColumnElement[Any], rendered: str) -> str:
    if isinstance(value, json_object_of):
        return rendered  # SQLite embeds a nested object as JSON
    if isinstance(value.type, JSON):
        return f"json({rendered})"  # JSON text, embedded as JSON
    if isinstance(value.type, UTCDateTime):
        return f"({rendered} || '+00:00')"  # naive UTC text, given its zone
    if isinstance(value.type, Float):  # every digit of the double, as a JSON number
        return f"CASE WHEN {rendered} IS NULL THEN NULL ELSE json(printf('%!.17g', {rendered})) END"
    return rendered


def _pairs(element: json_object_of, compiler: SQLCompiler, sqlite: bool, **kw: Any) -> str:
    clauses = list(element.clauses)
    parts = []
    for key, value in zip(clauses[::2], clauses[1::2], strict=True):
        rendered = compiler.process(value, **kw)
        if sqlite:
            rendered = _sqlite_value(value, rendered)
        parts += [compiler.process(key, **kw), rendered]
    return ", ".join(parts)


@compiles(json_object_of, "sqlite")
def _object_sqlite(element: json_object_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_object({_pairs(element, compiler, True, **kw)})"


@compiles(json_object_of, "postgresql")
def _object_postgresql(element: json_object_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_build_object({_pairs(element, compiler, False, **kw)})"


@compiles(json_text, "sqlite")
def _text_sqlite(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)  # SQLite's JSON values are text


@compiles(json_text, "postgresql")
def _text_postgresql(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS TEXT)"
