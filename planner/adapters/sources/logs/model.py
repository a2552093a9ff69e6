"""What a log import produces, and the accumulator every reader fills.

A proxy log can hold hundreds of millions of lines but only thousands of distinct hosts
and users, so readers never keep lines: they fold each one into per-host counters here,
and memory grows with distinct hosts and (host, user) pairs only.

``users`` hold the RAW user identifiers (user name, else client address) because the
caller must pseudonymise them with the workspace key before anything is stored (DESIGN.md
section 5): this module keeps them in memory only and never writes them anywhere.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.adapters.sources.logs.host_table import Folding, HostTable

__all__ = [
    "APP_PREFIX",
    "MAX_SKIPPED_LINES",
    "Aggregate",
    "HostStats",
    "LogSummary",
    "People",
    "add_user",
    "app_key",
    "joined_users",
    "new_compact_record",
    "parse_size",
    "united_users",
]

# Evidence is keyed by where use was seen: a normalised host or DNS name as is, an
# application known by its identity provider (not a host) as ``app:`` + its name or id.
APP_PREFIX = "app:"
_APP_NAME_MAX = 200

MAX_SKIPPED_LINES = 5  # line numbers kept to point the user at examples, not a full list

# Timestamps outside [epoch, year 10000) cannot be converted to a datetime later on, so a
# line carrying one is malformed rather than a time bomb for the caller.
MIN_TIME = 0.0
MAX_TIME = 253402300800.0
# One response of more than a terabyte is garbage, and the cap keeps every total far
# inside the 64-bit integers a database stores.
MAX_BYTES = 10**12
_SIZE_DIGITS = 13


def app_key(name: str) -> str | None:
    """The evidence key of an application by its display name or id; None when blank."""
    name = " ".join(name.split())[:_APP_NAME_MAX]
    return APP_PREFIX + name if name else None


def parse_size(text: str) -> int | None:
    """A byte count column: empty or ``-`` is 0, digits are the count, else None."""
    if not text or text == "-":
        return 0
    if text.isascii() and text.isdigit() and len(text) <= _SIZE_DIGITS:
        size = int(text)
        return size if size <= MAX_BYTES else None
    return None


class People(AbstractSet[str]):
    """One host's users as numbers into a table of names that every host of the
    same read shares: a SIEM export of a million (host, user) rows holds four bytes per
    pair here, where a set of names holds a hash entry and a reference (and a second copy
    of it wherever sets are merged). Reads as a set of RAW names; combining it with another
    set gives a plain set."""

    __slots__ = ("ids", "names")

    def __init__(self, ids: array[int], names: Sequence[str]) -> None:
        self.ids = ids  # each once, in no particular order
        self.names = names

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[str]:
        return map(self.names.__getitem__, self.ids)

    def __contains__(self, user: object) -> bool:
        return any(name == user for name in self)

    def __repr__(self) -> str:
        return f"People({set(self)!r})"

    @classmethod
    def _from_iterable(cls, users: Iterable[Any]) -> set[Any]:
        return set(users)


@dataclass(slots=True, eq=False)
class HostStats:
    """Aggregates of one normalised host over a whole log (slots: a long tail holds a
    million of them)."""

    hits: int
    bytes: int
    first: float  # Unix seconds, UTC
    last: float  # Unix seconds, UTC
    # RAW identifiers: pseudonymise before storing, never persist as is. One user is a
    # 1-tuple: a set costs 216 bytes, and a long tail has a million hosts of one person;
    # a SIEM aggregate's are ``People`` (numbers into one table of names).
    users: set[str] | tuple[str, ...] | People
    # Requests the proxy refused to a known user (Squid ``TCP_DENIED/403`` and other 4xx
    # denials): evidence that a ban bites, kept apart from use (not in hits, bytes, users).
    blocked: int = 0

    def __eq__(self, other: object) -> bool:
        """Equal totals and the same users, however they are held."""
        if not isinstance(other, HostStats):
            return NotImplemented
        return (self.hits, self.bytes, self.first, self.last, self.blocked) == (
            other.hits, other.bytes, other.first, other.last, other.blocked
        ) and set(self.users) == set(other.users)  # fmt: skip

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass with eq is


@dataclass
class LogSummary:
    """Everything an import keeps from one log file."""

    format: str  # a name from ``registry.NAMES``
    lines: int  # data lines read, malformed ones included; not comments, headers, blanks
    skipped: int  # malformed data lines
    skipped_lines: list[int]  # 1-based physical line numbers of the first few skipped
    # sorted by host; a read's is a ``host_table.HostTable`` (columns), a test's a dict
    hosts: Mapping[str, HostStats]
    digest: str  # SHA-256 of the (decompressed) content: same log, same digest
    # Another identifier of an ``app:`` key (its application id when keyed by name), so a
    # catalog can match either
    labels: dict[str, str] = field(default_factory=dict)


# One host's running totals: [hits, bytes, first, last, users, blocked]. A list rather than
# a dataclass because the Squid hot loop updates it a million times per second. first and
# last cover blocked attempts too (when the host was seen at all).
Record = list[Any]


def new_record() -> Record:
    return [0, 0, MAX_TIME, MIN_TIME, set(), 0]


def new_compact_record() -> Record:
    """A record whose users are None (nobody yet), one user's str, or a set from the
    second distinct user on: a reader that folds a long tail (Squid) keeps a million of
    them, most seen by one person. ``add_user`` adds to either kind."""
    return [0, 0, MAX_TIME, MIN_TIME, None, 0]


def add_user(record: Record, user: str) -> None:
    """Add ``user`` to a record of either kind (see ``new_compact_record``)."""
    users = record[4]
    if users is user:
        return
    if users.__class__ is set:
        users.add(user)
    elif users is None:
        record[4] = user
    elif users != user:
        record[4] = {users, user}


def joined_users(mine: Any, theirs: Any) -> Any:
    """The users of two records of either kind together (``mine`` may be updated)."""
    if theirs is None or mine is theirs:
        return mine
    if mine is None:
        return theirs
    if mine.__class__ is not set:
        mine = {mine}
    if theirs.__class__ is set:
        mine |= theirs
    else:
        mine.add(theirs)
    return mine


Users = set[str] | tuple[str, ...] | People  # one host's, as ``HostStats`` holds them


def add_record(mine: Record, theirs: Sequence[Any]) -> None:
    """Another reader's totals of one host added into ``mine``: hits, bytes, first and
    last seen, users, blocked requests (the one merge of two records of a host)."""
    mine[0] += theirs[0]
    mine[1] += theirs[1]
    mine[2] = min(mine[2], theirs[2])
    mine[3] = max(mine[3], theirs[3])
    mine[4] = joined_users(mine[4], theirs[4])
    mine[5] += theirs[5]


def frozen_users(users: Any) -> Users:
    """A record's users as ``HostStats`` keeps them (one user: a 1-tuple)."""
    if users is None:
        return ()
    if users.__class__ is str:
        return (users,)
    if users.__class__ is tuple:
        return users  # already frozen (one user's shared 1-tuple)
    if users.__class__ is set and len(users) == 1:
        return (next(iter(users)),)
    kept: Users = users  # a set, or People (a SIEM export's numbered users)
    return kept


