"""Many-row writes at the driver's own speed: one statement executed for many rows.

The metrics refresh updates the ``daily_metrics`` rows whose inputs changed this way (a batch of
changed days can be long: a season imported at once). Through a compiled SQLAlchemy statement,
building each row's parameters (names, defaults, type processing per value) cost more than the
database's own work: 12 ms for 700 rows on SQLite against 5 ms for the same ``executemany`` given
tuples. ``RowUpdater`` prepares the statement text
once per dialect and applies only the type processors a column actually has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import CTE, Connection, Select, Table, bindparam, select, union_all
from sqlalchemy.engine import Dialect
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


class RowsTable:
    """A small table of rows given with a statement (``WITH name(columns) AS (VALUES ...)``).

    Batch reads join it to say, per row, which athlete and which days they want: one statement for
    a batch of athletes whose days differ (their time zones, the days each change touched). The
    statements of one row count are built once and reused (their rows are bound parameters), so
    SQLAlchemy's statement cache serves a one-athlete refresh as it serves a fixed statement.
    """

    def __init__(self, name: str, columns: Sequence[tuple[str, TypeEngine[Any]]]) -> None:
        self.name = name
        self.columns = tuple(columns)
        self._tables: dict[int, CTE] = {}

    def table(self, count: int) -> CTE:
        """The table of ``count`` rows; its parameters are ``params`` of the same rows.

        Rows are one-row selects joined by UNION ALL: SQLAlchemy does not cache statements with
        a VALUES clause (each run compiled them again, about 1.5 ms a statement), and SQLite
        takes at most ``MAX_ROWS`` selects in one compound.
        """
        if not 0 < count <= MAX_ROWS:
            raise ValueError(f"a rows table holds 1 to {MAX_ROWS} rows, not {count}")
        found = self._tables.get(count)
        if found is None:
            rows = [
                select(
                    *(bindparam(f"{self.name}_{c}_{i}", type_=t).label(c) for c, t in self.columns)
                )
                for i in range(count)
            ]
            found = (rows[0] if count == 1 else union_all(*rows)).cte(self.name)
            self._tables[count] = found
        return found

    def params(self, rows: Sequence[Sequence[object]]) -> dict[str, object]:
        """Bound values for the table of ``len(rows)`` rows."""
        names = [c for c, _ in self.columns]
        return {
            f"{self.name}_{c}_{i}": value
            for i, row in enumerate(rows)
            for c, value in zip(names, row, strict=True)
        }


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
    cursor = connection.connection.cursor()
    try:
        if connection.dialect.driver == "psycopg":
            # Numbers as PostgreSQL holds them: no text to parse (a psycopg cursor option).
            cast(Any, cursor).execute(sql, binary=True)
        else:
            cursor.execute(sql)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    width = len(statement.selected_columns)
    return np.array(rows, dtype=np.float64).reshape(len(rows), width)
