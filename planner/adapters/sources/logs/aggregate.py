"""Pre-aggregated evidence (format ``aggregate``): one row per (host or application, user)
with hits, bytes, first and last seen.

Many teams cannot hand over raw logs — too big, or policy forbids it — but can run one
query in their SIEM (README: Splunk, Elastic, Sentinel, BigQuery) and export the result.
Header ``host,user,hits,bytes,first_seen,last_seen``; times as ISO 8601 or epoch seconds
(or milliseconds); an application is written ``app:NAME``; an empty user or ``-`` means
none. Users are pseudonymised and merged exactly as from raw logs, so a person seen in
both a raw log and an aggregate is one person, and a raw log and its aggregate give
identical evidence.

A row sums many requests, so its bytes may pass the terabyte a single response is capped
at (up to a terabyte per hit; totals stay inside 64-bit integers). A time before 1990 or
in the future (beyond a day of clock skew) is not a typo in one row but a broken query or
a placeholder such as 9999-12-31: the file is refused at that line rather than keeping a
host's people "seen" forever.

Such an export runs to millions of rows over far fewer hosts and people, so the reader
(``AggregateScanner``) numbers each distinct host and user once and keeps, per host, its
users' numbers in an ``array`` (four bytes a pair): memory follows hosts and people. Each
block of plain rows is folded column by column (``aggregate_columns``); a block with
anything unusual in it — quotes, a malformed or skipped row, a time to refuse — is read
row by row here, which is the reference both must agree with. A large export is read
by several processes, a byte range each (``aggregate_ranges``).
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Iterable
from typing import Any

from planner.adapters.sources.logs.model import (
    APP_PREFIX,
    MAX_BYTES,
    MAX_TIME,
    MIN_TIME,
    Aggregate,
    People,
    app_key,
    parse_size,
)
from planner.adapters.sources.logs.source import LineSplitter, LogSource, _text
from planner.adapters.sources.logs.spec import LogFormat, ReadOptions, Started, head_lines
from planner.adapters.sources.logs.tabular import (
    Layout,
    find_columns,
    header_layout,
    header_names,
    picked_cells,
)
from planner.adapters.sources.logs.times import epoch_or_iso
from planner.domain.hosts import host_prefix, normalize_host
from planner.errors import InputError

__all__ = ["COLUMNS", "FORMAT", "AggregateScanner", "read_aggregate"]

COLUMNS = {
    "host": ("host",),
    "user": ("user",),
    "hits": ("hits",),
    "bytes": ("bytes",),
    "first_seen": ("first_seen",),
    "last_seen": ("last_seen",),
}
WHAT = "an aggregate export"


def recognise(head: bytes) -> float:
    lines = head_lines(head)
    header = header_names(lines[0].decode("utf-8", "replace")) if lines else None
    found = find_columns(header[1], COLUMNS) if header else {}
    return 1.0 if found.keys() == COLUMNS.keys() else 0.0


EARLIEST = 631152000.0  # 1990-01-01 UTC: before any of these tools or logs existed
SKEW = 86400.0  # a day: clocks and time zones of the SIEM and this machine
MAX_TOTAL = 1 << 62  # a host's byte total, far inside a signed 64-bit integer
COUNT_DIGITS = 19
SIZE_DIGITS = 13  # as ``model.parse_size``
EPOCH_DIGITS = 10  # whole epoch seconds until the year 2286: never milliseconds
NO_USER = 0  # the user number of a row without a user
NOT_A_HOST = -1  # the host number of a cell no host or application key comes from
# lines, skipped, physical lines, skipped line numbers, user names, per host: hits, bytes,
# first, last, its users' numbers (packed unsigned 32-bit integers)
PackedRange = tuple[
    int, int, int, list[int], list[str], dict[str, tuple[int, int, Any, Any, bytes]]
]


def _count(text: str) -> int | None:
    """A row's count of hits or bytes: ``-`` or empty is 0, else ASCII digits (int64)."""
    if not text or text == "-":
        return 0
    if text.isascii() and text.isdigit() and len(text) <= COUNT_DIGITS:
        value = int(text)
        return value if value <= MAX_TOTAL else None
    return None


