"""A fresh domain's totals gathered as its hosts are written count each person once,
however the hosts come: grouped by domain or interleaved (a log's hosts come sorted by
name, which spreads a domain's hosts over the whole import), a few people in a tuple or
many hosts' packed people united at the end."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from planner.adapters.store.core_types import utc_micros
from planner.adapters.store.domains import FreshTotals
from planner.adapters.store.evidence import HostTotals, pack

AT = dt.datetime(2026, 3, 2, 10, 15, tzinfo=dt.UTC)


def _hosts(count: int, seed: int) -> list[tuple[str, HostTotals, bool]]:
    rng = random.Random(seed)
    found = []
    for n in range(count):
        people = tuple(sorted(rng.sample(range(1, 400), rng.choice((1, 1, 2, 5, 40)))))
        last = (AT + dt.timedelta(minutes=rng.randrange(10_000), microseconds=7)).timestamp()
        host = (f"h{n}", rng.randrange(1, 50), rng.randrange(1000), AT.timestamp(), last, people, 0)
        found.append((f"d{rng.randrange(200)}.example", host, rng.random() < 0.9))
    return found


def _expected(hosts: list[tuple[str, HostTotals, bool]]) -> dict[str, tuple[object, ...]]:
    totals: dict[str, list[object]] = {}
    for domain, (_, hits, size, _, last_ts, people, _), waiting in hosts:
        last = dt.datetime.fromtimestamp(last_ts, dt.UTC)
        g = totals.setdefault(domain, [0, set(), 0, 0, None])
        if waiting:
            g[0] += 1  # type: ignore[operator]
            g[1].update(people)  # type: ignore[attr-defined]
            g[2] += hits  # type: ignore[operator]
            g[3] += size  # type: ignore[operator]
            g[4] = last if g[4] is None else max(g[4], last)  # type: ignore[call-overload]
    return {k: (g[0], len(g[1]), *g[2:]) for k, g in totals.items()}  # type: ignore[arg-type]


@pytest.mark.parametrize("grouped", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_person_counts_once_grouped_or_interleaved(grouped: bool, seed: int) -> None:
    hosts = _hosts(3000, seed)
    if grouped:
        hosts.sort(key=lambda h: h[0])
    fresh = FreshTotals(before={"d0.example"})
    for domain, (_, hits, size, _, last, people, _), waiting in hosts:
        fresh.add(domain, hits, size, last, people, waiting, pack(people))
    expected = _expected(hosts)
    del expected["d0.example"]  # known before: recomputed from the database, not here
    assert fresh.totals() == expected
    assert fresh.touched == {h[0] for h in hosts}
    # as SQLite keeps them: the same moments, as the column type stores a datetime
    as_stored = fresh.totals(sqlite=True)
    assert {d: (*t[:4], t[4] and utc_micros(t[4])) for d, t in expected.items()} == as_stored
