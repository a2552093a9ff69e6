"""The new hosts' rows made column by column (``host_columns.column_rows``, a reader's
long tail) are exactly the rows of the per-host path (``new_hosts.new_host_rows``): the
same values in the same order, the same claims found, the same deltas of known hosts and
the same fresh domains' totals; on SQLite (times as text) and elsewhere (datetimes)."""

from __future__ import annotations

import datetime as dt
import random
from array import array
from typing import Any

import pytest

from planner.adapters.store.domains import FreshTotals
from planner.adapters.store.evidence import KnownHost
from planner.adapters.store.host_columns import HostColumns, column_rows
from planner.adapters.store.new_hosts import HostClaims, new_host_rows

START = dt.datetime(2026, 3, 2, 10, 15, tzinfo=dt.UTC).timestamp()
TLDS = ["com", "co.uk", "github.io", "de", "example"]


def _columns(count: int, seed: int) -> HostColumns:
    """Hosts sorted by name, most seen once by one person (whose 1-tuple they share),
    some seen over days, by nobody or by several; some times with odd microseconds,
    a few before 1970 or right on a half microsecond."""
    rng = random.Random(seed)
    alone = {p: (p,) for p in range(1, 60)}
    names = sorted(
        {
            f"{rng.choice(['www', 'api', 'x', 'a.b'])}.site{rng.randrange(count // 3)}."
            f"{rng.choice(TLDS)}"
            for _ in range(count)
        }
        | {"10.0.0.1", "co.uk", "localhost", "site1.com", "::1"}
    )
    hits, size, first, last, people, blocked = [], [], [], [], [], []
    for _ in names:
        seen = START + rng.randrange(86_400 * 40) + rng.choice((0.0, 0.05, 0.1234565, 0.9999996))
        if rng.random() < 0.01:
            seen = rng.choice((-86_400.5, 12.5e-7, 0.0))
        hits.append(rng.randrange(1, 30))
        size.append(rng.randrange(10**9))
        last.append(seen)
        first.append(seen if rng.random() < 0.8 else seen - rng.randrange(1, 10**6) / 7)
        kind = rng.random()
        if kind < 0.85:
            people.append(alone[rng.randrange(1, 60)])
        elif kind < 0.9:
            people.append(())
        else:
            people.append(tuple(sorted(rng.sample(range(1, 80), rng.choice((2, 3, 12))))))
        blocked.append(rng.choice((0, 0, 0, 4)))
    if seed % 2:  # the columns as a parallel read fills them: rows reached through order
        rows = list(range(len(names)))
        rng.shuffle(rows)
        at = {r: i for i, r in enumerate(rows)}  # the row -> the name it holds
        hits, size, first, last, people, blocked = (
            [column[at[r]] for r in range(len(rows))]
            for column in (hits, size, first, last, people, blocked)
        )
        order = array("q", rows)
        assert [hits[order[i]] for i in range(3)] == [hits[rows[i]] for i in range(3)]
        return HostColumns(names, array("q", hits), array("q", size), array("d", first),
                           array("d", last), people, array("q", blocked), order)  # fmt: skip
    return HostColumns(names, array("q", hits), array("q", size), array("d", first),
                       array("d", last), people, array("q", blocked))  # fmt: skip


def _claims(names: list[str], rng: random.Random) -> HostClaims:
    tools = {h: rng.choice(["slack", None]) for h in rng.sample(names, 40)}
    decisions = {h: "ignored" for h in rng.sample(names, 30)}
    by_rule = set(rng.sample(sorted(decisions), 10)) | set(rng.sample(names, 5))
    return HostClaims(tools, decisions, by_rule)


def _run(path: str, sqlite: bool, columns: HostColumns, seed: int) -> tuple[Any, ...]:
    rng = random.Random(seed)
    known = {h: KnownHost(i, None, None) for i, h in enumerate(rng.sample(columns.names, 50))}
    claims = _claims(columns.names, rng)
    before = {"site3.com", "site5.de", "10.0.0.1"}
    fresh, old = FreshTotals(before), {}  # type: ignore[var-annotated]
    if path == "columns":
        rows = list(column_rows(sqlite, columns, known, old, fresh, claims))
    else:
        rows = list(new_host_rows(sqlite, columns.rows(), known, old, fresh, claims))
    # the packed values compared as bytes (one path shares objects the other does not)
    rows = [tuple(bytes(v) if isinstance(v, bytearray) else v for v in r) for r in rows]
    return rows, claims.found, old, fresh.totals(sqlite), fresh.touched


@pytest.mark.parametrize("sqlite", [True, False])
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_column_rows_are_the_per_host_rows(sqlite: bool, seed: int) -> None:
    columns = _columns(3000, seed)
    by_host = _run("hosts", sqlite, columns, seed)
    by_column = _run("columns", sqlite, columns, seed)
    assert by_column[0] == by_host[0]
    assert list(by_column[1].items()) == list(by_host[1].items())  # claims, in log order
    assert by_column[2] == by_host[2]  # known hosts' deltas
    assert by_column[3] == by_host[3]  # fresh domains' totals
    assert by_column[4] == by_host[4]  # every domain touched
    assert len(by_column[0]) == len(columns) - 50


