"""A log's per-host totals held as columns: what ``LogSummary.hosts`` is once a read ends.

Why columns: a long tail brings a million hosts, nearly all seen once by one person. As a
dict of ``HostStats`` each cost some 290 bytes of live objects (the stats object, an int
for its bytes, a float per time, a 1-tuple of its user, a dict slot) on top of its name,
and the import peaked near 500 MB at a million hosts. Here a host is its name, a slot of
a sorted list and 48 bytes of arrays (hits, bytes, first and last seen, blocked, and a
reference to its users, which hosts seen by the same one person share).

The table reads as a ``Mapping[str, HostStats]`` sorted by host (each ``HostStats`` made
when asked for, so changing one does not change the table); the import itself walks the
columns (``rows``) and never makes them. Looking a host up is a binary search.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import compress, islice
from operator import eq, itemgetter
from typing import Any

from planner.adapters.sources.logs.model import HostStats, Users, frozen_users, joined_users

__all__ = ["Folding", "HostTable", "Row", "host_rows", "users_of", "without"]

# host, hits, bytes, first, last, users, blocked: a ``HostStats`` as a plain tuple
Row = tuple[str, int, int, float, float, Users, int]


class HostTable(Mapping[str, HostStats]):
    """Hosts appended in sorted order, their totals in one array per column; or, made by
    ``Folding``, the sorted hosts' rows in ``order`` into columns kept as they were filled
    (so the columns of a million hosts are not copied to be sorted)."""

    __slots__ = ("blocked", "bytes", "first", "hits", "last", "names", "order", "users")

    def __init__(self) -> None:
        self.names: list[str] = []
        self.hits: array[int] = array("q")
        self.bytes: array[int] = array("q")
        self.first: array[float] = array("d")
        self.last: array[float] = array("d")
        self.users: list[Users] = []
        self.blocked: array[int] = array("q")
        self.order: array[int] | None = None  # the row of each of ``names``; None: the same

    def append(self, row: Row) -> None:
        """Add a host after every host already in (callers append in sorted order)."""
        host, hits, size, first, last, users, blocked = row
        self.names.append(host)
        self.hits.append(hits)
        self.bytes.append(size)
        self.first.append(first)
        self.last.append(last)
        self.users.append(users)
        self.blocked.append(blocked)

    def rows(self) -> Iterator[Row]:
        """Every host's totals in order, as tuples (no ``HostStats`` made)."""
        if self.order is None:
            return zip(self.names, self.hits, self.bytes, self.first, self.last, self.users,
                       self.blocked, strict=True)  # fmt: skip
        return self._ordered_rows(self.order)

    def drain(self) -> Iterator[Row]:
        """``rows``, each host's name and users let go of once its row is taken, and the
        table empty at the end: an import writes a long tail without holding it twice."""
        names: list[Any] = self.names
        users: list[Any] = self.users
        hits, size, first, last, blocked = (
            self.hits,
            self.bytes,
            self.first,
            self.last,
            self.blocked,
        )
        order = range(len(names)) if self.order is None else self.order
        for i, r in enumerate(order):
            yield names[i], hits[r], size[r], first[r], last[r], users[r], blocked[r]
            names[i] = users[r] = None
        self.names, self.users, self.order = [], [], None
        self.hits, self.bytes, self.blocked = array("q"), array("q"), array("q")
        self.first, self.last = array("d"), array("d")

    def _ordered_rows(self, order: array[int]) -> Iterator[Row]:
        hits, size, first, last, users, blocked = (self.hits, self.bytes, self.first,
                                                   self.last, self.users, self.blocked)  # fmt: skip
        for host, r in zip(self.names, order, strict=True):
            yield host, hits[r], size[r], first[r], last[r], users[r], blocked[r]

    def _index(self, host: object) -> int:
        names = self.names
        if isinstance(host, str):
            i = bisect_left(names, host)
            if i < len(names) and names[i] == host:
                return i
        return -1

    def __getitem__(self, host: str) -> HostStats:
        i = self._index(host)
        if i < 0:
            raise KeyError(host)
        if self.order is not None:
            i = self.order[i]
        return HostStats(self.hits[i], self.bytes[i], self.first[i], self.last[i],
                         self.users[i], self.blocked[i])  # fmt: skip

    def __contains__(self, host: object) -> bool:
        return self._index(host) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        return f"HostTable({dict(self)!r})"

    def without(self, dropped: Collection[str]) -> HostTable:
        """A table of the hosts not in ``dropped``."""
        kept = HostTable()
        gone = set(dropped)
        for row in self.rows():
            if row[0] not in gone:
                kept.append(row)
        return kept