def _check_time(value: float, cell: str, column: str, source: str, line: int) -> None:
    if value < EARLIEST:
        problem = "is before 1990"
    elif value > time.time() + SKEW:
        problem = "is in the future"
    else:
        return
    raise InputError(
        f"{column} {cell!r} {problem}: not a real time (fix the export's query)",
        file=source,
        line=line,
    )


def _key(cell: str) -> str | None:
    if cell.startswith(APP_PREFIX):
        return app_key(cell.removeprefix(APP_PREFIX))
    return normalize_host(host_prefix(cell)) if cell else None


def seconds(cell: str) -> float | None:
    """A time cell: whole epoch seconds directly, any other spelling by ``epoch_or_iso``."""
    if cell.isdigit() and cell.isascii() and len(cell) <= EPOCH_DIGITS:
        return float(cell)
    return epoch_or_iso(cell)


class AggregateScanner:
    """Folds an aggregate export block by block into per-host totals.

    Hosts and users are numbered as first met: ``records[n]`` is host ``n``'s running
    ``[hits, bytes, first, last, user numbers, numbers known distinct]``, ``names[u]`` user
    ``u``'s raw name (0 is "no user"). ``layout``: the header's, when this scanner reads a
    part of a file after its header (a helper process); else the header is read first.
    """

    def __init__(self, source: str, layout: Layout | None = None) -> None:
        self.source = source
        self.layout = layout
        self.latest = time.time() + SKEW
        self.agg = Aggregate()  # lines and skipped lines only: the totals are kept below
        self.physical = 0  # lines of the content consumed, blank ones and the header included
        self.records: list[list[Any]] = []
        self.keys: list[str] = []
        self.names: list[str] = [""]
        self.host_numbers: dict[str, int] = {}  # host cell -> host number, each cell once
        self.key_numbers: dict[str, int] = {}  # evidence key -> host number
        self.user_numbers: dict[str, int] = {"": NO_USER, "-": NO_USER}
        self.host_cells: dict[bytes, int] = {}  # raw bytes of a cell: the column path's
        self.user_cells: dict[bytes, int] = {}
        self._splitter = LineSplitter()
        self._at_start = layout is None  # reading from the file's first byte (a BOM there)

    def host_number(self, cell: str) -> int:
        """The number of the host a (stripped) host cell names; ``NOT_A_HOST`` for none."""
        number = self.host_numbers.get(cell)
        if number is None:
            number = self.key_number(_key(cell))
            self.host_numbers[cell] = number
        return number

    def key_number(self, key: str | None) -> int:
        if key is None:
            return NOT_A_HOST
        number = self.key_numbers.get(key)
        if number is None:
            number = self.key_numbers[key] = len(self.records)
            self.records.append([0, 0, MAX_TIME, MIN_TIME, array("I"), 0])
            self.keys.append(key)
        return number

    def user_number(self, cell: str) -> int:
        number = self.user_numbers.get(cell)
        if number is None:
            number = self.user_numbers[cell] = len(self.names)
            self.names.append(cell)
        return number

    def feed(self, block: bytes) -> None:
        self._fold(self._splitter.split(block))

    def close(self) -> None:
        """Fold the last line, when the content does not end with a newline."""
        self._fold(self._splitter.rest())

    def packed(self) -> PackedRange:
        """The totals so far, cheap to pickle: user names once, per host an array of
        their numbers (a helper process's answer)."""
        agg = self.agg
        hosts = {
            key: (hits, size, first, last, ids.tobytes())
            for key, (hits, size, first, last, ids, _) in zip(self.keys, self.records, strict=True)
            if hits
        }
        return agg.lines, agg.skipped, self.physical, agg.skipped_lines, self.names, hosts

    def merge(self, packed: PackedRange, offset: int) -> int:
        """Add the packed totals of the next part of the file (its lines follow ``offset``
        lines); returns its physical lines."""
        lines, skipped, physical, skipped_lines, names, hosts = packed
        self.agg.merge(Aggregate(lines=lines, skipped=skipped, skipped_lines=skipped_lines),
                       offset)  # fmt: skip
        numbers = list(map(self.user_number, names))  # "" (no user) stays NO_USER
        for key, (hits, size, first, last, blob) in hosts.items():
            record = self.records[self.key_number(key)]
            record[0] += hits
            record[1] = min(record[1] + size, MAX_TOTAL)
            record[2] = min(record[2], first)
            record[3] = max(record[3], last)
            record[4].extend(map(numbers.__getitem__, array("I", blob)))
        return physical

    def finish(self) -> Aggregate:
        """The aggregate of everything fed: per host its totals and its ``People``."""
        self.close()
        agg = self.agg
        names = self.names
        for key, record in zip(self.keys, self.records, strict=True):
            hits, size, first, last, ids, _ = record
            if hits:  # none: a host met only in rows then found malformed
                people = set(ids)  # each once; the person ids they map to are sorted later
                people.discard(NO_USER)
                users = People(array("I", people), names)
                agg.hosts[key] = [hits, size, float(first), float(last), users, 0]
        self.records = []
        return agg

    def _fold(self, lines: list[bytes]) -> None:
        from planner.adapters.sources.logs.aggregate_columns import fold_columns

        start = 0
        while self.layout is None and start < len(lines):
            self._rows(lines[start : start + 1])  # up to the header, line by line
            start += 1
        rest = lines[start:] if start else lines
        if rest and (self.layout is None or not fold_columns(self, rest, self.layout)):
            self._rows(rest)
        else:
            self.physical += len(rest)

    def _rows(self, lines: list[bytes]) -> None:
        """Fold ``lines`` one by one (the reference path: every check, every skip)."""
        for raw in lines:
            self.physical += 1
            line_no = self.physical
            line = _text(raw, line_no == 1 and self._at_start)
            if not line.strip():
                continue
            if self.layout is None:
                self.layout = header_layout(line, line_no, COLUMNS, source=self.source, what=WHAT)
                continue
            self.agg.lines += 1
            cells = picked_cells(line, self.layout)
            if cells is None or not self._row(line_no, *cells):
                self.agg.skip(line_no)

    def _row(
        self, line_no: int, host: str, user: str, hits_cell: str, bytes_cell: str,
        first_cell: str, last_cell: str,
    ) -> bool:  # fmt: skip
        """Fold one row's cells in; False when the row is malformed (skipped)."""
        number = self.host_number(host)
        hits = parse_size(hits_cell)
        size = _count(bytes_cell)
        first = seconds(first_cell)
        last = seconds(last_cell)
        latest = self.latest
        if first is not None and not EARLIEST <= first <= latest:
            _check_time(first, first_cell, "first_seen", self.source, line_no)
        if last is not None and not EARLIEST <= last <= latest:
            _check_time(last, last_cell, "last_seen", self.source, line_no)
        if (
            number == NOT_A_HOST
            or not hits
            or size is None
            or size > hits * MAX_BYTES
            or first is None
            or last is None
            or first > last
        ):
            return False
        record = self.records[number]
        record[0] += hits
        record[1] = min(record[1] + size, MAX_TOTAL)  # far inside a signed 64-bit total
        if first < record[2]:
            record[2] = first
        if last > record[3]:
            record[3] = last
        record[4].append(self.user_number(user))
        return True


