"""How a Squid log's byte ranges travel between processes (``parallel.RangeRead``):
each helper's totals packed compactly (each user once, then the hosts as columns: names,
arrays of totals and of user numbers) and sent in parts, merged by the caller in file
order.

Why a module of its own: the range machinery (``parallel``) is the same for every format
that can be cut into ranges; what is packed and how it is merged is Squid's own, and a
long tail makes it matter — a helper holding 500,000 hosts sends them 50,000 at a time,
merged as they come, so neither side holds a packed copy of the whole tail. Columns,
because nearly all of those hosts are new to the caller: they are appended column by
column in C (``Folding.fold_columns``), where a tuple per host cost a Python loop turn
each to pack and to merge.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from planner.adapters.sources.logs.byte_ranges import fed
from planner.adapters.sources.logs.host_table import Folding
from planner.adapters.sources.logs.model import Aggregate, add_record, joined_users
from planner.adapters.sources.logs.squid import SquidScanner

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

__all__ = ["SQUID", "Columns", "Packed", "merge", "merge_part", "pack", "send_parts"]

# A part of a range's hosts as columns: names, hits, bytes, first, last, blocked, then
# each host's one user as its number (-1: nobody, or several) and the user numbers of
# the hosts seen by several people, by position. Arrays pickle as their bytes, and the
# caller appends the hosts new to it column by column (``Folding.fold_columns``).
Columns = tuple[
    list[str], "array[int]", "array[int]", "array[float]", "array[float]", "array[int]",
    "array[int]", dict[int, bytes],
]  # fmt: skip
# lines, skipped, physical lines, skipped line numbers, users, per-host totals
Packed = tuple[int, int, int, list[int], list[str], Columns]

_PART = 50_000  # hosts per message of a helper that sends its totals in parts


def _user_numbers(scanner: SquidScanner) -> tuple[list[str], dict[Any, int]]:
    """The range's users, each once, and each one's number (None's is -1)."""
    users = list(set(scanner.users.values()))
    number: dict[Any, int] = {user: n for n, user in enumerate(users)}
    number[None] = -1
    return users, number


def _columns(records: dict[str, Any], names: list[str], number: dict[Any, int]) -> Columns:
    """The records of ``names`` as columns, let go of as they are taken (a long tail is
    not held twice). Nearly every host of a long tail has one user: a number in a column;
    the few with a set of people get an array of numbers of their own."""
    taken = list(map(records.pop, names))
    hits, size, first, last, blocked = (
        array(code, map(itemgetter(field), taken))
        for code, field in (("q", 0), ("q", 1), ("d", 2), ("d", 3), ("q", 5))
    )
    members = list(map(itemgetter(4), taken))
    del taken
    several: dict[int, bytes] = {}
    for i in [i for i, users in enumerate(members) if users.__class__ is set]:
        several[i] = array("I", map(number.__getitem__, members[i])).tobytes()
        members[i] = None
    single = array("i", map(number.__getitem__, members))
    return names, hits, size, first, last, blocked, single, several


def _parts(scanner: SquidScanner, number: dict[Any, int], size: int) -> Iterator[Columns]:
    """The scanner's per-host totals, ``size`` hosts at a time, as columns."""
    records = scanner.agg.hosts
    names = list(records)
    for start in range(0, len(names), size):
        yield _columns(records, names[start : start + size], number)


def pack(scanner: SquidScanner) -> Packed:
    """The totals of one range, cheap to pickle: each user once, the hosts as columns."""
    agg = scanner.agg
    users, number = _user_numbers(scanner)
    hosts = _columns(agg.hosts, list(agg.hosts), number)
    return agg.lines, agg.skipped, scanner.physical, agg.skipped_lines, users, hosts


def send_parts(conn: Connection, scanner: SquidScanner) -> None:
    """``pack``'s totals sent as several messages (the users, then parts of ``_PART``
    hosts, then the counts as the answer), so that neither side holds a long tail's
    pickle whole: the caller merges each part as it comes (``answer``'s ``on_part``).

    Every part is packed before the first is sent: a send waits for the caller to read
    it, and a caller still parsing the piece it took from this helper's range (``Ends``
    counts the packing in) would otherwise keep the packing waiting too. Packed, a host
    is its name and 48 bytes of arrays, less than its record, let go of as it is packed."""
    users, number = _user_numbers(scanner)
    parts = list(_parts(scanner, number, _PART))
    parts.reverse()  # each part let go of once sent
    conn.send(("users", users))
    while parts:
        conn.send(("part", parts.pop()))
    agg = scanner.agg
    conn.send(("ok", (agg.lines, agg.skipped, scanner.physical, agg.skipped_lines, [], None)))


def merge(agg: Aggregate, packed: Packed, offset: int, known: dict[str, str]) -> int:
    """Fold the packed totals of the next range into ``agg``; returns its physical lines.

    ``known`` interns user strings across ranges so the merged records share objects.
    """
    lines, skipped, physical, skipped_lines, users, hosts = packed
    agg.merge(Aggregate(lines=lines, skipped=skipped, skipped_lines=skipped_lines), offset)
    if hosts is not None:
        merge_part(agg, hosts, intern_users(users, known))
    return physical


def intern_users(users: list[str], known: dict[str, str]) -> list[Any]:
    """A helper's user numbers -> the caller's user objects (``known`` interns them);
    number -1, the last, is nobody (None)."""
    return [*map(known.setdefault, users, users), None]


class _Parts:
    """Merges a helper's parts as they come (``send_parts``)."""

    def __init__(self, agg: Aggregate, known: dict[str, str]) -> None:
        self.agg, self.known, self.users = agg, known, list[Any]()

    def __call__(self, kind: str, payload: Any) -> None:
        if kind == "users":
            self.users = intern_users(payload, self.known)
        else:
            merge_part(self.agg, payload, self.users)


def merge_part(agg: Aggregate, hosts: Columns, users: list[Any]) -> None:
    """Fold a part's columns into ``agg`` (``users``: ``intern_users``'s list). The people
    of a host seen by several are added after its totals, one host at a time, straight
    into the set the caller holds, if any (not all of a part's sets made at once)."""
    names, hits, size, first, last, blocked, single, several = hosts
    take = users.__getitem__
    members = list(map(take, single))  # one user's str, or None: nobody, or several
    folding = agg.folding
    if folding is not None:
        row = folding.fold_columns(names, hits, size, first, last, members, blocked)
        column = folding.users
        for i, blob in several.items():
            column[row + i] = _with_people(column[row + i], map(take, array("I", blob)))
        return
    records = agg.hosts
    for host, *theirs in zip(names, hits, size, first, last, members, blocked, strict=True):
        mine = records.get(host)
        if mine is None:
            records[host] = theirs
            continue
        add_record(mine, theirs)
    for i, blob in several.items():
        record = records[names[i]]
        record[4] = _with_people(record[4], map(take, array("I", blob)))


def _with_people(held: Any, people: Iterable[str]) -> Any:
    """A record's users (None, a str or a set) with ``people`` added."""
    if held.__class__ is set:
        held.update(people)
        return held
    return joined_users(held, set(people))


class _SquidRanges:
    def caller(self) -> SquidScanner:
        return SquidScanner()

    def scanner(self) -> SquidScanner:
        return SquidScanner()

    def pack(self, scanner: SquidScanner) -> Packed:
        scanner.finish()
        return pack(scanner)

    def held(self, scanner: SquidScanner) -> int:
        """The hosts ``scanner`` holds so far: what packing it will cost
        (``byte_ranges.Ends.steal``)."""
        return len(scanner.agg.hosts)

    def start(self, scanner: SquidScanner) -> tuple[Aggregate, dict[str, str]]:
        agg = scanner.finish()
        # columns from here: the caller's records go before the helpers' hosts come in
        agg.folding = Folding(agg.hosts)
        return agg, {user: user for user in scanner.users.values()}

    def merge(self, state: tuple[Aggregate, dict[str, str]], packed: Packed, offset: int) -> int:
        return merge(state[0], packed, offset, state[1])

    def piece(self, scanner: SquidScanner, blocks: Iterable[bytes]) -> SquidScanner:
        piece = fed(scanner.piece(), blocks)
        piece.finish()  # its last line too, before the caller's records become columns
        return piece

    def merge_piece(
        self, state: tuple[Aggregate, dict[str, str]], piece: SquidScanner, offset: int
    ) -> int:
        counts = piece.agg  # its hosts are the caller's already: only its lines to add
        state[0].merge(Aggregate(lines=counts.lines, skipped=counts.skipped,
                                 skipped_lines=counts.skipped_lines), offset)  # fmt: skip
        return piece.physical

    def result(self, state: tuple[Aggregate, dict[str, str]]) -> Aggregate:
        return state[0]

    def send(self, conn: Connection, scanner: SquidScanner) -> None:
        scanner.finish()
        send_parts(conn, scanner)  # a long tail is never packed whole

    def parts(self, state: tuple[Aggregate, dict[str, str]]) -> _Parts:
        return _Parts(*state)


SQUID = _SquidRanges()
