"""The one bulk write path (``adapters/store/bulk``): rows given as plain tuples read
back exactly as the same rows written through SQLAlchemy's own insert, on SQLite and on
PostgreSQL (where enough rows go through COPY), and an import of many new hosts keeps
the same domain totals whether its domains are new (totals from memory) or known
(recomputed from the database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import String, cast, insert, select

from planner.adapters.store import bulk
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
