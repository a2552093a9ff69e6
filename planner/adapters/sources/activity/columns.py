"""An activity report's records read column by column, for the usual report.

Why this exists: row by row, a 100,000-user Microsoft 365 report cost five times
``csv.reader`` (cells stripped and compared one by one, counts and dates parsed per row).
Its columns are uniform — digits, a few hundred distinct dates, one refresh date and
period — so each cell taken is read as ``csv.reader`` hands it over, while it is fresh in
memory, by a memo that parses each distinct count, date or state text once (the value
mapped back in C); the values are laid end to end in one list, each column a slice of
it. Only the users' own texts are kept, not 700,000 cells to walk again column by column.

It decides nothing the row-by-row reader does not: anything else (a row without a user,
a count with separators or not a number, a date to refuse, the generic layout whose
activity days are its rows) makes ``report_columns`` return None, and the row reader,
the reference, reads the report and says what is wrong where.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from itertools import compress, repeat
from operator import not_, or_
from typing import Any, TypeVar

from planner.adapters.sources.activity.table import Table
from planner.adapters.sources.csv_input import MAX_COUNT
from planner.errors import InputError

__all__ = ["Columns", "report_columns"]

COUNT_DIGITS = 10  # as ``reader._count``'s quick case
DELETED_STATES = ("deleted", "supprimé")
_NAMED = ("user", "deleted", "state", "last", "refresh", "period", "date")  # taken if present

_V = TypeVar("_V")

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


class _Memo(dict[str, _V]):
    """text -> its value, each distinct text read once, when first looked up: a column
    mapped through ``__getitem__`` is one pass in C (no set of its texts made first)."""

    __slots__ = ("read",)

    def __init__(self, read: Callable[[str], _V]) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, text: str) -> _V:
        value = self[text] = self.read(text)
        return value


def _distinct(cells: list[Any]) -> set[Any]:
    """A column's distinct values; one comparison per cell when they are all alike, as a
    report's refresh date and period are (one object each: no hash of each)."""
    if cells and cells.count(cells[0]) == len(cells):
        return {cells[0]}
    return set(cells)


def _sums(columns: list[list[int]], rows: int) -> list[int]:
    """The sum of these count columns per row."""
    if not columns:
        return [0] * rows
    return columns[0] if len(columns) == 1 else list(map(sum, zip(*columns, strict=True)))


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
    index = table.index
    if "user" not in index:
        return None
    named = [name for name in _NAMED if name in index]
    posts_at, reads_at, replies_at = counted
    positions = [*map(index.__getitem__, named), *posts_at, *reads_at, *replies_at]
    # Each cell read as it comes, while it is fresh: a user stripped, a count or a day
    # parsed (each distinct text once), a state judged, a refresh date or period made
    # one object per distinct text; only the users' own texts are kept.
    same: _Memo[str] = _Memo(str)
    reads_as: dict[str, Callable[[str], object]] = {
        "user": str.strip,
        "deleted": _Memo(lambda text: text.strip().casefold() == "true").__getitem__,
        "state": _Memo(lambda text: text.strip().casefold() in DELETED_STATES).__getitem__,
        "last": _Memo(lambda text: day(text.strip(), "last activity date")).__getitem__,
        "refresh": same.__getitem__,
        "period": same.__getitem__,
        "date": same.__getitem__,
    }
    count = _Memo(_count).__getitem__
    convert = [*map(reads_as.__getitem__, named), *repeat(count, len(positions) - len(named))]
    try:
        flat, stride = table.picked(positions, convert), len(positions)
    except (_Refused, InputError):  # a cell the quick path does not take
        return None
    if not flat:
        return None
    at = {name: slot for slot, name in enumerate(named)}  # column -> its slot in a record
    users: list[str] = flat[at["user"] :: stride]
    if "" in users:  # a blank record or a row without a user: the row reader decides
        return None
    gone = [False] * len(users)
    for name in ("deleted", "state"):
        if name in at:
            found = flat[at[name] :: stride]
            if any(found):  # someone deleted: mark them
                gone = list(map(or_, gone, found))
    kept = list(map(not_, gone)) if any(gone) else None

    def column(slot: int) -> list[Any]:
        cells = flat[slot::stride]
        return cells if kept is None else list(compress(cells, kept))

    if kept is not None:
        users = list(compress(users, kept))
    size = len(users)
    counts = len(named)  # the count columns' slots follow the named ones
    slots = [range(counts, counts + len(posts_at))]
    slots.append(range(slots[0].stop, slots[0].stop + len(reads_at)))
    slots.append(range(slots[1].stop, slots[1].stop + len(replies_at)))
    posts = _sums(list(map(column, slots[0])), size)
    reads = _sums(list(map(column, slots[1])), size) if reads_at else None
    replies = _sums(list(map(column, slots[2])), size) if replies_at else None
    lasts: list[dt.date | None] = column(at["last"]) if "last" in at else [None] * size
    try:
        if "refresh" in at:
            periods = column(at["period"]) if "period" in at else [""] * size
            refreshes = column(at["refresh"])
            dates_of, periods_of = _distinct(refreshes), _distinct(periods)
            if len(dates_of) == 1 or len(periods_of) == 1:  # each row pairs with the one
                pairs = {(r, p) for r in dates_of for p in periods_of}
            else:
                pairs = set(zip(refreshes, periods, strict=True))
            for found_refresh, period in pairs:
                refresh(found_refresh.strip(), period.strip())
        elif "date" in at:
            days = {day(text.strip(), "date") for text in _distinct(column(at["date"]))}
            dates.update(d for d in days if d is not None)
    except InputError:
        return None
    return users, posts, reads, replies, lasts
