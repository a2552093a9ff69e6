"""A month of files folded into one set of totals: the same totals a plain union of the
days' sets gives, with each host's people held as numbers (a few bytes a pair, not a set
entry a pair)."""

from __future__ import annotations

import random
import tracemalloc
from array import array
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.adapters.sources.logs.model import HostStats, LogSummary, People
from planner.services.discover.month_totals import MonthTotals, bits_of, numbers_of_bits

USERS = [f"user{i}" for i in range(300)] + ["Alice", "alice", "Élodie"]


def _summary(hosts: dict[str, HostStats], lines: int = 10) -> LogSummary:
    return LogSummary("squid", lines, 1, [3], hosts, "digest")


def _held(users: list[str], how: int) -> Any:
    """A day's users of a host the ways a reader hands them over."""
    if not users:
        return ()  # nobody: a host only refused to unknown users
    if how == 0 or len(users) != 1:
        if how == 2:
            names = [*sorted(set(users)), "nobody-here"]
            return People(array("I", range(len(names) - 1)), names)
        return set(users)
    return (users[0],)


day = st.dictionaries(
    st.sampled_from([f"h{i}.example" for i in range(12)]),
    st.tuples(
        st.integers(1, 50),
        st.integers(0, 10**6),
        st.floats(0, 10**9, allow_nan=False),
        st.floats(0, 10**9, allow_nan=False),
        st.lists(st.sampled_from(USERS), max_size=40),  # nobody: refused requests only
        st.integers(0, 3),
        st.integers(0, 2),
    ),
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(day, min_size=1, max_size=6))
def test_the_month_adds_up_as_a_union_of_its_days(days: list[dict[str, Any]]) -> None:
    month = MonthTotals()
    expected: dict[str, list[Any]] = {}
    for number, hosts in enumerate(days):
        stats = {}
        for host, (hits, size, a, b, users, blocked, how) in hosts.items():
            first, last = min(a, b), max(a, b)
            stats[host] = HostStats(hits, size, first, last, _held(users, how), blocked)
            want = expected.setdefault(host, [0, 0, first, last, set(), 0])
            want[0] += hits
            want[1] += size
            want[2], want[3] = min(want[2], first), max(want[3], last)
            want[4] |= set(users)
            want[5] += blocked
        month.add(_summary(stats, lines=number + 1))
    total = month.summary()
    assert total.lines == sum(range(1, len(days) + 1))
    assert total.skipped == len(days)
    got = {
        host: [s.hits, s.bytes, s.first, s.last, set(s.users), s.blocked]
        for host, s in total.hosts.items()
    }
    assert got == expected
    for s in total.hosts.values():  # each person once in a host's numbers
        if isinstance(s.users, People):
            assert len(set(s.users.ids)) == len(s.users.ids)


@given(st.lists(st.integers(0, 5000), max_size=200))
def test_bit_sets_give_their_numbers_back_in_order(numbers: list[int]) -> None:
    assert list(numbers_of_bits(bits_of(numbers))) == sorted(set(numbers))


def test_one_file_is_taken_as_it_is() -> None:
    month = MonthTotals()
    users = {"ann", "bob"}
    month.add(_summary({"a.example": HostStats(1, 2, 3.0, 4.0, users)}))
    assert month.summary().hosts["a.example"].users is users


class _Sets:
    """The month as it was held before: each host's people a set of names."""

    def __init__(self) -> None:
        self.hosts: dict[str, set[str]] = {}

    def add(self, summary: LogSummary) -> None:
        for host, stats in summary.hosts.items():
            self.hosts.setdefault(host, set()).update(stats.users)


def _held_bytes(month: Any, days: int, hosts: int, people: int, per_host: int) -> int:
    """What folding the month into ``month`` leaves allocated (the names included)."""
    rng = random.Random(7)
    names = [f"DOMAIN\\person{i:05d}" for i in range(people)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(days):
            month.add(_summary({
                f"host{h}.example": HostStats(1, 1, 0.0, 1.0, set(rng.sample(names, per_host)))
                for h in range(hosts)
            }))  # fmt: skip
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def test_a_months_people_cost_a_few_bytes_a_pair_not_a_set_entry() -> None:
    """Some 60,000 (host, person) pairs over 30 days, sparse hosts (held as arrays of
    numbers) and dense ones (bit sets): a fraction of what sets of names held."""
    for shape in ((12, 1500, 1000, 2), (12, 100, 3000, 15), (12, 20, 400, 100)):
        sets, numbers = _held_bytes(_Sets(), *shape), _held_bytes(MonthTotals(), *shape)
        assert numbers < sets / 3
