"""The one bulk write path of every import: plain tuples straight to the driver.

Why this exists: ``session.execute(insert(T), dicts)`` spends most of a large import in
SQLAlchemy's per-row parameter handling (a dictionary per row, ``construct_params`` and a
type processor call per value): writing a month's 58,000 new hosts took 3.5 s, the
reading of the 30 files that brought them 1.5 s. Here the statement is compiled once
by SQLAlchemy (quoting, the dialect's "insert unless present"), each column's type
conversion is resolved once per column (none at all for most: the drivers take ints,
strings, bytes and booleans as they are), and the rows go to the driver's own
``executemany`` as tuples, on the session's connection and so inside its transaction
(rows sorted by the table's unique key several to a statement on SQLite). On PostgreSQL a
plain insert of many rows goes through ``COPY ... FROM STDIN`` (psycopg's
``cursor.copy``), which skips the per-row statement altogether.

The stored values are the ones SQLAlchemy would have stored (the same processors; on
SQLite a datetime is written in SQLAlchemy's own text format), so rows written here and
rows written through the ORM read back alike.

Values every row shares (an import's plan and import ids, no tool yet, not by a rule) are
given once as ``constants`` rather than repeated in each row. On SQLite an int, a bool or
None among them becomes a literal of the statement: Python 3.11's ``sqlite3`` binds an
int, float, str or ``bytearray`` directly but None, a bool and ``bytes`` through its
adapter look-up first (some 0.5-0.8 us each), and binding the same value on every row of
a 280,000-host import is wasted work either way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from types import MappingProxyType
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Dialect
from sqlalchemy.types import Boolean, DateTime, Integer, LargeBinary
from sqlmodel import Session

from planner.adapters.store.core_types import UtcMicros, utc_micros
from planner.adapters.store.sqlite_bulk import rows_per_statement, sqlite_insert

# Either table's timestamp type (the table classes' or the Core tables'): see utc_types.
from planner.adapters.store.utc_types import UTC_TYPES as UTCDateTime

__all__ = [
    "CHUNK",
    "COPY_MIN_ROWS",
    "insert_rows",
    "update_rows",
]

CHUNK = 10_000  # rows per executemany: bounds the memory of a generator's rows in flight
COPY_MIN_ROWS = 1_000  # below this a COPY's set-up costs more than it saves

Convert = Callable[[Any], Any]
NO_CONSTANTS: Mapping[str, Any] = MappingProxyType({})


_NAIVE = "Datetime values must have timezone information"  # sqlmodel's UTCDateTime


def _sqlite_datetime(value: Any) -> Any:
    """A datetime as SQLAlchemy's SQLite ``DATETIME`` stores it (its time zone dropped, as
    SQLAlchemy drops it): ``2026-03-02 10:15:30.000000``; anything else as is."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(" ", "microseconds")
    return value


def _sqlite_utc(value: dt.datetime) -> str:
    """An aware datetime as sqlmodel's ``UTCDateTime`` stores it on SQLite: converted to
    UTC, then in SQLAlchemy's ``DATETIME`` text (one C call for a UTC value)."""
    if value.tzinfo is not dt.UTC:
        if value.utcoffset() is None:
            raise ValueError(_NAIVE)
        value = value.astimezone(dt.UTC)
    return value.isoformat(" ", "microseconds")[:26]  # without "+00:00"


def _aware(value: dt.datetime) -> dt.datetime:
    """``UTCDateTime`` elsewhere: the driver takes an aware datetime as it is."""
    if value.utcoffset() is None:
        raise ValueError(_NAIVE)
    return value


def _converters(table: Table, columns: Sequence[str], dialect: Dialect) -> list[Convert | None]:
    """Each column's value conversion, resolved once (None: the driver takes it as is)."""
    sqlite = dialect.name == "sqlite"
    found: list[Convert | None] = []
    for name in columns:
        column_type = table.c[name].type
        if isinstance(column_type, UtcMicros):  # before its base, ``UtcDateTime``
            found.append(utc_micros if sqlite else _aware)
        elif isinstance(column_type, UTCDateTime):
            found.append(_sqlite_utc if sqlite else _aware)
        elif isinstance(column_type, DateTime):
            found.append(_sqlite_datetime if sqlite else None)
        elif isinstance(column_type, (Integer, LargeBinary, Boolean)):
            found.append(None)  # SQLAlchemy's processors only re-wrap what drivers take
        else:
            found.append(column_type.dialect_impl(dialect).bind_processor(dialect))
    return found


