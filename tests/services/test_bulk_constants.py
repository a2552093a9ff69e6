"""Values every row shares, given once as ``bulk.insert_rows(..., constants=...)``, must
store exactly the rows the same values repeated in each row store: on SQLite (where an
int, a bool or None is a literal of the statement and anything else stays a bound
parameter) and on PostgreSQL (COPY for many rows, executemany for a few). No text of a
constant ever reaches the SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from _plans import plan_ids
from sqlalchemy import String, cast, select
from sqlalchemy.exc import IntegrityError

from planner.adapters.store import bulk
from planner.adapters.store.evidence import HOST, PERSON, pack
from planner.bootstrap import Planner

UTC = dt.UTC
HOSTILE = "x'); DROP TABLE host; --"
PER_ROW = ("host", "hits", "bytes", "last_seen", "users", "user_set", "domain")


def _per_row(n: int) -> tuple[Any, ...]:
    last = dt.datetime(2026, 3, 2, 10, 15, 30, n % 1000 * 997, tzinfo=UTC)
    return (
        f"h{n}.example{n % 7}.com",
        n * 3,
        n * 10**5,
        last,
        n % 4,
        pack(range(n % 4)),
        f"example{n % 7}.com",
    )


class Sneaky(int):
    """An int whose text is not its value: only ``int.__repr__`` may format it."""

    def __repr__(self) -> str:
        return HOSTILE

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return HOSTILE


# Each set: what an import shares (ints, None, a bool), then types that stay bound (a
# string, even a hostile one, a datetime, bytes), then an int subclass.
CONSTANTS: dict[str, dict[str, Any]] = {
    "import": {
        "tool": None,
        "decision": None,
        "by_rule": False,
        "first_import": None,
        "blocked": 0,
    },
    "bound": {
        "tool": HOSTILE,
        "decision": "ignored",
        "by_rule": True,
        "first_import": 7,
        "first_seen": dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        "user_seen": b"\x01\x00\x00\x00",
        "blocked": 2**40,
    },
    "subclass": {"first_import": Sneaky(12), "blocked": Sneaky(-3), "by_rule": True},
}


def _stored(planner: Planner, plan_id: int) -> list[tuple[Any, ...]]:
    """Every column but the id as read back, plus each value as stored: SQLite's own
    ``quote()`` (its type and bytes: integer 1 is not text '1'), elsewhere its text."""
    names = [c.name for c in HOST.columns if c.name not in {"id", "plan_id"}]
    with planner.workspace.read() as session:
        if session.connection().dialect.name == "sqlite":
            raw: list[Any] = [f"quote({n})" for n in names]
            sql = f"SELECT {', '.join(raw)} FROM host WHERE plan_id = ? ORDER BY id"
            return [tuple(r) for r in session.connection().exec_driver_sql(sql, (plan_id,))]
        columns = [HOST.c[n] for n in names] + [cast(HOST.c[n], String) for n in names]
        query = select(*columns).where(HOST.c.plan_id == plan_id).order_by(HOST.c.id)
        return [tuple(r) for r in session.execute(query)]


@contextmanager
def _statements(planner: Planner, session: Any) -> Iterator[list[str]]:
    """The INSERT statements ``insert_rows`` makes meanwhile (a COPY has none: its rows,
    constants included, are data)."""
    seen: list[str] = []
    made = bulk._statement

    def record(*args: Any) -> str:
        seen.append(made(*args))
        return seen[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bulk, "_statement", record)
        yield seen


@pytest.mark.parametrize("count", [3, bulk.COPY_MIN_ROWS + 500])  # PostgreSQL: COPY for many
@pytest.mark.parametrize("kind", sorted(CONSTANTS))
def test_constants_store_the_rows_repeated_values_store(
    planner: Planner, kind: str, count: int
) -> None:
    shared, expanded = plan_ids(planner, "shared", "expanded")
    constants = {"plan_id": shared, **CONSTANTS[kind]}
    names = tuple(constants)
    with planner.workspace.write() as session:
        with _statements(planner, session) as statements:
            written = bulk.insert_rows(
                session, HOST, PER_ROW, (_per_row(n) for n in range(count)), constants=constants
            )
        repeated = {**constants, "plan_id": expanded}
        rows = [(*_per_row(n), *(repeated[c] for c in names)) for n in range(count)]
        bulk.insert_rows(session, HOST, (*PER_ROW, *names), rows)
    assert written == count
    mine, theirs = _stored(planner, shared), _stored(planner, expanded)
    assert len(mine) == count
    assert mine == theirs
    assert all(HOSTILE not in s for s in statements)  # bound, or formatted as an int


def test_sqlite_literals_are_ints_and_nulls_only(planner: Planner) -> None:
    """On SQLite the shared ints, bools and None are in the statement (no parameter per
    row), a string or bytes stays a parameter; elsewhere every constant is a value."""
    (plan_id,) = plan_ids(planner, "one")
    constants = {
        "plan_id": plan_id,
        "tool": "slack",
        "decision": None,
        "by_rule": True,
        "first_import": Sneaky(12),
        "user_seen": b"\x01\x00\x00\x00",
    }
    with planner.workspace.write() as session:
        sqlite = session.connection().dialect.name == "sqlite"
        with _statements(planner, session) as statements:
            bulk.insert_rows(session, HOST, PER_ROW, [_per_row(1), _per_row(2)],
                             constants=constants, in_key_order=True)  # fmt: skip
    if sqlite:  # one row to a statement, and several (``sqlite_bulk.sqlite_insert``)
        one, many = statements
        values = one.partition("VALUES")[2]
        assert f"{plan_id}, NULL, 1, 12)" in values
        assert values.count("?") == len(PER_ROW) + 2  # the string and the bytes
        row, rows = values.strip(), many.partition("VALUES")[2].strip()
        assert rows.count(row) > 1 and rows == ", ".join([row] * rows.count(row))
    else:
        (sql,) = statements
        values = sql.partition("VALUES")[2]
        assert "NULL" not in values and "12" not in values
        assert values.count("%s") == len(PER_ROW) + len(constants)
    with planner.workspace.read() as session:
        found = session.execute(
            select(
                HOST.c.tool, HOST.c.decision, HOST.c.by_rule, HOST.c.first_import, HOST.c.user_seen
            ).where(HOST.c.plan_id == plan_id)
        ).all()
    assert found == [("slack", None, True, 12, b"\x01\x00\x00\x00")] * 2


def test_a_literal_is_formatted_by_int_itself() -> None:
    assert bulk._sqlite_literal(Sneaky(42)) == "42"
    assert bulk._sqlite_literal(True) == "1" and bulk._sqlite_literal(False) == "0"
    assert bulk._sqlite_literal(None) == "NULL"
    assert bulk._sqlite_literal(-(2**63)) == str(-(2**63))
    for bound in ("1", b"1", bytearray(b"1"), 1.5, dt.datetime(2026, 1, 1, tzinfo=UTC)):
        assert bulk._sqlite_literal(bound) is None


def test_constants_with_conflicts_ignored_and_a_column_given_twice(planner: Planner) -> None:
    (plan_id,) = plan_ids(planner, "one")
    columns = ("pseudonym", "department")
    with planner.workspace.write() as session:
        bulk.insert_rows(
            session, PERSON, columns, [("p1", None), ("p2", "HR")], constants={"plan_id": plan_id}
        )
        given = bulk.insert_rows(
            session,
            PERSON,
            columns,
            iter([("p1", "Sales"), ("p3", None)]),
            constants={"plan_id": plan_id},
            ignore_conflicts=True,
        )
        assert given == 2  # the rows given, the one skipped included
        with pytest.raises(ValueError, match="department"):
            bulk.insert_rows(
                session,
                PERSON,
                columns,
                [("p4", None)],
                constants={"plan_id": plan_id, "department": "HR"},
            )
    with planner.workspace.read() as session:
        found = dict(
            session.execute(
                select(PERSON.c.pseudonym, PERSON.c.department).where(PERSON.c.plan_id == plan_id)
            ).all()
        )
    assert found == {"p1": None, "p2": "HR", "p3": None}


def test_update_by_a_key_of_two_columns(planner: Planner) -> None:
    one, two = plan_ids(planner, "one", "two")
    with planner.workspace.write() as session:
        for plan_id in (one, two):
            bulk.insert_rows(
                session, HOST, PER_ROW, [_per_row(1), _per_row(2)], constants={"plan_id": plan_id}
            )
        host = _per_row(2)[0]
        changed = bulk.update_rows(
            session, HOST, ("plan_id", "host"), ("tool", "by_rule"), [("slack", True, two, host)]
        )
    assert changed == 1
    with planner.workspace.read() as session:
        found = session.execute(
            select(HOST.c.plan_id, HOST.c.host, HOST.c.tool, HOST.c.by_rule).order_by(HOST.c.id)
        ).all()
    first = _per_row(1)[0]
    assert [tuple(r) for r in found] == [
        (one, first, None, False),
        (one, host, None, False),
        (two, first, None, False),
        (two, host, "slack", True),
    ]


def test_a_driver_error_is_sqlalchemys(planner: Planner) -> None:
    """A row the table refuses raises SQLAlchemy's error, as a statement run through it
    would (the CLI makes one line of those: a full disk, a read-only workspace), on the
    fast path too; the rows are not in its text."""
    (plan_id,) = plan_ids(planner, "one")
    with pytest.raises(IntegrityError) as caught, planner.workspace.write() as session:
        sqlite = session.connection().dialect.name == "sqlite"
        rows = [("p1", HOSTILE), ("p1", None)]
        bulk.insert_rows(session, PERSON, ("pseudonym", "department"), rows,
                         constants={"plan_id": plan_id})  # fmt: skip
    if sqlite:  # elsewhere SQLAlchemy's own executemany, whose message lists parameters
        assert HOSTILE not in str(caught.value)
    with planner.workspace.read() as session:  # nothing of the failed write is kept
        assert session.execute(select(PERSON.c.id)).first() is None