def read_aggregate(blocks: Iterable[bytes], *, source: str) -> Aggregate:
    """Fold the export's rows into per-key totals (see ``AggregateScanner``)."""
    scanner = AggregateScanner(source)
    for block in blocks:
        scanner.feed(block)
    return scanner.finish()


def _start_early(src: LogSource, workers: int, threshold: int) -> Started | None:
    """Helpers reading an uncompressed export larger than ``threshold`` bytes, at once."""
    from planner.adapters.sources.logs.aggregate_ranges import HEAD_START, range_read

    if not src.splittable or src.total <= threshold:
        return None
    return range_read(src, workers, HEAD_START)


def _read(src: LogSource, options: ReadOptions) -> tuple[Aggregate, str]:
    from planner.adapters.sources.logs import parallel
    from planner.adapters.sources.logs.aggregate_ranges import range_read

    begun = parallel.finish_early(src, options)  # helpers started before start-up
    if begun is not None:
        return begun
    workers, threshold = parallel.workers_for(options)
    if workers > 1 and src.splittable and src.total > threshold:
        ranges = range_read(src, workers, 0)
        if ranges is not None:
            return ranges.finish(src, options.cancelled)
    return read_aggregate(src.blocks(), source=src.source), src.hexdigest()


FORMAT = LogFormat(
    "aggregate",
    "one row per (host or app, user): host,user,hits,bytes,first_seen,last_seen",
    recognise,
    _read,
    start_early=_start_early,
)
