"""The rows of an import's new hosts made column by column, for a long tail.

Why this exists: ``people.host_totals`` and ``new_hosts.new_host_rows`` take a few Python
calls per host (its tuple, its registrable domain, its times, its packed people,
the fresh domains' totals): 1.22-1.35 s of CPU for 280,000 hosts, serial work of the
caller after reading. A log reader's summary already holds its hosts as columns
(``HostTable``), so here each column of the rows is made in passes of C (``map``, ``zip``,
``compress`` over a chunk of the column), and the driver's ``executemany`` takes a ``zip``
of them: 0.95-1.09 s for the same hosts (``/tmp`` harness, same process, alternated; the
rest is the registrable domain, one call per host, and the fresh totals' loop). Only the
few hosts the plan knows or something claims take a turn of their own.

The rows are exactly ``new_host_rows``' (``tests/unit/test_host_columns.py`` compares
them, with the claims, the known hosts' deltas and the fresh domains' totals). A long
tail's rows are made by a forked helper while this process writes them (``host_fork``,
``_forked_chunks``): the same functions, each chunk's columns sent back.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, islice, repeat
from operator import floordiv, itemgetter, ne, not_
from typing import TYPE_CHECKING, Any

from planner.adapters.store import host_fork
from planner.adapters.store.new_hosts import ROW_COLUMNS, HostClaims, packed

if TYPE_CHECKING:
    from planner.adapters.store.domains import FreshTotals
    from planner.adapters.store.evidence import HostDelta, HostTotals, KnownHost

__all__ = ["HostColumns", "column_rows", "moment_values"]

CHUNK = 1 << 14  # hosts whose texts and tuples exist at once (memory, not speed)
FIRST_CHUNK = 1 << 10  # a forked helper's first chunk (``_forked_chunks``)


@dataclass(slots=True)
class HostColumns:
    """An import's hosts as columns: each host's name in the order they are written (by
    name) and, in the columns' own order (``order``: the row of each name; None: the
    same), its hits, bytes, first and last seen (epoch seconds, UTC), sorted person ids
    (the same tuple for the hosts one person alone saw) and requests denied to a known
    user. The columns are a read's as they were filled: each chunk of rows gathers its
    values through ``order`` once, rather than the whole columns being copied sorted.
    ``domains``: each name's registrable domain, in the names' order: the import's own
    (``domain.host_facts``), else found here once, when the columns are made."""

    names: list[str]
    hits: Sequence[int]
    bytes: Sequence[int]
    first: Sequence[float]
    last: Sequence[float]
    people: list[tuple[int, ...]]
    blocked: Sequence[int]
    order: Sequence[int] | None = None
    domains: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.names and not self.domains:
            from planner.domain.suffixes import domain_finder

            self.domains = list(map(domain_finder(), self.names))

    def rows(self) -> Iterator[HostTotals]:
        """Each host's totals as a tuple in the names' order, as ``people.host_totals``
        gives them."""
        return zip(self.names, *self.gathered(0, len(self.names)), strict=True)

    def gathered(self, start: int, end: int) -> list[Sequence[Any]]:
        """The hits, bytes, first, last, people and blocked of names ``start`` to ``end``."""
        columns = (self.hits, self.bytes, self.first, self.last, self.people, self.blocked)
        if self.order is None:
            return [c[start:end] for c in columns]
        rows = self.order[start:end]
        if len(rows) < 2:  # ``itemgetter`` of one item gives it, not a tuple
            return [[c[r] for r in rows] for c in columns]
        # one C call a column (a ``map`` of ``__getitem__`` took 2.5 times as long)
        pick = itemgetter(*rows)
        return [pick(c) for c in columns]

    def __len__(self) -> int:
        return len(self.names)


def column_rows(
    sqlite: bool,
    columns: HostColumns,
    known: Mapping[str, KnownHost],
    old: dict[int, HostDelta],
    fresh: FreshTotals,
    claims: HostClaims,
) -> Iterator[tuple[Any, ...]]:
    """``new_hosts.new_host_rows`` of ``columns``: the new hosts' rows (``ROW_COLUMNS``),
    the known hosts' deltas in ``old``, domains and fresh totals in ``fresh``, claimed new
    hosts in ``claims.found``; each chunk's rows are made when the first is asked for.
    ``columns`` are consumed: each chunk's names are let go of once taken."""
    if known:
        columns = _known_apart(columns, known, old, fresh)
    # the hosts something claims (a tool of None is no claim; a decision always is)
    claimed = {h for h, tool in claims.tools.items() if tool is not None}
    claimed.update(claims.decisions, claims.by_rule)
    blobs: dict[int, bytearray] = {}  # id of a people tuple -> its packed ids
    days: dict[int, bytearray] = {}  # a day -> packed once
    size = len(columns.names)
    shared = (sqlite, columns, blobs, days, claimed, fresh, claims)
    chunks = _forked_chunks if host_fork.can_fork(size) else _chunks
    return chain.from_iterable(chunks(size, columns, shared))


