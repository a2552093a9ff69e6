"""The database's part of an import alone: an imported workspace's host and domain rows
written again by raw ``sqlite3``, the way the import writes them, rows ready in memory.

    python bench/sqlite_floor.py WORKSPACE.sqlite [--runs 3]

Why this exists: a long tail's import ends with 280,000 to 1,000,000 host rows written,
indexed and committed, and no reader, however fast, takes less than that. This measures
that floor on the machine at hand, so that the whole command's figure can be read against
it (``bench_long_tail.py --floor`` runs it beside mawk): the rows are read from the
workspace first (not timed), then written into a fresh file with the workspace's own
``host`` and ``host_domain`` tables, as ``adapters.store.sqlite_bulk`` and ``new_hosts``
write them: WAL, ``synchronous = NORMAL``, a 16 MB page cache, the rows in the order of
the tables' unique keys several to a statement, the secondary indexes made after the rows,
one commit, then the close (SQLite's checkpoint of the WAL into the file). Prints the
median seconds of the insert, the indexes, the commit and close, and their total.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

CACHE_KIB = 16_384  # the import's page cache for a bulk write (``sqlite_bulk.LARGER_CACHE_KIB``)
PER_STATEMENT = 64  # rows of one INSERT (the import's: 128 rows of its 10 varying values)
TABLES = ("host", "host_domain")
KEYS = {"host": "host", "host_domain": "domain"}  # each table's unique key after plan_id


def read_rows(workspace: Path) -> dict[str, tuple[list[str], list[str], list[tuple[Any, ...]]]]:
    """Per table: its columns (all but ``id``), its own SQL and its indexes' SQL, and its
    rows in the order of its unique key, blobs as the ``bytearray`` the import binds."""
    src = sqlite3.connect(f"file:{workspace}?mode=ro", uri=True)
    found: dict[str, tuple[list[str], list[str], list[tuple[Any, ...]]]] = {}
    try:
        for table in TABLES:
            columns = [r[1] for r in src.execute(f"PRAGMA table_info({table})") if r[1] != "id"]
            ddl = [
                sql
                for (sql,) in src.execute(
                    "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL"
                    " ORDER BY type DESC, name",  # the table, then its indexes
                    (table,),
                )
            ]
            query = f"SELECT {', '.join(columns)} FROM {table} ORDER BY plan_id, {KEYS[table]}"
            rows = [
                tuple(bytearray(v) if isinstance(v, bytes) else v for v in row)
                for row in src.execute(query)
            ]
            found[table] = (columns, ddl, rows)
    finally:
        src.close()
    return found


def write_once(
    tables: dict[str, tuple[list[str], list[str], list[tuple[Any, ...]]]],
    target: Path,
    cache_kib: int = CACHE_KIB,
) -> tuple[float, float, float]:
    """Seconds of the insert, the indexes and the commit with the close, into ``target``."""
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute(f"PRAGMA cache_size = {-int(cache_kib)}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute('CREATE TABLE "plan" (id INTEGER PRIMARY KEY)')
    db.execute('INSERT INTO "plan" VALUES (1)')
    for _, ddl, _ in tables.values():
        db.execute(ddl[0])  # the table alone: its indexes come after its rows
    db.execute("BEGIN IMMEDIATE")
    start = time.perf_counter()
    for table, (columns, _, rows) in tables.items():
        width = len(columns)
        one = "(" + ", ".join("?" * width) + ")"
        statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
        whole = len(rows) - len(rows) % PER_STATEMENT
        flat = [value for row in rows[:whole] for value in row]
        step = width * PER_STATEMENT
        db.executemany(
            statement + ", ".join([one] * PER_STATEMENT),
            (flat[i : i + step] for i in range(0, len(flat), step)),
        )
        db.executemany(statement + one, rows[whole:])
    inserted = time.perf_counter()
    for _, ddl, _ in tables.values():
        for index in ddl[1:]:
            db.execute(index)
    indexed = time.perf_counter()
    db.execute("COMMIT")
    db.close()
    return inserted - start, indexed - inserted, time.perf_counter() - indexed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache-kib", type=int, default=CACHE_KIB, help="SQLite's page cache")
    parser.add_argument("--total", action="store_true", help="print the total seconds alone")
    args = parser.parse_args()
    tables = read_rows(args.workspace)
    runs: list[tuple[float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            runs.append(write_once(tables, Path(tmp) / f"floor-{n}.sqlite", args.cache_kib))
    insert, indexes, commit = (statistics.median(r[i] for r in runs) for i in range(3))
    total = statistics.median(sum(r) for r in runs)
    rows = sum(len(t[2]) for t in tables.values())
    if args.total:
        print(f"{total:.4f}")
        return
    print(
        f"{rows} rows: insert {insert:.3f} s, indexes {indexes:.3f} s, "
        f"commit and close {commit:.3f} s, total {total:.3f} s"
    )


if __name__ == "__main__":
    main()
