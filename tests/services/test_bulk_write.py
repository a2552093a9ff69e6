"""The one bulk write path (``adapters/store/bulk``): rows given as plain tuples read
back exactly as the same rows written through SQLAlchemy's own insert, on SQLite and on
PostgreSQL (where enough rows go through COPY), and an import of many new hosts keeps
the same domain totals whether its domains are new (totals from memory) or known
(recomputed from the database)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from _plans import plan_ids
from sqlalchemy import String, cast, insert, select
from sqlalchemy.exc import DBAPIError

from planner.adapters.store import bulk, sqlite_bulk
from planner.adapters.store.evidence import HOST, PERSON, pack
from planner.adapters.store.repository import Repository
from planner.bootstrap import Planner
from planner.services.discover import import_file
from planner.services.discover.triage import list_domains
from planner.services.plans import create_plan

COLUMNS = (
    "plan_id", "host", "tool", "decision", "by_rule", "hits", "bytes", "first_seen",
    "last_seen", "users", "user_set", "user_seen", "blocked", "domain", "first_import",
)  # fmt: skip
UTC = dt.UTC


def _row(plan_id: int, n: int) -> tuple[object, ...]:
    first = dt.datetime(2026, 3, 2, 10, 15, 30, n % 1000 * 997, tzinfo=UTC)
    return (
        plan_id,
        f"h{n}.example{n % 7}.com",
        None if n % 3 else "slack",
        "ignored" if n % 5 == 0 else None,
        n % 2 == 0,
        n * 3,
        n * 10**5,
        first,
        first + dt.timedelta(days=n % 40, seconds=n),
        n % 4,
        pack(range(n % 4)),
        None if n % 6 == 0 else b"\x01\x00\x00\x00" * (n % 4),
        n % 2,
        f"example{n % 7}.com",
        None if n % 2 else n,
    )


def _read(planner: Planner, plan_id: int, prefix: str) -> list[tuple[object, ...]]:
    columns = [HOST.c[name] for name in COLUMNS[1:]]
    # the stored text too: a datetime written here is stored as SQLAlchemy stores it
    columns += [cast(HOST.c.first_seen, String), cast(HOST.c.last_seen, String)]
    query = select(*columns).where(HOST.c.plan_id == plan_id, HOST.c.host.startswith(prefix))
    with planner.workspace.read() as session:
        return sorted(tuple(r) for r in session.execute(query))


def test_tuples_read_back_as_sqlalchemy_rows_do(planner: Planner) -> None:
    create_plan(planner.workspace, "bulk", dt.date(2026, 1, 5))
    create_plan(planner.workspace, "core", dt.date(2026, 1, 5))
    with planner.workspace.read() as session:
        repo = Repository(session)
        bulk_plan, core_plan = (repo.plan_record(n).id for n in ("bulk", "core"))
    assert bulk_plan is not None and core_plan is not None
    count = bulk.COPY_MIN_ROWS + 500  # PostgreSQL: through COPY
    with planner.workspace.write() as session:
        written = bulk.insert_rows(
            session, HOST, COLUMNS, (_row(bulk_plan, n) for n in range(count))
        )
        session.execute(insert(HOST), [dict(zip(COLUMNS, _row(core_plan, n), strict=True))
                                       for n in range(count)])  # fmt: skip
    assert written == count
    mine, theirs = _read(planner, bulk_plan, "h"), _read(planner, core_plan, "h")
    assert len(mine) == count
    assert mine == theirs


def test_a_few_rows_and_conflicts_and_updates(planner: Planner) -> None:
    create_plan(planner.workspace, "bulk", dt.date(2026, 1, 5))
    with planner.workspace.read() as session:
        plan_id = Repository(session).plan_record("bulk").id
    assert plan_id is not None
    people = [(plan_id, f"p{n}", None if n % 2 else "Sales") for n in range(5)]
    with planner.workspace.write() as session:
        assert (
            bulk.insert_rows(session, PERSON, ("plan_id", "pseudonym", "department"), people) == 5
        )
        again = [(plan_id, "p1", "HR"), (plan_id, "p9", "HR")]
        bulk.insert_rows(
            session, PERSON, ("plan_id", "pseudonym", "department"), again, ignore_conflicts=True
        )
        bulk.insert_rows(session, HOST, COLUMNS, [_row(plan_id, 1), _row(plan_id, 2)])
        host_id = session.execute(
            select(HOST.c.id).where(HOST.c.host == "h2.example2.com")
        ).scalar_one()
        when = dt.datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
        bulk.update_rows(session, HOST, "id", ("hits", "last_seen"), [(77, when, host_id)])
        bulk.insert_rows(session, HOST, COLUMNS, [])
    with planner.workspace.read() as session:
        found = dict(session.execute(select(PERSON.c.pseudonym, PERSON.c.department)).all())
        hits, last = session.execute(
            select(HOST.c.hits, HOST.c.last_seen).where(HOST.c.id == host_id)
        ).one()
    assert found == {
        "p0": "Sales",
        "p1": None,
        "p2": "Sales",
        "p3": None,
        "p4": "Sales",
        "p9": "HR",
    }
    assert hits == 77
    assert last.replace(tzinfo=None) == dt.datetime(2027, 1, 1, 8, 0)


LINE = (
    "{t}.000     10 10.0.0.5 TCP_TUNNEL/200 {size} CONNECT {host}:443 {user} "
    "HIER_DIRECT/203.0.113.10 -\n"
)


def _log(path: Path, rows: list[tuple[str, str]], start: int) -> Path:
    path.write_text(
        "".join(
            LINE.format(t=start + i, size=100 * len(h) + int(u[1:]), host=h, user=u)
            for i, (h, u) in enumerate(rows)
        ),
        encoding="utf-8",
    )
    return path


def test_domain_totals_are_the_same_from_memory_or_from_the_database(
    planner: Planner, tmp_path: Path
) -> None:
    """Two plans get the same hosts: one in one import (every domain new: totals from
    the import's own hosts), the other in two imports whose second adds hosts under the
    domains of the first (recomputed from the database). Same domain view."""
    first = [(f"h{n}.d{n % 9}.co.uk", f"u{n % 5}") for n in range(40)]
    second = [(f"x{n}.d{n % 9}.co.uk", f"u{n % 7}") for n in range(30)] + first[:10]
    for name in ("one", "two"):
        create_plan(planner.workspace, name, dt.date(2026, 1, 5))

    def run(plan: str, path: Path) -> None:
        import_file(planner.workspace, planner.catalog, planner.pseudonym_key, plan, path)

    run("one", _log(tmp_path / "all.log", first + second, 1772546530))
    run("two", _log(tmp_path / "a.log", first, 1772546530))
    run("two", _log(tmp_path / "b.log", second, 1772546530 + len(first)))

    def view(plan: str) -> list[tuple[object, ...]]:
        rows = list_domains(planner.workspace, plan)[0]
        return sorted((d.domain, d.hosts, d.users, d.hits, d.bytes, d.last_seen) for d in rows)

    assert view("one") == view("two")
    assert len(view("one")) == 9


@pytest.mark.parametrize(("group", "per"), [(7, 3), (10, 5), (4_096, 128)])
def test_rows_grouped_into_statements_store_what_one_at_a_time_stores(
    planner: Planner, group: int, per: int
) -> None:
    """On SQLite several rows go to one INSERT, taken ``GROUP_ROWS`` at a time: batches
    and statements that do not divide the rows evenly (a remainder in each batch, the
    last batch short) store every row exactly as one row to a statement does."""
    grouped, single = plan_ids(planner, "grouped", "single")
    count = 3 * group + 2  # not a multiple of the batch nor of a statement's rows
    with planner.workspace.write() as session, pytest.MonkeyPatch.context() as patch:
        patch.setattr(sqlite_bulk, "GROUP_ROWS", group)
        patch.setattr(sqlite_bulk, "ROWS_PER_STATEMENT", per)
        written = bulk.insert_rows(
            session, HOST, COLUMNS, (_row(grouped, n) for n in range(count)), in_key_order=True
        )
        patch.setattr(sqlite_bulk, "ROWS_PER_STATEMENT", 1)
        bulk.insert_rows(session, HOST, COLUMNS, [_row(single, n) for n in range(count)])
    assert written == count
    mine = _read(planner, grouped, "h")
    assert len(mine) == count
    assert mine == _read(planner, single, "h")


def test_conflicts_inside_a_statement_are_skipped_row_by_row(planner: Planner) -> None:
    """``ignore_conflicts``: a row whose key is stored already, or comes earlier in the
    same statement, is skipped; the first one stays, as one row at a time would keep it."""
    (plan_id,) = plan_ids(planner, "people")
    columns = ("plan_id", "pseudonym", "department")
    first = [(plan_id, f"p{n}", "Sales") for n in range(300)]
    # each earlier pseudonym again, and every new one twice in a row (same statement)
    again = [(plan_id, f"p{n}", "HR") for n in range(0, 300, 2)]
    again += [(plan_id, f"q{n // 2}", "Legal" if n % 2 else "IT") for n in range(400)]
    with planner.workspace.write() as session:
        bulk.insert_rows(session, PERSON, columns, first)
        given = bulk.insert_rows(
            session, PERSON, columns, again, ignore_conflicts=True, in_key_order=True
        )
    with planner.workspace.read() as session:
        found = dict(session.execute(select(PERSON.c.pseudonym, PERSON.c.department)).all())
    assert given == len(again)
    assert len(found) == 500
    assert {found[f"p{n}"] for n in range(300)} == {"Sales"}
    assert {found[f"q{n}"] for n in range(200)} == {"IT"}


def test_a_row_of_another_width_is_refused_not_shifted(planner: Planner) -> None:
    """Rows flattened into one statement's values must not let a row one value short and
    another one value long trade values: the write is refused, nothing is stored."""
    (plan_id,) = plan_ids(planner, "odd")
    rows: list[tuple[object, ...]] = [(plan_id, f"p{n}", "Sales") for n in range(300)]
    rows[10] = (plan_id, "p10")  # no department...
    rows[11] = (plan_id, plan_id, "p11", "Sales")  # ...and a value too many a row later:
    # shifted, both would be stored, p10 in department "<plan id>"
    with pytest.raises(DBAPIError), planner.workspace.write() as session:
        bulk.insert_rows(session, PERSON, ("plan_id", "pseudonym", "department"), rows,
                         in_key_order=True)  # fmt: skip
    with planner.workspace.read() as session:
        assert session.execute(select(PERSON.c.id)).first() is None


def test_a_lower_parameter_limit_takes_fewer_rows_a_statement(planner: Planner) -> None:
    """SQLite before 3.32 takes 999 parameters a statement: the rows of one INSERT follow
    the connection's own limit (here lowered to 2 rows' worth and a bit)."""
    limited, plain = plan_ids(planner, "limited", "plain")
    count = 101
    with planner.workspace.write() as session:
        driver = session.connection().connection.driver_connection
        sqlite = session.connection().dialect.name == "sqlite"
        if sqlite:
            before = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
            driver.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 2 * len(COLUMNS) + 3)
            assert sqlite_bulk.rows_per_statement(session.connection(), len(COLUMNS)) == 2
        written = bulk.insert_rows(
            session, HOST, COLUMNS, [_row(limited, n) for n in range(count)], in_key_order=True
        )
        if sqlite:
            driver.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, before)
        bulk.insert_rows(session, HOST, COLUMNS, [_row(plain, n) for n in range(count)])
    assert written == count
    assert _read(planner, limited, "h") == _read(planner, plain, "h") != []


def test_rows_go_several_to_a_statement_only_in_key_order(planner: Planner) -> None:
    """Several rows to one INSERT only pay when they come sorted by the table's unique key
    (shuffled, they were slower than one at a time): grouped only when the caller says so."""
    plans = plan_ids(planner, "any", "sorted")
    made: list[int] = []
    statement = bulk._statement

    def record(*args: Any) -> str:
        made.append(args[5] if len(args) > 5 else 1)  # ``_statement``'s rows
        return statement(*args)

    with planner.workspace.write() as session, pytest.MonkeyPatch.context() as patch:
        sqlite = session.connection().dialect.name == "sqlite"
        patch.setattr(bulk, "_statement", record)
        bulk.insert_rows(session, HOST, COLUMNS, [_row(plans[0], n) for n in range(300)])
        unsorted = list(made)
        made.clear()
        rows = sorted(_row(plans[1], n) for n in range(300))  # by (plan, host): the key
        bulk.insert_rows(session, HOST, COLUMNS, rows, in_key_order=True)
    if sqlite:
        assert max(unsorted) == 1
        assert max(made) == sqlite_bulk.ROWS_PER_STATEMENT
    assert len(_read(planner, plans[0], "h")) == len(_read(planner, plans[1], "h")) == 300