def _chunks(size: int, columns: HostColumns, shared: tuple[Any, ...]) -> Iterator[Iterator[Any]]:
    """Each chunk's rows in turn; once the last is taken, the columns are let go of (the
    caller may hold ``columns`` until its import ends: at 1,000,000 hosts they are 56 MB)."""
    for start in range(0, size, CHUNK):
        names, values = _chunk(start, min(size, start + CHUNK), *shared)
        yield zip(names, *values, strict=True)
    _let_go(columns)


def _forked_chunks(
    size: int, columns: HostColumns, shared: tuple[Any, ...]
) -> Iterator[Iterator[Any]]:
    """``_chunks``' rows made by a forked helper (``host_fork``) while this process
    writes them: the helper sends each chunk's columns after the names (``row_columns``)
    and the claims it found, then the fresh totals and touched domains, which
    ``FreshTotals.settle`` takes once the rows are in. Started when the first row is
    asked for; this process only zips each chunk's names with what it receives."""
    sqlite, columns, _, _, _, fresh, claims = shared

    # a small first chunk: this process waits for it, the helper then keeps ahead
    bounds = [(0, min(size, FIRST_CHUNK))]
    bounds += [(s, min(size, s + CHUNK)) for s in range(FIRST_CHUNK, size, CHUNK)]

    def work(send: host_fork.Send) -> None:
        for start, end in bounds:
            before = len(claims.found)
            _, values = _chunk(start, end, *shared)
            found = list(islice(claims.found.items(), before, None))
            del values[_DOMAIN]  # the caller has them: no string is sent
            send((host_fork.as_arrays(values, _NUMBERS), found))
        # The totals are made before anything is sent: the caller takes them only once
        # its rows are in and indexed, and a first message the pipe cannot hold would
        # leave this process waiting meanwhile. In parts (one pickle of a million hosts'
        # totals was this process's peak: +60 MB); sorted by domain, as they are written.
        totals = sorted(fresh.totals(sqlite).items())
        packs = [host_fork.as_columns(totals[s : s + CHUNK], range(5))
                 for s in range(0, len(totals), CHUNK)]  # fmt: skip
        del totals
        host_fork.send_parts(send, fresh.touched, CHUNK)
        host_fork.send_parts(send, packs, 1)  # a pack of columns a message (``Helper.items``)

    helper = host_fork.start(work)
    fresh.later(helper)
    try:
        for start, end in bounds:
            names = _take_names(columns, start, end)
            domains = columns.domains[start:end]
            values, found = helper.receive()
            claims.found.update(found)
            values.insert(_DOMAIN, domains)
            yield zip(names, *values, strict=True)
    except BaseException:
        fresh.release()  # the rows were not all taken (an error): the helper is stopped
        raise
    _let_go(columns)


