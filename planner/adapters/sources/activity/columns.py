"""An activity report's records read column by column, for the usual report.

Why this exists: row by row, a 100,000-user Microsoft 365 report cost five times
``csv.reader`` (cells stripped and compared one by one, counts and dates parsed per row).
Its columns are uniform — digits, a few hundred distinct dates, one refresh date and
period — so the records, as ``csv.reader`` listed them, are laid end to end in one list
once, each column is a slice of it (no pass over 100,000 scattered lists per column), and
each distinct count, date or state text is parsed once, its value mapped back in C.

It decides nothing the row-by-row reader does not: anything else (a row without a user,
a count with separators or not a number, a date to refuse, the generic layout whose
activity days are its rows) makes ``report_columns`` return None, and the row reader,
the reference, reads the report and says what is wrong where.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from itertools import chain, compress
from operator import add, not_, or_

from planner.adapters.sources.activity.table import Table
from planner.adapters.sources.csv_input import MAX_COUNT
from planner.errors import InputError

__all__ = ["Columns", "report_columns"]

COUNT_DIGITS = 10  # as ``reader._count``'s quick case
DELETED_STATES = ("deleted", "supprimé")

# users (as written, stripped), posts, reads (None: no such column), replies, last active
Columns = tuple[list[str], list[int], list[int] | None, list[int] | None, list[dt.date | None]]


class _Refused(Exception):
    """A cell the quick path does not take: the row reader decides."""


def _count(text: str) -> int:
    """A count cell as ``reader._count``'s quick case reads it: plain digits, empty is 0."""
    cell = text.strip() or "0"
    if cell.isdigit() and cell.isascii() and len(cell) <= COUNT_DIGITS:
        value = int(cell)
        if value <= MAX_COUNT:
            return value
    raise _Refused


def _counts(columns: list[list[str]], rows: int) -> list[int]:
    """The sum of these count columns per row, each distinct text read once."""
    total: list[int] = [0] * rows
    for cells in columns:
        values = {text: _count(text) for text in set(cells)}
        total = list(map(add, total, map(values.__getitem__, cells)))
    return total


def _laid_out(rows: list[list[str]], width: int) -> tuple[list[str], int]:
    """Every cell in one list, each record ``stride`` cells long (short ones padded)."""
    lengths = set(map(len, rows))
    stride = max(*lengths, width)
    if min(lengths) < stride:
        for cells in rows:
            if len(cells) < stride:
                cells += [""] * (stride - len(cells))
    return list(chain.from_iterable(rows)), stride


def report_columns(
    table: Table,
    counted: tuple[Sequence[int], Sequence[int], Sequence[int]],
    day: Callable[[str, str], dt.date | None],
    refresh: Callable[[str, str], None],
    dates: set[dt.date],
) -> Columns | None:
    """The report's rows (deleted users left out) as columns, or None when the row reader
    must read it. ``counted``: the positions summed into posts, reads, replies (reads and
    replies: none, no such count). ``day`` parses a date once per distinct text,
    ``refresh`` records a report's refresh date and period; days of a layout without
    refresh dates go into ``dates``."""
    index, rows = table.index, table.rows
    if rows is None or "user" not in index:
        return None
    rows = list(filter(None, rows))  # csv lists an empty line as []
    if not rows:
        return None
    flat, stride = _laid_out(rows, table.width)
    users = list(map(str.strip, flat[index["user"] :: stride]))
    if "" in users:  # records of blank cells only are skipped; any other is refused
        blank = list(map(not_, map(str.strip, map("".join, rows))))
        rows = list(compress(rows, map(not_, blank)))
        if not rows:
            return None
        flat = list(chain.from_iterable(rows))
        users = list(map(str.strip, flat[index["user"] :: stride]))
        if "" in users:
            return None
    gone = [False] * len(users)
    for name, means in (("deleted", ("true",)), ("state", DELETED_STATES)):
        if name in index:
            cells = flat[index[name] :: stride]
            found = {cell: cell.strip().casefold() in means for cell in set(cells)}
            gone = list(map(or_, gone, map(found.__getitem__, cells)))
    kept = list(map(not_, gone)) if any(gone) else None

    def column(at: int) -> list[str]:
        cells = flat[at::stride]
        return cells if kept is None else list(compress(cells, kept))

    if kept is not None:
        users = list(compress(users, kept))
    posts_at, reads_at, replies_at = counted
    size = len(users)
    try:
        posts = _counts(list(map(column, posts_at)), size)
        reads = _counts(list(map(column, reads_at)), size) if reads_at else None
        replies = _counts(list(map(column, replies_at)), size) if replies_at else None
        at_last = index.get("last")
        texts = column(at_last) if at_last is not None else [""] * size
        parsed = {text: day(text.strip(), "last activity date") for text in set(texts)}
        if "refresh" in index:
            at_period = index.get("period")
            periods = column(at_period) if at_period is not None else [""] * size
            for found_refresh, period in set(zip(column(index["refresh"]), periods, strict=True)):
                refresh(found_refresh.strip(), period.strip())
        elif "date" in index:
            days = {day(text.strip(), "date") for text in set(column(index["date"]))}
            dates.update(d for d in days if d is not None)
    except (_Refused, InputError):
        return None
    return users, posts, reads, replies, list(map(parsed.__getitem__, texts))
