"""How a Squid log's byte ranges travel between processes (``parallel.RangeRead``):
each helper's totals packed compactly (each user once, then per host an array of user
numbers, which pickles in one go) and sent in parts, merged by the caller in file order.

Why a module of its own: the range machinery (``parallel``) is the same for every format
that can be cut into ranges; what is packed and how it is merged is Squid's own, and a
long tail makes it matter — a helper holding 500,000 hosts sends them 50,000 at a time,
merged as they come, so neither side holds a packed copy of the whole tail.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from planner.adapters.sources.logs.host_table import Folding
from planner.adapters.sources.logs.model import Aggregate, joined_users
from planner.adapters.sources.logs.squid import SquidScanner

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

__all__ = ["SQUID", "Hosts", "Packed", "merge", "merge_part", "pack", "send_parts"]

# per host: hits, bytes, first, last, packed user numbers, blocked attempts
PackedHost = tuple[int, int, float, float, bytes, int]
Hosts = dict[str, PackedHost]
# lines, skipped, physical lines, skipped line numbers, users, per-host totals
Packed = tuple[int, int, int, list[int], list[str], Hosts]


def _numbers(members: Any, number: Callable[[str], int]) -> bytes:
    """A record's users (None, one user, or a set: ``model.new_compact_record``) as packed
    user numbers."""
    if members is None:
        return b""
    if members.__class__ is set:
        return array("I", map(number, members)).tobytes()
    return array("I", [number(members)]).tobytes()


_PART = 50_000  # hosts per message of a helper that sends its totals in parts


def _user_numbers(scanner: SquidScanner) -> tuple[list[str], Callable[[str], int]]:
    users = list(set(scanner.users.values()))
    return users, {user: n for n, user in enumerate(users)}.__getitem__


def _parts(scanner: SquidScanner, number: Callable[[str], int], size: int) -> Iterator[Hosts]:
    """The scanner's per-host totals, ``size`` hosts at a time, its records let go of as
    they are packed (a long tail is not held twice)."""
    records = scanner.agg.hosts
    names = list(records)
    for start in range(0, len(names), size):
        part = {}
        for host in names[start : start + size]:
            hits, size_, first, last, members, blocked = records.pop(host)
            part[host] = (hits, size_, first, last, _numbers(members, number), blocked)
        yield part


def pack(scanner: SquidScanner) -> Packed:
    """The totals of one range, cheap to pickle: each user once, per-host index arrays."""
    agg = scanner.agg
    users, number = _user_numbers(scanner)
    hosts: Hosts = {}
    for part in _parts(scanner, number, _PART):
        hosts.update(part)
    return agg.lines, agg.skipped, scanner.physical, agg.skipped_lines, users, hosts


def send_parts(conn: Connection, scanner: SquidScanner) -> None:
    """``pack``'s totals sent as several messages (the users, then parts of ``_PART``
    hosts, then the counts as the answer), so that neither side holds a long tail's
    packed copy whole: the caller merges each part as it comes (``answer``'s
    ``on_part``)."""
    users, number = _user_numbers(scanner)
    conn.send(("users", users))
    for part in _parts(scanner, number, _PART):
        conn.send(("part", part))
    agg = scanner.agg
    conn.send(("ok", (agg.lines, agg.skipped, scanner.physical, agg.skipped_lines, [], {})))


def merge(agg: Aggregate, packed: Packed, offset: int, known: dict[str, str]) -> int:
    """Fold the packed totals of the next range into ``agg``; returns its physical lines.

    ``known`` interns user strings across ranges so the merged records share objects.
    """
    lines, skipped, physical, skipped_lines, users, hosts = packed
    agg.merge(Aggregate(lines=lines, skipped=skipped, skipped_lines=skipped_lines), offset)
    merge_part(agg, hosts, intern_users(users, known))
    return physical


def intern_users(users: list[str], known: dict[str, str]) -> list[str]:
    """A helper's user numbers -> the caller's user objects (``known`` interns them)."""
    return [known.setdefault(user, user) for user in users]


class _Parts:
    """Merges a helper's parts as they come (``send_parts``)."""

    def __init__(self, agg: Aggregate, known: dict[str, str]) -> None:
        self.agg, self.known, self.users = agg, known, list[str]()

    def __call__(self, kind: str, payload: Any) -> None:
        if kind == "users":
            self.users = intern_users(payload, self.known)
        else:
            merge_part(self.agg, payload, self.users)


def merge_part(agg: Aggregate, hosts: Hosts, users: list[str]) -> None:
    """Fold per-host packed totals into ``agg``; ``hosts`` is emptied as it is merged."""
    take = users.__getitem__
    records = agg.hosts
    folding = agg.folding
    if folding is not None:
        rows, names = folding.rows, folding.names
        add_hits, add_size, add_blocked = (folding.hits.append, folding.bytes.append,
                                           folding.blocked.append)  # fmt: skip
        add_first, add_last = folding.first.append, folding.last.append
        add_members = folding.users.append
    while hosts:
        host, (hits, size, first, last, blob, blocked) = hosts.popitem()
        numbers = array("I", blob)
        members: Any = None
        if folding is not None and len(numbers) > 1:
            row = rows.get(host)
            if row is not None and (held := folding.users[row]).__class__ is set:
                # a host both ranges saw, many people: theirs go straight into the
                # caller's set, not into a set of their own first
                held.update(map(take, numbers))
                folding.fold(host, (hits, size, first, last, None, blocked))
                continue
        if len(numbers) == 1:
            members = take(numbers[0])
        elif numbers:
            members = set(map(take, numbers))
        if folding is not None:
            if last == first:
                last = first  # one float, not two (pickling made two of one)
            if host in rows:
                folding.fold(host, (hits, size, first, last, members, blocked))
                continue
            # new to the caller (most of a long tail): appended, Folding.fold inlined
            rows[host] = len(names)
            names.append(host)
            add_hits(hits)
            add_size(size)
            add_first(first)
            add_last(last)
            add_members(members)
            add_blocked(blocked)
            continue
        mine = records.get(host)
        if mine is None:
            records[host] = [hits, size, first, last, members, blocked]
            continue
        mine[0] += hits
        mine[1] += size
        mine[2] = min(mine[2], first)
        mine[3] = max(mine[3], last)
        mine[4] = joined_users(mine[4], members)
        mine[5] += blocked


class _SquidRanges:
    def caller(self) -> SquidScanner:
        return SquidScanner()

    def scanner(self) -> SquidScanner:
        return SquidScanner()

    def pack(self, scanner: SquidScanner) -> Packed:
        scanner.finish()
        return pack(scanner)

    def start(self, scanner: SquidScanner) -> tuple[Aggregate, dict[str, str]]:
        agg = scanner.finish()
        # columns from here: the caller's records go before the helpers' hosts come in
        agg.folding = Folding(agg.hosts)
        return agg, {user: user for user in scanner.users.values()}

    def merge(self, state: tuple[Aggregate, dict[str, str]], packed: Packed, offset: int) -> int:
        return merge(state[0], packed, offset, state[1])

    def result(self, state: tuple[Aggregate, dict[str, str]]) -> Aggregate:
        return state[0]

    def send(self, conn: Connection, scanner: SquidScanner) -> None:
        scanner.finish()
        send_parts(conn, scanner)  # a long tail is never packed whole

    def parts(self, state: tuple[Aggregate, dict[str, str]]) -> _Parts:
        return _Parts(*state)


SQUID = _SquidRanges()