def test_many_chunks_and_no_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks smaller than the hosts: the same rows, and totals over all the chunks."""
    import planner.adapters.store.host_columns as module

    monkeypatch.setattr(module, "CHUNK", 97)
    columns = _columns(2000, 7)
    results = []
    for path in ("hosts", "columns"):
        fresh, old, claims = FreshTotals(()), {}, HostClaims({}, {}, ())  # type: ignore[var-annotated]
        if path == "columns":
            rows = list(column_rows(True, columns, {}, old, fresh, claims))
        else:
            rows = list(new_host_rows(True, columns.rows(), {}, old, fresh, claims))
        rows = [tuple(bytes(v) if isinstance(v, bytearray) else v for v in r) for r in rows]
        results.append((rows, fresh.totals(True), fresh.touched, old, claims.found))
    assert results[0] == results[1]


def _summary(sorted_folding: bool) -> Any:
    """A read's summary: its hosts a table appended in order or folded (rows in
    ``order``), users one person's shared 1-tuple, several, nobody or numbered (People)."""
    from planner.adapters.sources.logs.host_table import Folding, HostTable
    from planner.adapters.sources.logs.model import (
        Aggregate,
        LogSummary,
        People,
        new_compact_record,
    )

    names = ["Ann", "ann", "bob", "cy"]
    specs = [("z.example", "ann"), ("m.example", None), ("a.example", "Ann"),
             ("q.example", {"ann", "bob"}), ("y.example", "ann"), ("p.example", {"Ann", "ann"}),
             ("n.example", People(array("I", [1, 3]), names)), ("c.example", "cy")]  # fmt: skip
    if sorted_folding:
        records = {}
        for n, (host, users) in enumerate(specs):
            record = new_compact_record()
            record[:6] = [n + 1, n * 10, 1.0 + n, 2.0 + n, users, n % 2]
            records[host] = record
        agg = Aggregate(hosts=records)
        agg.folding = Folding(agg.hosts)
        return agg.summary("squid", "digest")
    table = HostTable()
    for n, (host, users) in enumerate(sorted(specs, key=lambda s: s[0])):
        frozen = (users,) if isinstance(users, str) else () if users is None else users
        table.append((host, n + 1, n * 10, 1.0 + n, 2.0 + n, frozen, n % 2))
    return LogSummary("squid", 8, 0, [], table, "digest")


@pytest.mark.parametrize("sorted_folding", [False, True])
def test_host_columns_are_the_host_totals(sorted_folding: bool) -> None:
    """``people.host_columns`` gives the hosts' totals ``people.host_totals`` gives (the
    same people ids, "Ann" and "ann" one person), and lets the summary's table go."""
    from planner.services.discover.people import host_columns, host_totals

    pseudonyms = {"Ann": "p-ann", "ann": "p-ann", "bob": "p-bob", "cy": "p-cy"}
    person_ids = {"p-ann": 7, "p-bob": 3, "p-cy": 9}
    by_host = list(host_totals(_summary(sorted_folding), pseudonyms, person_ids))
    summary = _summary(sorted_folding)
    columns = host_columns(summary, pseudonyms, person_ids)
    assert columns is not None and len(summary.hosts) == 0
    assert list(columns.rows()) == by_host
    assert [h for h, *_ in by_host] == sorted(h for h, *_ in by_host)
    people = dict((h, p) for h, *_, p, _ in by_host)
    assert people["q.example"] == (3, 7) and people["p.example"] == (7,)
    assert people["n.example"] == (7, 9) and people["m.example"] == ()
    # one person's hosts share their tuple, as the rows' packed people are made once
    shared = {h: p for h, *_, p, _ in columns.rows()}
    assert shared["z.example"] is shared["y.example"]
    assert host_columns(_summary(False).__class__("squid", 0, 0, [], {}, "d"), {}, {}) is None


def test_gathered_through_order_one_host_or_many() -> None:
    """Columns reached through ``order`` give each name's values, for one host as for
    several (one row picked is still a column of one)."""
    ints, floats = array("q", [1, 2, 3]), array("d", [1.0, 2.0, 3.0])
    columns = HostColumns(["a", "b", "c"], ints, array("q", [10, 20, 30]), floats,
                          array("d", [4.0, 5.0, 6.0]), [(1,), (2,), ()], array("q", [0, 0, 7]),
                          array("q", [2, 0, 1]))  # fmt: skip
    assert [list(c) for c in columns.gathered(1, 2)] == [[1], [10], [1.0], [4.0], [(1,)], [0]]
    assert [list(c) for c in columns.gathered(0, 3)] == [
        [3, 1, 2], [30, 10, 20], [3.0, 1.0, 2.0], [6.0, 4.0, 5.0], [(), (1,), (2,)], [7, 0, 0]
    ]  # fmt: skip
    assert next(iter(columns.rows())) == ("a", 3, 30, 3.0, 6.0, (), 7)