def united_users(mine: Users, theirs: Users) -> Users:
    """The users of two ``HostStats`` together (``mine`` may be updated)."""
    if not theirs:
        return mine
    if isinstance(theirs, tuple) and len(theirs) == 1 and theirs[0] in mine:
        return mine  # the same one person: a set is not worth making
    merged = mine if isinstance(mine, set) else set(mine)
    merged.update(theirs)
    return merged


@dataclass
class Aggregate:
    """Running totals of one reader (or one byte range of a file) before finishing."""

    hosts: dict[str, Record] = field(default_factory=dict)
    lines: int = 0
    skipped: int = 0
    skipped_lines: list[int] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # see LogSummary.labels
    # Set once a parallel read's caller has read its own range: the totals are columns
    # from then on (``hosts`` maps each host to its row), see ``host_table.Folding``
    folding: Folding | None = None

    def skip(self, line_no: int) -> None:
        self.skipped += 1
        # records of a JSON list can share a line: name each line once
        if len(self.skipped_lines) < MAX_SKIPPED_LINES and (
            not self.skipped_lines or self.skipped_lines[-1] != line_no
        ):
            self.skipped_lines.append(line_no)

    def add(self, host: str, when: float, size: int, user: Any) -> None:
        """Fold one good line in (the slow, general path used by W3C and CSV)."""
        record = self.hosts.get(host)
        if record is None:
            record = self.hosts[host] = new_record()
        record[0] += 1
        record[1] += size
        if when < record[2]:
            record[2] = when
        if when > record[3]:
            record[3] = when
        if user is not None:
            record[4].add(user)

    def add_counts(
        self, key: str, first: float, last: float, hits: int, size: int, user: Any
    ) -> None:
        """Fold in a row that already sums several uses (an aggregate export)."""
        record = self.hosts.get(key)
        if record is None:
            record = self.hosts[key] = new_record()
        record[0] += hits
        record[1] = min(record[1] + size, 1 << 62)  # far inside a signed 64-bit total
        record[2] = min(record[2], first)
        record[3] = max(record[3], last)
        if user is not None:
            record[4].add(user)

    def attempt(self, key: str, when: float) -> None:
        """An attempt refused to a known user (a denied request, a failed sign-in): kept
        apart from use — not a hit, and the user is not counted."""
        record = self.hosts.get(key)
        if record is None:
            record = self.hosts[key] = new_record()
        record[5] += 1
        record[2] = min(record[2], when)
        record[3] = max(record[3], when)

    def merge(self, other: Aggregate, line_offset: int) -> None:
        """Add the totals of the next part of the same file (its lines come after ours)."""
        self.lines += other.lines
        self.skipped += other.skipped
        self.labels.update(other.labels)
        for line_no in other.skipped_lines:
            if len(self.skipped_lines) < MAX_SKIPPED_LINES:
                self.skipped_lines.append(line_no + line_offset)
        hosts = self.hosts
        if self.folding is not None:
            for host, theirs in other.hosts.items():
                self.folding.fold(host, theirs)
            return
        for host, theirs in other.hosts.items():
            mine = hosts.get(host)
            if mine is None:
                hosts[host] = theirs
                continue
            add_record(mine, theirs)

    def summary(self, fmt: str, digest: str) -> LogSummary:
        """Freeze into a ``LogSummary`` whose hosts are columns (``host_table``), sorted; the
        user sets are handed over, and the running totals emptied."""
        from planner.adapters.sources.logs.host_table import HostTable

        if self.folding is not None:
            folded, self.folding = self.folding.table(), None
            self.hosts = {}  # the rows by host: not needed any more
            return self._frozen(fmt, digest, folded)
        hosts = HostTable()
        add = hosts.append
        alone: dict[str, tuple[str]] = {}  # one user's 1-tuple, shared by all their hosts
        records = self.hosts
        for host in sorted(records):
            # each record let go of as it is frozen: a long tail is not held twice
            hits, size, first, last, users, blocked = records.pop(host)
            if hits or blocked:  # neither: a record made for a line then found malformed
                if users.__class__ is str:
                    users = alone.get(users) or alone.setdefault(users, (users,))
                add((host, hits, size, first, last, frozen_users(users), blocked))
        records.clear()  # a dict keeps its size as it is emptied: let go of the table too
        return self._frozen(fmt, digest, hosts)

    def _frozen(self, fmt: str, digest: str, hosts: HostTable) -> LogSummary:
        return LogSummary(
            format=fmt,
            lines=self.lines,
            skipped=self.skipped,
            skipped_lines=list(self.skipped_lines),
            hosts=hosts,
            digest=digest,
            labels={key: label for key, label in self.labels.items() if key in hosts},
        )
