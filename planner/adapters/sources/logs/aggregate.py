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
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from planner.adapters.sources.logs.model import (
    APP_PREFIX,
    MAX_BYTES,
    Aggregate,
    app_key,
    new_record,
    parse_size,
)
from planner.adapters.sources.logs.spec import LogFormat, blocks_reader, head_lines
from planner.adapters.sources.logs.tabular import cell_rows, find_columns, header_names
from planner.adapters.sources.logs.times import epoch_or_iso
from planner.domain.hosts import host_prefix, normalize_host
from planner.errors import InputError

__all__ = ["COLUMNS", "FORMAT", "read_aggregate"]

COLUMNS = {
    "host": ("host",),
    "user": ("user",),
    "hits": ("hits",),
    "bytes": ("bytes",),
    "first_seen": ("first_seen",),
    "last_seen": ("last_seen",),
}


def recognise(head: bytes) -> float:
    lines = head_lines(head)
    header = header_names(lines[0].decode("utf-8", "replace")) if lines else None
    found = find_columns(header[1], COLUMNS) if header else {}
    return 1.0 if found.keys() == COLUMNS.keys() else 0.0


EARLIEST = 631152000.0  # 1990-01-01 UTC: before any of these tools or logs existed
SKEW = 86400.0  # a day: clocks and time zones of the SIEM and this machine
MAX_TOTAL = 1 << 62  # a host's byte total, far inside a signed 64-bit integer
_COUNT_DIGITS = 19


def _count(text: str) -> int | None:
    """A row's count of hits or bytes: ``-`` or empty is 0, else ASCII digits (int64)."""
    if not text or text == "-":
        return 0
    if text.isascii() and text.isdigit() and len(text) <= _COUNT_DIGITS:
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


def read_aggregate(blocks: Iterable[bytes], *, source: str) -> Aggregate:
    """Fold the export's rows into per-key totals. Millions of rows name far fewer hosts
    and users, so each distinct host cell is normalised once and each distinct user name
    is held once (the hosts' sets share it): memory follows hosts and people."""
    agg = Aggregate()
    hosts = agg.hosts
    keys: dict[str, str | None] = {}  # host cell -> evidence key, each distinct cell once
    users: dict[str, str] = {}  # each distinct user name once
    latest = time.time() + SKEW
    rows = cell_rows(blocks, COLUMNS, source=source, what="an aggregate export")
    for line_no, row in rows:
        agg.lines += 1
        if row is None:
            agg.skip(line_no)
            continue
        host_cell, user_cell, hits_cell, bytes_cell, first_cell, last_cell = row
        key = keys.get(host_cell, _UNSEEN)
        if key is _UNSEEN:
            key = keys[host_cell] = _key(host_cell)
        # the usual cells (plain digits) read inline; anything else the careful way
        hits: int | None
        size: int | None
        if hits_cell.isdigit() and hits_cell.isascii() and len(hits_cell) <= _SIZE_DIGITS:
            hits = int(hits_cell)
            if hits > MAX_BYTES:
                hits = None
        else:
            hits = parse_size(hits_cell)
        if bytes_cell.isdigit() and bytes_cell.isascii() and len(bytes_cell) <= _COUNT_DIGITS:
            size = int(bytes_cell)
            if size > MAX_TOTAL:
                size = None
        else:
            size = _count(bytes_cell)
        first = _seconds(first_cell)
        last = _seconds(last_cell)
        if first is not None and not EARLIEST <= first <= latest:
            _check_time(first, first_cell, "first_seen", source, line_no)
        if last is not None and not EARLIEST <= last <= latest:
            _check_time(last, last_cell, "last_seen", source, line_no)
        if (
            key is None
            or not hits
            or size is None
            or size > hits * MAX_BYTES
            or first is None
            or last is None
            or first > last
            or hits > MAX_BYTES
        ):
            agg.skip(line_no)
            continue
        record = hosts.get(key)
        if record is None:
            record = hosts[key] = new_record()
        record[0] += hits
        record[1] = min(record[1] + size, MAX_TOTAL)  # far inside a signed 64-bit total
        if first < record[2]:
            record[2] = first
        if last > record[3]:
            record[3] = last
        if user_cell and user_cell != "-":
            record[4].add(users.setdefault(user_cell, user_cell))
    return agg


_UNSEEN: Any = object()
_SIZE_DIGITS = 13  # as ``model.parse_size``
_EPOCH_DIGITS = 10  # whole epoch seconds until the year 2286: never milliseconds


def _seconds(cell: str) -> float | None:
    """A time cell: whole epoch seconds directly, any other spelling by ``epoch_or_iso``."""
    if cell.isdigit() and cell.isascii() and len(cell) <= _EPOCH_DIGITS:
        return float(cell)
    return epoch_or_iso(cell)


FORMAT = LogFormat(
    "aggregate",
    "one row per (host or app, user): host,user,hits,bytes,first_seen,last_seen",
    recognise,
    blocks_reader(read_aggregate),
)