def _converted(
    rows: Iterable[Sequence[Any]], converters: list[Convert | None], tail: tuple[Any, ...] = ()
) -> Iterable[Sequence[Any]]:
    """``rows`` with each value converted for the driver, and ``tail`` (values already
    converted) appended to each; ``rows`` themselves when there is nothing to do."""
    steps = [(i, c) for i, c in enumerate(converters) if c is not None]
    if not steps and not tail:
        return rows
    return _converting(rows, steps, tail)


def _converting(
    rows: Iterable[Sequence[Any]], steps: list[tuple[int, Convert]], tail: tuple[Any, ...]
) -> Iterator[tuple[Any, ...]]:
    if not steps:
        for row in rows:
            yield (*row, *tail)
        return
    for row in rows:
        values = list(row)
        for i, convert in steps:
            value = values[i]
            if value is not None:
                values[i] = convert(value)
        yield (*values, *tail)


def _sqlite_literal(value: Any) -> str | None:
    """The SQL text of a constant SQLite may hold as a literal, else None (it is bound).

    Only None and ints (a bool is one: stored 0/1, as the driver stores it) are written
    into the statement, formatted by ``int.__repr__`` itself (an int subclass's own
    ``__repr__``, ``__str__`` or ``__format__`` is never called): digits and a sign, never
    text from elsewhere. A string, bytes, a float or a datetime stays a bound parameter:
    quoting text into SQL is the very thing parameters exist to avoid, and the driver
    binds a str or a float without the slow look-up anyway."""
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return int.__repr__(value)
    return None


def _constants(
    table: Table, constants: Mapping[str, Any], dialect: Dialect
) -> tuple[dict[str, str], dict[str, Any]]:
    """``constants`` converted as a row's values are (once each), split into (column ->
    literal SQL, on SQLite) and (column -> value bound with every row)."""
    names = list(constants)
    literals: dict[str, str] = {}
    bound: dict[str, Any] = {}
    for name, convert in zip(names, _converters(table, names, dialect), strict=True):
        value = constants[name]
        if value is not None and convert is not None:
            value = convert(value)
        literal = _sqlite_literal(value) if dialect.name == "sqlite" else None
        if literal is None:
            bound[name] = value
        else:
            literals[name] = literal
    return literals, bound


