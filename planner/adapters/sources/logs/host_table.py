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
from collections.abc import Collection, Iterator, Mapping
from typing import Any

from planner.adapters.sources.logs.model import HostStats, Users

__all__ = ["HostTable", "Row", "host_rows", "users_of", "without"]

# host, hits, bytes, first, last, users, blocked: a ``HostStats`` as a plain tuple
Row = tuple[str, int, int, float, float, Users, int]


class HostTable(Mapping[str, HostStats]):
    """Hosts appended in sorted order, their totals in one array per column."""

    __slots__ = ("blocked", "bytes", "first", "hits", "last", "names", "users")

    def __init__(self) -> None:
        self.names: list[str] = []
        self.hits: array[int] = array("q")
        self.bytes: array[int] = array("q")
        self.first: array[float] = array("d")
        self.last: array[float] = array("d")
        self.users: list[Users] = []
        self.blocked: array[int] = array("q")

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
        return zip(self.names, self.hits, self.bytes, self.first, self.last, self.users,
                   self.blocked, strict=True)  # fmt: skip

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
    """Each host's totals as a ``Row``, from a table's columns or from ``HostStats``."""
    if isinstance(hosts, HostTable):
        return hosts.rows()
    return ((h, s.hits, s.bytes, s.first, s.last, s.users, s.blocked) for h, s in hosts.items())


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