def host_rows(hosts: Mapping[str, HostStats]) -> Iterator[Row]:
    """Each host's totals as a ``Row``, from a table's columns or from ``HostStats``;
    ``hosts`` is consumed (emptied as its rows are taken, a dict's entries popped)."""
    if isinstance(hosts, HostTable):
        return hosts.drain()
    if isinstance(hosts, dict):
        return _popped(hosts)
    return ((h, s.hits, s.bytes, s.first, s.last, s.users, s.blocked) for h, s in hosts.items())


def _popped(hosts: dict[str, HostStats]) -> Iterator[Row]:
    for host in list(hosts):
        s = hosts.pop(host)
        yield host, s.hits, s.bytes, s.first, s.last, s.users, s.blocked


def users_of(hosts: Mapping[str, HostStats]) -> Iterator[Any]:
    """Each host's users (raw names), host by host."""
    if isinstance(hosts, HostTable):
        return iter(hosts.users)
    return (s.users for s in hosts.values())


def without(hosts: Mapping[str, HostStats], dropped: Collection[str]) -> Mapping[str, HostStats]:
    """``hosts`` less ``dropped``, as a new mapping of the same kind."""
    if isinstance(hosts, HostTable):
        return hosts.without(dropped)
    gone = set(dropped)
    return {host: stats for host, stats in hosts.items() if host not in gone}


class Folding:
    """Running totals of a parallel read's hosts as columns, once the caller's own range
    is read: each helper's hosts are appended as they come (``fold_columns``, ``fold``),
    and the table is made sorted at the end (``table``), where the rows of a host seen in
    several ranges are added up.

    Why: the caller's records are lists, some 120 bytes each with an int and a float or
    two of their own; a long tail's half from a helper would add as many. Taken over as
    columns, the lists are let go of before the helper's half comes in (their memory
    serves its names), and a host costs its name and 48 bytes of arrays.

    Why no host -> row dict: a long tail's hosts are nearly all new to the caller, and
    finding that out host by host cost a dict look-up and an insertion each (some 0.1 s
    of the caller's time for 140,000 hosts of a helper, while the helper waits to send its
    next part), where the table's sort, needed anyway, puts a host's rows side by side:
    one comparison of neighbours in C finds the few seen twice.
    """

    __slots__ = ("blocked", "bytes", "first", "hits", "last", "names", "users")

    def __init__(self, records: dict[str, Any]) -> None:
        """Take ``records`` (host -> ``model.Record``) over; they are let go of."""
        taken = list(records.values())
        self.names = list(records)
        records.clear()  # the record lists go with ``taken``, on return
        self.hits, self.bytes, self.blocked = (array("q", map(itemgetter(i), taken))
                                               for i in (0, 1, 5))  # fmt: skip
        self.first, self.last = (array("d", map(itemgetter(i), taken)) for i in (2, 3))
        self.users: list[Any] = list(map(itemgetter(4), taken))  # None, a str or a set

    def fold(self, host: str, record: Sequence[Any]) -> None:
        """Add one host's totals (a ``model.Record``'s six values) in, after the rest."""
        hits, size, first, last, members, blocked = record
        self.fold_columns([host], array("q", [hits]), array("q", [size]), array("d", [first]),
                          array("d", [last]), [members], array("q", [blocked]))  # fmt: skip

    def fold_columns(
        self,
        names: list[str],
        hits: array[int],
        size: array[int],
        first: array[float],
        last: array[float],
        members: list[Any],
        blocked: array[int],
    ) -> int:
        """Add the totals of many hosts, given as columns (a helper's part), appended
        column by column in C; returns the row of the first (``users`` row by row)."""
        count = len(self.names)
        self.names += names
        self.hits += hits
        self.bytes += size
        self.first += first
        self.last += last
        self.users += members
        self.blocked += blocked
        return count

    def fold_row(
        self, row: int, hits: int, size: int, first: float, last: float, members: Any,
        blocked: int
    ) -> None:  # fmt: skip
        """Add one host's totals to its row."""
        self.hits[row] += hits
        self.bytes[row] += size
        self.first[row] = min(self.first[row], first)
        self.last[row] = max(self.last[row], last)
        self.users[row] = joined_users(self.users[row], members)
        self.blocked[row] += blocked

    def table(self) -> HostTable:
        """The hosts seen (used or refused) sorted, users frozen (one user: a 1-tuple shared
        by all their hosts); the columns are handed over, the running totals emptied."""
        hits, blocked, users = self.hits, self.blocked, self.users
        table = HostTable()
        by_name = sorted(range(len(self.names)), key=self.names.__getitem__)
        names = list(map(self.names.__getitem__, by_name))
        self.names = []  # the sorted names alone hold them now
        names = _compact(names)
        order = array("q", by_name)
        del by_name
        names, order = self._added_up(names, order)
        if not all(hits):  # a line found malformed after all
            seen = [(h, r) for h, r in zip(names, order, strict=True) if hits[r] or blocked[r]]
            names = [h for h, _ in seen]
            order = array("q", [r for _, r in seen])
        _freeze(users)
        table.names, table.order = names, order
        table.hits, table.bytes, table.first, table.last = hits, self.bytes, self.first, self.last
        table.users, table.blocked = users, blocked
        return table

    def _added_up(self, names: list[str], order: array[int]) -> tuple[list[str], array[int]]:
        """Sorted ``names`` and their rows (``order``) with each host once: the rows of a
        host seen in several ranges (side by side, sorted) added to its first row. The
        rows left over keep their values; nothing refers to them any more."""
        again = list(compress(range(1, len(names)), map(eq, islice(names, 1, None), names)))
        if not again:
            return names, order
        kept = [True] * len(names)
        for i in again:
            first = i - 1
            while not kept[first]:  # a third row or more of one host: back to its first
                first -= 1
            r = order[i]
            self.fold_row(order[first], self.hits[r], self.bytes[r], self.first[r], self.last[r],
                          self.users[r], self.blocked[r])  # fmt: skip
            kept[i] = False
            self.users[r] = None
        return list(compress(names, kept)), array("q", compress(order, kept))


