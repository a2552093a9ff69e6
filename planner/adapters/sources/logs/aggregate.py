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

from planner.adapters.sources.logs.model import (
    APP_PREFIX,
    MAX_BYTES,
    Aggregate,
    app_key,
    parse_size,
)
from planner.adapters.sources.logs.spec import LogFormat, blocks_reader, head_lines
from planner.adapters.sources.logs.tabular import find_columns, header_names, named_rows
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
    agg = Aggregate()
    rows = named_rows(blocks, COLUMNS, tuple(COLUMNS), source=source, what="an aggregate export")
    for line_no, row in rows:
        agg.lines += 1
        if row is None:
            agg.skip(line_no)
            continue
        key = _key(row["host"])
        hits = parse_size(row["hits"])
        size = _count(row["bytes"])
        first = epoch_or_iso(row["first_seen"])
        last = epoch_or_iso(row["last_seen"])
        for value, column in ((first, "first_seen"), (last, "last_seen")):
            if value is not None:
                _check_time(value, row[column], column, source, line_no)
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
        user = row["user"] if row["user"] not in ("", "-") else None
        agg.add_counts(key, first, last, hits, size, user)
    return agg


FORMAT = LogFormat(
    "aggregate",
    "one row per (host or app, user): host,user,hits,bytes,first_seen,last_seen",
    recognise,
    blocks_reader(read_aggregate),
)