def _batches(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def insert_rows(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    constants: Mapping[str, Any] = NO_CONSTANTS,
    ignore_conflicts: bool = False,
    prepared: Collection[str] = (),
    in_key_order: bool = False,
) -> int:
    """Insert ``rows`` (tuples in the order of ``columns``) into ``table`` within the
    session's transaction; returns how many were given. ``ignore_conflicts``: a row whose
    unique key is already present is skipped (SQLite ``ON CONFLICT DO NOTHING``,
    PostgreSQL the same, MySQL ``INSERT IGNORE``). ``rows`` may be a generator: it is
    consumed as the driver takes the rows on SQLite, ``CHUNK`` rows at a time elsewhere.
    ``prepared``: columns whose values are already in the driver's form (a timestamp
    made by the caller, ``core_types.utc_micros`` on SQLite), not converted again.
    ``in_key_order``: the rows come sorted by the table's unique key; on SQLite several
    then go in one statement (``sqlite_bulk.sqlite_insert``), which only pays in that
    order.

    ``constants``: column -> the value of every row (not in ``columns``), converted like
    a row's value, once. On SQLite an int, a bool or None is a literal of the statement
    (``_sqlite_literal``); any other value, and every constant on other databases (COPY
    on PostgreSQL, executemany elsewhere), is a bound value appended to each row. The
    rows stored are the ones the same values repeated in each row would give."""
    overlap = set(columns) & set(constants)
    if overlap:
        raise ValueError(f"columns given both per row and as constants: {sorted(overlap)}")
    connection = session.connection()
    dialect = connection.dialect
    converters = _converters(table, columns, dialect)
    converters = [None if c in prepared else f for c, f in zip(columns, converters, strict=True)]
    literals, bound = _constants(table, constants, dialect)
    values = _converted(rows, converters, tuple(bound.values()))
    columns = (*columns, *bound)
    if dialect.name == "postgresql" and not ignore_conflicts:
        return _copy(connection, table, columns, values)
    sql = _statement(table, columns, dialect, ignore_conflicts, literals)
    if dialect.name == "sqlite":
        if not in_key_order:
            return sqlite_insert(connection, sql, values)
        per = rows_per_statement(connection, len(columns))
        many = _statement(table, columns, dialect, ignore_conflicts, literals, per)
        return sqlite_insert(connection, sql, values, many, per)
    count = 0
    for batch in _batches(values, CHUNK):
        connection.exec_driver_sql(sql, batch)
        count += len(batch)
    return count


def _statement(
    table: Table,
    columns: Sequence[str],
    dialect: Dialect,
    ignore: bool,
    literals: Mapping[str, str] = NO_CONSTANTS,
    rows: int = 1,
) -> str:
    """The dialect's INSERT for these columns with positional parameters (names quoted by
    the dialect's own preparer), then the ``literals`` columns with their SQL text
    (``_sqlite_literal``'s), ``rows`` rows of them; ``ignore``: skip rows whose unique key
    is present."""
    preparer = dialect.identifier_preparer
    names = ", ".join(preparer.quote(name) for name in (*columns, *literals))
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    markers = ", ".join([marker] * len(columns) + list(literals.values()))
    verb = "INSERT IGNORE" if ignore and dialect.name in {"mysql", "mariadb"} else "INSERT"
    values = ", ".join([f"({markers})"] * rows)
    sql = f"{verb} INTO {preparer.format_table(table)} ({names}) VALUES {values}"
    if ignore and dialect.name in {"sqlite", "postgresql"}:
        sql += " ON CONFLICT DO NOTHING"
    return sql


def _copy(connection: Any, table: Table, columns: Sequence[str], rows: Iterable[Any]) -> int:
    """PostgreSQL: the rows through ``COPY ... FROM STDIN`` (psycopg 3)."""
    preparer = connection.dialect.identifier_preparer
    target = preparer.format_table(table)
    names = ", ".join(preparer.quote(name) for name in columns)
    batches = _batches(rows, CHUNK)
    first = next(batches, [])
    if len(first) < COPY_MIN_ROWS:
        sql = _statement(table, columns, connection.dialect, False)
        if first:
            connection.exec_driver_sql(sql, first)
        return len(first)
    cursor = connection.connection.driver_connection.cursor()
    count = 0
    try:
        with cursor.copy(f"COPY {target} ({names}) FROM STDIN") as copy:
            for batch in _chain(first, batches):
                for row in batch:
                    copy.write_row(row)
                count += len(batch)
    finally:
        cursor.close()
    return count


def _chain(first: list[Any], rest: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield first
    yield from rest


def update_rows(
    session: Session,
    table: Table,
    key: str | Sequence[str],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> int:
    """Set ``columns`` of the rows whose ``key`` is each tuple's last value: ``rows`` are
    (new values in the order of ``columns``..., key). A key of several columns (a unique
    key such as (plan, host)) takes that many last values, in its order. One executemany
    per chunk."""
    keys = (key,) if isinstance(key, str) else tuple(key)
    connection = session.connection()
    dialect = connection.dialect
    preparer = dialect.identifier_preparer
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    assignments = ", ".join(f"{preparer.quote(name)} = {marker}" for name in columns)
    where = " AND ".join(f"{preparer.quote(name)} = {marker}" for name in keys)
    # names from the table's metadata, quoted by the dialect; values are parameters
    table_name = preparer.format_table(table)
    sql = f"UPDATE {table_name} SET {assignments} WHERE {where}"  # noqa: S608
    converters = _converters(table, (*columns, *keys), dialect)
    count = 0
    for batch in _batches(_converted(rows, converters), CHUNK):
        connection.exec_driver_sql(sql, batch)
        count += len(batch)
    return count