def _compact(names: list[str]) -> list[str]:
    """``names`` made again side by side in memory, in their order (``names`` emptied).

    Why: a long tail's names were made one by one as the log was parsed (or unpickled from
    a helper), among their records, and come sorted in an order unrelated to where they
    lie: each later pass over them in order (the repeats found here, the walk over their
    parents, the claims, the rows written) then missed the cache at nearly every name.
    One join and one split make them anew in the order they will be read: for 280,000
    hosts first seen in a random order, the walk took 0.24-0.26 s against 0.31-0.36 s, the
    claims 0.04 s against 0.06-0.08 s. The old ones go first, so a million hosts' names
    are not held twice (made while the old ones lived, the new ones were adjacent and the
    walk 0.20-0.25 s, but the peak at 1,000,000 hosts was 402 MB). A name holding a line
    break (none does: a log's lines are split on them) keeps the names as they are."""
    joined = "\n".join(names)
    if joined.count("\n") != max(0, len(names) - 1):
        return names
    count = len(names)
    names.clear()
    return joined.split("\n") if count else []


def _freeze(users: list[Any]) -> None:
    """Each row's users as ``HostStats`` holds them, in place: one user's 1-tuple shared by
    all their hosts, nobody's ``()``, a set of people as ``frozen_users`` keeps it. A long
    tail's rows are nearly all one person's: looked up in C, the few sets apart."""
    several = [
        row for row, held in enumerate(users) if held is not None and held.__class__ is not str
    ]
    kept = [frozen_users(users[row]) for row in several]
    for row in several:
        users[row] = None
    alone: dict[Any, Any] = {held: (held,) for held in set(users)}
    alone[None] = ()
    users[:] = map(alone.__getitem__, users)
    for row, held in zip(several, kept, strict=True):
        users[row] = held
