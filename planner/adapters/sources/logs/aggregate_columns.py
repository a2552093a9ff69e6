"""A block of an aggregate export folded column by column, without a Python step per row.

Why this exists: read row by row (cells split, counts and times parsed, a record updated,
per row), a million-row SIEM export took half as long again as mawk summing the same
columns of it, before the command had stored anything. Here a block's rows are cut into
columns by a few calls that run in C (``bytes.split``, slicing, ``map(int, ...)``), every
check is made on a whole column at once (all digits, the smallest and largest value, first
before last), each distinct host and user cell is decoded and numbered once, and the
per-host totals are added one run of consecutive rows of the same host at a time (an
export grouped by host has one run per host; a block that is not is sorted by host first).

Nothing here decides anything the row-by-row reader does not: a block it cannot take whole
— quotes, a CR inside a line, a count that is not plain digits (an empty or ``-`` byte
count is 0), a wrong number of cells, a blank line, a cell naming no host, a time to
refuse or a row to skip — is left to ``AggregateScanner``'s row path (``fold_columns``
returns False), so skips, line numbers and error messages are that path's own.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from itertools import accumulate, compress, islice, pairwise, repeat
from operator import le, mul, ne
from typing import TYPE_CHECKING, Any

from planner.adapters.sources.logs.model import MAX_BYTES
from planner.adapters.sources.logs.tabular import Layout

if TYPE_CHECKING:
    from planner.adapters.sources.logs.aggregate import AggregateScanner

__all__ = ["fold_columns"]

_ZERO_BYTES = {b"": b"0", b"-": b"0"}  # an empty or "-" byte count is 0
_SORT_RUNS = 8  # more runs than a row in this many: sort the block by host first


def _decoded(cell: bytes) -> str:
    """A cell as the row path reads it: UTF-8 (other bytes kept apart), stripped."""
    return cell.decode("utf-8", "surrogateescape").strip()


def _digits(column: Sequence[bytes], longest: int) -> list[int] | None:
    """A column of ASCII digits (at most ``longest`` each) as integers; None otherwise."""
    if all(map(bytes.isdigit, column)) and max(map(len, column)) <= longest:
        return list(map(int, column))
    return None


def _times(column: list[bytes]) -> Sequence[float | int | bytes] | None:
    """A time column in seconds: whole epoch seconds of ten digits (2001 to 2286) as they
    are, since such cells compare as their numbers do (``float`` takes them too); other
    spellings parsed once per distinct cell; None when a cell is not a time."""
    from planner.adapters.sources.logs.aggregate import EPOCH_DIGITS, seconds

    if set(map(len, column)) == {EPOCH_DIGITS} and all(map(bytes.isdigit, column)):
        return column
    parsed: dict[bytes, float] = {}
    for cell in set(column):
        value = seconds(_decoded(cell))
        if value is None:
            return None
        parsed[cell] = value
    return list(map(parsed.__getitem__, column))


def _cut(lines: list[bytes], layout: Layout) -> list[list[bytes]] | None:
    """The wanted columns of ``lines`` (in the layout's order), or None when a line is not
    a plain row: quotes, another number of cells, a CR inside a line."""
    delimiter, width, positions = layout
    separator = delimiter.encode()
    data = b"\n".join(lines)
    if b'"' in data or b"\x00" in data:
        return None
    if b"\r" in data:  # CRLF line ends: the row path drops one CR at each line's end
        data = data.replace(b"\r\n", b"\n").removesuffix(b"\r")
        if b"\r" in data:
            return None
    if set(map(bytes.count, lines, repeat(separator))) != {width - 1}:
        return None
    cells = data.replace(b"\n", separator).split(separator)
    return [cells[p::width] for p in positions]


def _numbers(
    table: dict[bytes, int], column: list[bytes], number: Callable[[str], int]
) -> list[int]:
    """Each cell's number: new distinct cells decoded and numbered once, then a C loop."""
    for cell in set(column).difference(table):
        table[cell] = number(_decoded(cell))
    return list(map(table.__getitem__, column))


def fold_columns(scanner: AggregateScanner, lines: list[bytes], layout: Layout) -> bool:
    """Fold ``lines`` (data rows after the header) into ``scanner``'s totals; False, and
    nothing folded, when they need the row path."""
    from planner.adapters.sources.logs.aggregate import (
        COUNT_DIGITS,
        EARLIEST,
        MAX_TOTAL,
        NOT_A_HOST,
        SIZE_DIGITS,
    )

    columns = _cut(lines, layout)
    if columns is None:
        return False
    host_cells, user_cells, hits_cells, bytes_cells, first_cells, last_cells = columns
    hits = _digits(hits_cells, SIZE_DIGITS)
    if hits is None or min(hits) < 1 or max(hits) > MAX_BYTES:
        return False
    sizes = _digits(bytes_cells, COUNT_DIGITS)
    if sizes is None:  # perhaps some "-" or empty
        sizes = _digits(list(map(_ZERO_BYTES.get, bytes_cells, bytes_cells)), COUNT_DIGITS)
    if sizes is None or max(sizes) > MAX_TOTAL:
        return False
    if max(sizes) > MAX_BYTES and not all(map(le, sizes, map(mul, hits, repeat(MAX_BYTES)))):
        return False
    first = _times(first_cells)
    last = _times(last_cells)
    if first is None or last is None or type(first[0]) is not type(last[0]):
        return False
    lowest, highest = float(min(first)), float(max(last))
    if lowest < EARLIEST or highest > scanner.latest or float(max(first)) > scanner.latest:
        return False
    if float(min(last)) < EARLIEST or not all(map(le, first, last)):
        return False
    hosts = _numbers(scanner.host_cells, host_cells, scanner.host_number)
    if NOT_A_HOST in hosts:
        return False
    users = _numbers(scanner.user_cells, user_cells, scanner.user_number)
    scanner.agg.lines += len(lines)
    _add_runs(scanner.records, hosts, users, hits, sizes, first, last, MAX_TOTAL)
    return True


def _add_runs(
    records: list[list[Any]],
    hosts: list[int],
    users: list[int],
    hits: list[int],
    sizes: list[int],
    first: Sequence[Any],
    last: Sequence[Any],
    cap: int,
) -> None:
    """Add each run of consecutive rows of one host to its record at once."""
    count = len(hosts)
    changes = list(compress(range(1, count), map(ne, islice(hosts, 1, None), hosts)))
    if len(changes) * _SORT_RUNS > count:  # not grouped by host: group it
        order = sorted(range(count), key=hosts.__getitem__)
        hosts, users, hits, sizes = (
            list(map(c.__getitem__, order)) for c in (hosts, users, hits, sizes)
        )
        first, last = (list(map(c.__getitem__, order)) for c in (first, last))
        changes = list(compress(range(1, count), map(ne, islice(hosts, 1, None), hosts)))
    hit_sums = list(accumulate(hits, initial=0))
    size_sums = list(accumulate(sizes, initial=0))
    for start, end in pairwise([0, *changes, count]):
        record = records[hosts[start]]
        record[0] += hit_sums[end] - hit_sums[start]
        record[1] = min(record[1] + size_sums[end] - size_sums[start], cap)
        earliest = float(min(first[start:end]))
        if earliest < record[2]:
            record[2] = earliest
        latest = float(max(last[start:end]))
        if latest > record[3]:
            record[3] = latest
        ids = record[4]
        ids.fromlist(users[start:end])
        if len(ids) > 2 * record[5] + 4096:  # many repeated people: keep each once
            record[4] = ids = array("I", sorted(set(ids)))
            record[5] = len(ids)