# ``row_columns``' hits, bytes, first and last seen (ints on SQLite), users and blocked
_NUMBERS = (0, 1, 2, 3, 4, 7)
# ``row_columns``' registrable domains (its columns follow the name): the caller's own
# (``columns.domains``), never sent
_DOMAIN = ROW_COLUMNS.index("domain") - 1


def _let_go(columns: HostColumns) -> None:
    columns.names, columns.people, columns.order, columns.domains = [], [], None, []
    columns.hits, columns.bytes, columns.blocked = array("q"), array("q"), array("q")
    columns.first, columns.last = array("d"), array("d")


def _known_apart(
    columns: HostColumns,
    known: Mapping[str, KnownHost],
    old: dict[int, HostDelta],
    fresh: FreshTotals,
) -> HostColumns:
    """The known hosts' deltas into ``old`` (their domains touched); the others' columns."""
    from planner.adapters.store.evidence import HostDelta

    new = list(map(not_, map(known.__contains__, columns.names)))
    if all(new):
        return columns
    at, utc = dt.datetime.fromtimestamp, dt.UTC
    c = columns
    rows = range(len(new)) if c.order is None else c.order
    for i in compress(range(len(new)), map(not_, new)):
        host, r = c.names[i], rows[i]
        fresh.touched.add(c.domains[i])
        first, last = at(c.first[r], utc), at(c.last[r], utc)
        old[known[host].id] = HostDelta(host, c.hits[r], c.bytes[r], first, last, c.people[r],
                                        c.blocked[r])  # fmt: skip
    kept = array("q", compress(rows, new))  # the other names' rows, in the columns
    domains = list(compress(c.domains, new))
    return HostColumns(list(compress(c.names, new)), c.hits, c.bytes, c.first, c.last,
                       c.people, c.blocked, kept, domains)  # fmt: skip


def _times(sqlite: bool, stamps: Sequence[float]) -> tuple[list[Any], list[int]]:
    """(each moment as written: on SQLite microseconds since 1970, ``core_types.UtcMicros``,
    else an aware datetime; its day: days since 1970-01-01): the very moment of
    ``new_hosts.moment``, which is that of ``datetime.fromtimestamp``. Its seconds split towards
    zero and its microseconds rounded half to even, as ``fromtimestamp`` does; a carry
    into the next or the previous second needs no step of its own in their sum."""
    micros = [w * 1_000_000 + round((t - w) * 1e6) for t in stamps for w in (int(t),)]
    days = list(map(floordiv, micros, repeat(86_400_000_000)))
    if not sqlite:
        return list(map(dt.datetime.fromtimestamp, stamps, repeat(dt.UTC))), days
    return micros, days


def moment_values(sqlite: bool, stamps: Sequence[float]) -> list[Any]:
    """Each of ``stamps`` (epoch seconds) as ``new_hosts.moment`` writes it on SQLite (``sqlite``),
    else as an aware datetime: a column of them converted in C."""
    return _times(sqlite, stamps)[0]


def _chunk(
    start: int,
    end: int,
    sqlite: bool,
    columns: HostColumns,
    blobs: dict[int, bytearray],
    days_packed: dict[int, bytearray],
    claimed: set[str],
    fresh: FreshTotals,
    claims: HostClaims,
) -> tuple[list[str], list[Sequence[Any]]]:
    """The names of hosts ``start`` to ``end`` and their rows' other columns
    (``row_columns``); their fresh totals and claims are recorded here, before a row is
    taken. ``blobs`` is keyed by the ``id`` of people tuples that ``columns`` keeps alive.
    One process's rows and a forked helper's are made by this one function."""
    taken = taken_columns(columns, start, end)
    user_set = user_sets(taken[5], blobs)
    domains = columns.domains[start:end]
    derived = derive(sqlite, taken, user_set, domains, claimed, fresh, claims)
    return taken[0], row_columns(taken, user_set, derived, days_packed)


# A chunk's hosts as columns: names, hits, bytes, first, last, people, blocked.
Taken = tuple[list[str], Sequence[int], Sequence[int], Sequence[float], Sequence[float],
              Sequence[tuple[int, ...]], Sequence[int]]  # fmt: skip
