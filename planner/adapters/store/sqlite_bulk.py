"""What a bulk write does differently on SQLite: rows sorted by the table's key several
to a statement, the secondary indexes of an empty table made once after its rows, a
larger page cache for the write.

Why a module of its own: ``bulk`` is the one write path of every database (conversions,
constants, the statement, COPY on PostgreSQL); these are SQLite's own costs of a long
tail's write, each measured against the plain path and used only where it paid
(``in_key_order``, an empty table, the import's write).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, count, islice
from operator import itemgetter
from typing import Any

from sqlalchemy import Table
from sqlmodel import Session

__all__ = [
    "GROUP_ROWS",
    "LARGER_CACHE_KIB",
    "ROWS_PER_STATEMENT",
    "indexes_after",
    "larger_cache",
    "rows_per_statement",
    "sqlite_insert",
]

ROWS_PER_STATEMENT = 128  # rows of one INSERT (``sqlite_insert``)
GROUP_ROWS = 4_096  # rows taken at once to be grouped into statements


def rows_per_statement(connection: Any, width: int) -> int:
    """How many rows of ``width`` values one SQLite INSERT takes (``ROWS_PER_STATEMENT``,
    fewer where the library's limit on a statement's parameters is lower: 999 before
    SQLite 3.32)."""
    import sqlite3

    driver = connection.connection.driver_connection
    getlimit = getattr(driver, "getlimit", None)
    limit = getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if getlimit is not None else 999
    return max(1, min(ROWS_PER_STATEMENT, limit // max(1, width)))


def sqlite_insert(
    connection: Any, one: str, rows: Iterable[Sequence[Any]], many: str = "", per: int = 1
) -> int:
    """SQLite: ``rows`` straight to the driver's ``executemany`` as they come, on the
    session's connection (so inside its transaction), ``per`` rows to one statement
    (``many``; ``one`` takes a single row); returns how many were given.

    Why several rows to a statement: the driver's ``executemany`` runs and resets the
    statement once per parameter set. A long tail's 280,000 host rows of 10 values, in
    host order, went in 0.44-0.46 s one row to a statement and 0.26-0.27 s at 128 rows to
    one (0.80 -> 0.55 s with every index kept; raw ``sqlite3``, alternated). But only rows
    in the order of the table's unique key gain: the same rows shuffled took 0.97-1.06 s
    one to a statement and 1.18-1.33 s grouped, and 30,000 random pseudonyms 0.056 s
    against 0.085 s (sorted: 0.065 against 0.033 s). So the caller says when its rows are
    sorted (``insert_rows(in_key_order=True)``), and ``per`` is 1 otherwise.
    ``ON CONFLICT DO NOTHING`` still skips row by row.

    Rows one to a statement go straight to the driver as they come, counted in C (a
    ``zip`` with a counter, the rows first so that the counter is not advanced past the
    last one). Grouped, they are taken ``GROUP_ROWS`` at a time (not all at once: a list
    of 10,000 host rows of a long tail is some 5-7 MB of peak memory) and flattened into
    each statement's values in C; a batch whose rows are not all as wide goes one row to
    a statement, so that the driver refuses the odd row rather than its values sliding
    into another row's columns. The count includes the rows ``ON CONFLICT DO NOTHING``
    skipped (the driver's own ``rowcount`` would leave them out).

    A driver error is raised as SQLAlchemy raises it (``DBAPIError.instance``: a full disk
    is an ``OperationalError`` of SQLAlchemy's, which the CLI turns into one line), never
    with the rows as parameters."""
    from sqlalchemy.exc import DBAPIError

    dbapi_error = connection.dialect.loaded_dbapi.Error
    cursor = connection.connection.driver_connection.cursor()
    try:
        if per < 2:
            counter = count()
            cursor.executemany(one, map(itemgetter(0), zip(rows, counter, strict=False)))
            return next(counter)
        return _grouped(cursor, one, many, per, rows)
    except dbapi_error as exc:  # named by the one-row statement: the same table and columns
        raise DBAPIError.instance(one, None, exc, dbapi_error, hide_parameters=True) from exc
    finally:
        cursor.close()


def _grouped(cursor: Any, one: str, many: str, per: int, rows: Iterable[Sequence[Any]]) -> int:
    """``sqlite_insert``'s rows ``per`` to a statement (``many``), the rest of each batch
    and any batch of uneven rows one to a statement (``one``). Returns how many rows were
    given."""
    given = 0
    source = iter(rows)
    while batch := list(islice(source, GROUP_ROWS)):
        given += len(batch)
        whole = len(batch) - len(batch) % per
        width = len(batch[0])
        if whole and set(map(len, batch)) == {width}:
            values = iter(chain.from_iterable(islice(batch, whole)))
            cursor.executemany(many, zip(*[values] * (width * per), strict=True))
            del batch[:whole]
        if batch:
            cursor.executemany(one, batch)
    return given


@contextmanager
def indexes_after(session: Session, table: Table) -> Iterator[None]:
    """Rows written inside this block into an empty SQLite ``table`` are indexed once at
    the end: its secondary indexes are dropped first and made again, from their own SQL,
    when the block ends. Building an index from a full table sorts it once; keeping it
    while 280,000 rows go in costs a B-tree insert per row and index (the host table's
    insert, 1.63 s of CPU with its two indexes kept, 1.41 s dropped then made again).

    Only for an empty table (a workspace's first import): the new index then covers
    exactly the rows written, and no earlier row is indexed again. The drop and the
    rebuild are in the session's transaction (SQLite's DDL is transactional), so a failed
    import leaves the indexes as they were. A unique key stays (it is the table's own
    constraint, which checks the rows as they come). Other databases: no change."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    name = table.name
    if connection.exec_driver_sql(f'SELECT 1 FROM "{name}" LIMIT 1').first() is not None:  # noqa: S608
        yield
        return
    found = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
        " AND sql IS NOT NULL ORDER BY name",
        (name,),
    ).all()
    for index, _ in found:
        connection.exec_driver_sql(f'DROP INDEX "{index}"')
    yield
    for _, sql in found:
        connection.exec_driver_sql(sql)


LARGER_CACHE_KIB = 16_384  # SQLite's page cache during a bulk write (its default: 2,000 KiB)


@contextmanager
def larger_cache(session: Session, kib: int = LARGER_CACHE_KIB) -> Iterator[None]:
    """A larger SQLite page cache for the writes inside this block, the connection's own
    size given back at the end. A long tail's rows and indexes outgrow the default 2 MB:
    pages are then written out to the WAL before the commit and read back, some several
    times (280,000 host rows with their indexes made after: 1.79-2.12 s of CPU with the
    default, 1.69-1.74 s with 16 MB; wall 9.2-15.5 s and 7.7-11.3 s under load). Nothing
    about durability changes: what the commit writes and syncs is the same. Other
    databases: no change."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    (size,) = connection.exec_driver_sql("PRAGMA cache_size").one()
    connection.exec_driver_sql(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(size)}")
