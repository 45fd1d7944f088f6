"""Many-row writes at the driver's own speed: one statement executed for many rows.

The metrics refresh updates the ``daily_metrics`` rows whose inputs changed this way (a batch of
changed days can be long: a season imported at once). Through a compiled SQLAlchemy statement,
building each row's parameters (names, defaults, type processing per value) cost more than the
database's own work: 12 ms for 700 rows on SQLite against 5 ms for the same ``executemany`` given
tuples. ``RowUpdater`` prepares the statement text
once per dialect and applies only the type processors a column actually has.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import (
    CTE,
    Connection,
    Select,
    String,
    Table,
    bindparam,
    column,
    func,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import Compiled
from sqlalchemy.types import TypeEngine

_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


class RowUpdater:
    """``UPDATE table SET columns WHERE keys``, executed once per row with the driver's executemany.

    Rows are sequences: the values of ``columns`` in order, then the values of ``keys``.
    """

    def __init__(self, table: Table, columns: Sequence[str], keys: Sequence[str]) -> None:
        self.table = table
        self.columns = tuple(columns)
        self.keys = tuple(keys)
        self._prepared: dict[str, tuple[str, list[tuple[int, Callable[[Any], Any]]]]] = {}

    def _prepare(self, dialect: Dialect) -> tuple[str, list[tuple[int, Callable[[Any], Any]]]]:
        prepared = self._prepared.get(dialect.name)
        if prepared is None:
            mark = _MARKS.get(dialect.paramstyle)
            if mark is None:
                raise NotImplementedError(f"no bulk row update for paramstyle {dialect.paramstyle}")
            quote = dialect.identifier_preparer.quote
            sets = ", ".join(f"{quote(c)} = {mark}" for c in self.columns)
            where = " AND ".join(f"{quote(k)} = {mark}" for k in self.keys)
            # Names come from the table's metadata, quoted by the dialect: nothing user-given.
            sql = f"UPDATE {quote(self.table.name)} SET {sets} WHERE {where}"  # noqa: S608
            processors: list[tuple[int, Callable[[Any], Any]]] = []
            for position, name in enumerate(self.columns + self.keys):
                process = self.table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
                if process is not None:
                    processors.append((position, process))
            prepared = (sql, processors)
            self._prepared[dialect.name] = prepared
        return prepared

    def execute(self, connection: Connection, rows: Iterable[Sequence[object]]) -> int:
        """Write ``rows``; returns how many were given (an empty batch runs nothing)."""
        sql, processors = self._prepare(connection.dialect)
        params: list[tuple[object, ...]] = []
        # A value repeated from the previous row (a common timestamp) is processed once.
        last: dict[int, tuple[object, object]] = {}
        for row in rows:
            if not processors:
                params.append(tuple(row))
                continue
            values = list(row)
            for position, process in processors:
                value = values[position]
                seen = last.get(position)
                if seen is not None and seen[0] is value:
                    values[position] = seen[1]
                else:
                    values[position] = processed = process(value)
                    last[position] = (value, processed)
            params.append(tuple(values))
        if params:
            connection.exec_driver_sql(sql, params)
        return len(params)


MAX_ROWS = 500  # SQLite's default limit of selects in one compound select
ARRAYS = 0  # the shape of a rows table given as arrays (PostgreSQL), whatever its length
JSON_ROWS = -1  # the shape of a rows table given as one JSON array of rows (SQLite)


class RowsTable:
    """A small table of rows given with a statement.

    Batch reads join it to say, per row, which athlete and which days they want: one statement for
    a batch of athletes whose days differ (their time zones, the days each change touched).
    ``bind`` gives the shape of the table for a connection and the rows' parameters; the
    statements of one shape are built once and reused (the rows are bound parameters), so
    SQLAlchemy's statement cache serves a one-athlete refresh as it serves a fixed statement.

    On PostgreSQL the table is ``unnest`` of one array parameter per column: the same statement
    text for any number of rows, which the server plans in well under a millisecond and psycopg
    prepares once it repeats. On SQLite it is ``json_each`` of one JSON array of the rows (each
    value as SQLAlchemy would bind it): one statement text for any number of rows too. As a union
    of one-row selects (one text per number of rows, which other databases still get) a worker
    taking 1 to 25 athletes a batch compiled and prepared each of its nine batch statements once
    per size, past the driver's cache of prepared statements, and ran them slower (25 rows:
    0.18-0.58 ms a statement against 0.09-0.46 ms). SQLAlchemy does not cache statements with a
    VALUES clause (each run compiled them again, about 1.5 ms a statement), and SQLite takes at
    most ``MAX_ROWS`` selects in one compound. On PostgreSQL a union of 200 rows took 24 ms to
    plan against 12 ms to run.
    """

    def __init__(self, name: str, columns: Sequence[tuple[str, TypeEngine[Any]]]) -> None:
        self.name = name
        self.columns = tuple(columns)
        self._tables: dict[int, CTE] = {}

    def bind(
        self, connection: Connection, rows: Sequence[Sequence[object]]
    ) -> tuple[int, dict[str, object]]:
        """The shape of the table of ``rows`` on this connection (for ``table``), and the
        parameters that carry them."""
        names = [c for c, _ in self.columns]
        if connection.dialect.name == "postgresql":
            values = list(zip(*rows, strict=True)) if rows else [() for _ in names]
            return ARRAYS, {f"{self.name}_{c}": list(v) for c, v in zip(names, values, strict=True)}
        if connection.dialect.name == "sqlite":
            # Each value as SQLAlchemy would bind it (a date as SQLite stores it: ISO text).
            dialect = connection.dialect
            processors = [t.dialect_impl(dialect).bind_processor(dialect) for _, t in self.columns]
            table = [
                [v if f is None else f(v) for f, v in zip(processors, row, strict=True)]
                for row in rows
            ]
            return JSON_ROWS, {f"{self.name}_rows": json.dumps(table)}
        return len(rows), {
            f"{self.name}_{c}_{i}": value
            for i, row in enumerate(rows)
            for c, value in zip(names, row, strict=True)
        }

    def table(self, shape: int) -> CTE:
        """The table of a shape ``bind`` gave: ``ARRAYS``, or a number of rows."""
        found = self._tables.get(shape)
        if found is not None:
            return found
        if shape == ARRAYS:
            arrays = (
                func.unnest(
                    *(bindparam(f"{self.name}_{c}", type_=ARRAY(t)) for c, t in self.columns)
                )
                .table_valued(*(column(c, t) for c, t in self.columns))
                .render_derived()
            )
            found = select(*arrays.c).cte(self.name)
        elif shape == JSON_ROWS:
            each = func.json_each(bindparam(f"{self.name}_rows", type_=String())).table_valued(
                "value"
            )
            found = select(
                *(
                    type_coerce(func.json_extract(each.c.value, f"$[{i}]"), t).label(c)
                    for i, (c, t) in enumerate(self.columns)
                )
            ).cte(self.name)
        elif 0 < shape <= MAX_ROWS:
            rows = [
                select(
                    *(bindparam(f"{self.name}_{c}_{i}", type_=t).label(c) for c, t in self.columns)
                )
                for i in range(shape)
            ]
            found = (rows[0] if shape == 1 else union_all(*rows)).cte(self.name)
        else:
            raise ValueError(f"a rows table holds 1 to {MAX_ROWS} rows, not {shape}")
        self._tables[shape] = found
        return found


def read_numbers(
    connection: Connection, statement: Select[*tuple[Any, ...]]
) -> NDArray[np.float64]:
    """The rows of a statement that selects numbers only, as a two-dimensional float array.

    The metrics refresh reads every stored day's load of a batch of athletes this way (180,000
    rows for 250 athletes' two years): SQLAlchemy's result rows cost about 1.5 µs each on top of
    the driver's fetch, and turning them into an array costs more again. The statement is
    rendered with its values inline, so it must take only numbers (ids, not text from a user),
    and runs on the connection's own transaction.
    """
    sql = str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    rows = _fetch_all(connection, sql, None)
    width = len(statement.selected_columns)
    return np.array(rows, dtype=np.float64).reshape(len(rows), width)


_compiled: dict[tuple[Select[Any], str], Compiled] = {}


def read_rows(
    connection: Connection, statement: Select[*tuple[Any, ...]], params: Mapping[str, object]
) -> list[tuple[Any, ...]]:
    """The rows of ``statement`` from the driver's cursor, in binary on psycopg.

    For reads whose values are bytes and numbers (``float8_array``): a ``bytea`` in PostgreSQL's
    text format travels as hex at twice its size and is parsed back. The statement is compiled
    once; ``params`` go to the driver as they are, so they must be values it adapts itself
    (numbers, lists of numbers), not ones a column type would process.
    """
    key = (statement, connection.dialect.name)
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = statement.compile(dialect=connection.dialect)
    return _fetch_all(connection, str(compiled), compiled.construct_params(params))


def _fetch_all(
    connection: Connection, sql: str, params: Mapping[str, object] | None
) -> list[tuple[Any, ...]]:
    """Every row of ``sql`` from a cursor of the connection's own driver connection (its
    transaction), in binary on psycopg: numbers and bytes as PostgreSQL holds them, no text to
    parse (a psycopg cursor option)."""
    cursor = connection.connection.cursor()
    try:
        if connection.dialect.driver == "psycopg":
            cast(Any, cursor).execute(sql, params, binary=True)
        else:
            cursor.execute(sql, params or ())
        return list(cursor.fetchall())
    finally:
        cursor.close()


_ELEMENT = np.dtype([("size", ">i4"), ("value", ">f8")])


def float8_array(data: bytes) -> NDArray[np.float64]:
    """A one-dimensional ``float8[]`` without nulls in PostgreSQL's binary format (what
    ``array_send`` returns), as a numpy array: no Python float is made on the way.

    The format: the number of dimensions, a has-nulls flag and the element type, then each
    dimension's size and lower bound, then each element's byte count and its big-endian value.
    """
    ndim, has_nulls, _ = np.frombuffer(data, ">i4", 3)
    if ndim == 0:
        return np.zeros(0)
    if ndim != 1 or has_nulls:
        raise ValueError("expected a one-dimensional array of float8 without nulls")
    size = int(np.frombuffer(data, ">i4", 1, 12)[0])
    elements = np.frombuffer(data, _ELEMENT, size, 20)
    if size and not (elements["size"] == 8).all():
        raise ValueError("expected float8 elements")
    return elements["value"].astype(np.float64)