# What a chunk's rows derive from its columns a call per host: their domains, first and
# last seen as written, and days (``_times``).
Derived = tuple[list[str], list[Any], list[Any], list[int]]


def taken_columns(columns: HostColumns, start: int, end: int) -> Taken:
    """The columns of names ``start`` to ``end``; the names are let go of in ``columns``
    (``_take_names``)."""
    hits, size, first, last, people, blocked = columns.gathered(start, end)
    return _take_names(columns, start, end), hits, size, first, last, people, blocked


def _take_names(columns: HostColumns, start: int, end: int) -> list[str]:
    """Names ``start`` to ``end``, let go of in ``columns`` (a long tail is not held
    twice: they go with the chunk's rows)."""
    names = columns.names[start:end]
    columns.names[start:end] = [None] * (end - start)  # type: ignore[list-item]
    return names


def user_sets(people: Sequence[tuple[int, ...]], blobs: dict[int, bytearray]) -> list[bytearray]:
    """Each host's packed people, each distinct people tuple packed once (one person's is
    shared by all their hosts); ``blobs``: by the tuples' ``id``, kept across chunks."""
    for key, ids in dict(zip(map(id, people), people, strict=True)).items():
        if key not in blobs:
            blobs[key] = packed(ids)
    return list(map(blobs.__getitem__, map(id, people)))


def derive(
    sqlite: bool,
    taken: Taken,
    user_set: list[bytearray],
    domains: list[str],
    claimed: set[str],
    fresh: FreshTotals,
    claims: HostClaims,
) -> Derived:
    """A chunk's times and days (``domains``: its hosts'); its fresh totals and claims
    recorded."""
    names, hits, size, first, last, people, _ = taken
    last_values, days = _times(sqlite, last)
    first_values = list(last_values)
    later = list(compress(range(len(names)), map(ne, first, last)))  # seen more than once
    if later:
        earlier = _times(sqlite, list(map(first.__getitem__, later)))[0]
        for i, value in zip(later, earlier, strict=True):
            first_values[i] = value
    waiting = list(map(not_, map(claimed.__contains__, names))) if claimed else None
    if waiting is None or all(waiting):
        fresh.add_waiting(domains, hits, size, last, people, user_set)
    else:
        kept: list[Any] = [list(compress(c, waiting)) for c in (domains, hits, size, last)]
        fresh.add_waiting(kept[0], kept[1], kept[2], kept[3], list(compress(people, waiting)),
                          list(compress(user_set, waiting)))  # fmt: skip
        tool_of, decision_of, by_rule = claims.tools.get, claims.decisions.get, claims.by_rule
        for i in compress(range(len(names)), map(not_, waiting)):
            host = names[i]
            tool, decision = tool_of(host), decision_of(host)
            claims.found[host] = (tool, decision, host in by_rule)
            fresh.add(domains[i], hits[i], size[i], last[i], people[i],
                      tool is None and decision is None, user_set[i])  # fmt: skip
    return domains, first_values, last_values, days


def row_columns(
    taken: Taken, user_set: list[bytearray], derived: Derived, days_packed: dict[int, bytearray]
) -> list[Sequence[Any]]:
    """A chunk's rows' columns after the host's name (``ROW_COLUMNS``): its columns,
    packed people and derived values; each day packed once (``days_packed``, kept across
    chunks)."""
    names, hits, size, _, _, people, blocked = taken
    domains, first_values, last_values, days = derived
    users = list(map(len, people))
    for day in set(days) - days_packed.keys():
        days_packed[day] = packed((max(day, 0),))  # 0 before 1970, as ``new_hosts.moment``
    seen = list(map(days_packed.__getitem__, days))
    for i in compress(range(len(names)), map(ne, users, repeat(1))):  # none or several
        seen[i] = bytearray(array("I", [max(days[i], 0)]) * users[i])
    return [hits, size, first_values, last_values, users, user_set, seen, blocked, domains]
