"""A small table of rows given with a statement as one JSON parameter: ``RowsTable``.

Batch reads join it to say, per row, which athlete and which days they want: one statement for a
batch of athletes whose days differ. The rows travel as one JSON array, so the statement has one
text for any batch size and SQLAlchemy caches it like a fixed statement. Two ``@compiles``
elements render the JSON functions of each database (``json_each`` on SQLite,
``json_array_elements`` on PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import CTE, String, bindparam, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import TypeEngine


class _JsonRows(FunctionElement[Any]):
    """The elements of a JSON array, one row each, in a column named ``value``."""

    name = "json_rows"
    inherit_cache = True


@compiles(_JsonRows, "sqlite")
def _json_rows_sqlite(element: _JsonRows, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_each({compiler.process(element.clauses, **kw)})"


@compiles(_JsonRows, "postgresql")
def _json_rows_postgresql(element: _JsonRows, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_array_elements(CAST({compiler.process(element.clauses, **kw)} AS json))"


class _Item(ColumnElement[Any]):
    """The item at ``index`` of a JSON array value, as a value of ``type_``."""

    inherit_cache = True
    _traverse_internals = [  # noqa: RUF012 (SQLAlchemy reads it as a class attribute)
        ("value", InternalTraversal.dp_clauseelement),
        ("index", InternalTraversal.dp_plain_obj),
        ("type", InternalTraversal.dp_type),
    ]

    def __init__(self, value: ColumnElement[Any], index: int, type_: TypeEngine[Any]) -> None:
        self.value = value
        self.index = index
        self.type = type_


@compiles(_Item, "sqlite")
def _item_sqlite(element: _Item, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_extract({compiler.process(element.value, **kw)}, '$[{element.index}]')"


@compiles(_Item, "postgresql")
def _item_postgresql(element: _Item, compiler: SQLCompiler, **kw: Any) -> str:
    sql_type = compiler.dialect.type_compiler_instance.process(element.type)
    return f"CAST(({compiler.process(element.value, **kw)} ->> {element.index}) AS {sql_type})"


class RowsTable:
    """A named table of rows with typed columns, bound as one JSON parameter (``params``)."""

    def __init__(self, name: str, columns: Sequence[tuple[str, TypeEngine[Any]]]) -> None:
        self.name = name
        self.columns = tuple(columns)
        each = _JsonRows(bindparam(f"{name}_rows", type_=String())).table_valued("value")
        items = (_Item(each.c.value, i, t).label(c) for i, (c, t) in enumerate(self.columns))
        self.table: CTE = select(*items).select_from(each).cte(name)

    def params(self, rows: Sequence[Sequence[object]]) -> dict[str, object]:
        """The parameter that carries ``rows`` (each in the order of the columns)."""
        return {f"{self.name}_rows": json.dumps(rows, default=_json_value)}


def _json_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"a rows table holds numbers, text and dates, not {type(value).__name__}")
