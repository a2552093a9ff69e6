"""An activity report's records read column by column, for the usual report.

Why this exists: row by row, a 100,000-user Microsoft 365 report cost five times
``csv.reader`` (cells stripped and compared one by one, counts and dates parsed per row).
Its columns are uniform — digits, a few hundred distinct dates, one refresh date and
period — so here each column is taken, stripped and checked whole by calls that loop in
C, and each distinct date or state is parsed once.

It decides nothing the row-by-row reader does not: anything else (a row without a user,
a count with separators or not a number, a date to refuse, the generic layout whose
activity days are its rows) makes ``report_columns`` return None, and the row reader,
the reference, reads the report and says what is wrong where.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from itertools import compress
from operator import add, itemgetter, not_, or_

from planner.adapters.sources.csv_input import MAX_COUNT
from planner.errors import InputError

__all__ = ["Columns", "report_columns"]

COUNT_DIGITS = 10  # as ``reader._count``'s quick case
_ZERO = {"": "0"}  # an empty count is 0
DELETED_STATES = ("deleted", "supprimé")

# users (as written, stripped), posts, reads (None: no such column), replies, last active
Columns = tuple[list[str], list[int], list[int] | None, list[int] | None, list[dt.date | None]]


def _counts(rows: list[list[str]], positions: Sequence[int]) -> list[int] | None:
    """The sum of these count columns per row; None unless every cell is plain digits."""
    total: list[int] = [0] * len(rows)
    for position in positions:
        cells = list(map(str.strip, map(itemgetter(position), rows)))
        cells = list(map(_ZERO.get, cells, cells))
        if not (all(map(str.isdigit, cells)) and "".join(cells).isascii()):
            return None
        if max(map(len, cells), default=0) > COUNT_DIGITS:
            return None
        values = list(map(int, cells))
        if max(values, default=0) > MAX_COUNT:
            return None
        total = list(map(add, total, values))
    return total


def report_columns(
    rows: list[list[str]],
    index: dict[str, int],
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
    if "user" not in index:
        return None

    def column(name: str) -> list[str]:
        at = index.get(name)
        if at is None:
            return [""] * len(rows)
        return list(map(str.strip, map(itemgetter(at), rows)))

    users = column("user")
    if "" in users:
        return None
    gone = [False] * len(rows)
    for name, means in (("deleted", ("true",)), ("state", DELETED_STATES)):
        if name in index:
            cells = column(name)
            found = {cell: cell.casefold() in means for cell in set(cells)}
            gone = list(map(or_, gone, map(found.__getitem__, cells)))
    if any(gone):
        kept = list(map(not_, gone))
        rows, users = list(compress(rows, kept)), list(compress(users, kept))
    posts_at, reads_at, replies_at = counted
    posts = _counts(rows, posts_at)
    reads = _counts(rows, reads_at) if reads_at else None
    replies = _counts(rows, replies_at) if replies_at else None
    if posts is None or (reads_at and reads is None) or (replies_at and replies is None):
        return None
    try:
        texts = column("last")
        parsed = {text: day(text, "last activity date") for text in set(texts)}
        if "refresh" in index:
            for pair in set(zip(column("refresh"), column("period"), strict=True)):
                refresh(*pair)
        else:
            days = {day(text, "date") for text in set(column("date"))}
            dates.update(d for d in days if d is not None)
    except InputError:
        return None
    return users, posts, reads, replies, list(map(parsed.__getitem__, texts))
