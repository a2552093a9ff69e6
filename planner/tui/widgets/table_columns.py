"""The columns of a :class:`~planner.tui.widgets.record_table.RecordTable`: how a column is
declared, how a cell sorts, which rows a filter and a sort show, and how the columns are
fitted to the table's width.

Why its own module: these are plain functions of cells and widths, with no widget state
and no Textual in them, so the table's row model (open, add, delete, filter, mark) reads
apart from the arithmetic of sorting and fitting that every table shares.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text

_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Col:
    """A column: its heading, and a fixed width (None: fitted to the content)."""

    label: str
    width: int | None = None
    minimum: int = 10


def plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def cell_width(cell: object) -> int:
    if isinstance(cell, Text):
        return cell.cell_len
    return len(cell) if isinstance(cell, str) else 10  # a sparkline: a trend's width


def sort_key(cell: object) -> tuple[int, float, str]:
    """Numbers (counts, "3/5", "42%") by value, before text compared without case; an
    empty cell ("—") sorts last."""
    text = plain(cell).strip().lstrip("▸▾✓● ").strip()
    if text in ("", "—"):
        return (2, 0.0, "")
    number = _NUMBER.match(text)
    if number:
        return (0, float(number.group().replace(",", ".")), text.casefold())
    return (1, 0.0, text.casefold())


def natural_widths(
    columns: Sequence[Col], rows: list[tuple[str, list[Any]]], sort_column: int | None
) -> list[int]:
    """Each column's width as its content (and heading, with room for " ▲") would have it."""
    natural = []
    for i, col in enumerate(columns):
        if col.width is not None:
            natural.append(col.width)
            continue
        widest = Text(col.label).cell_len + (2 if i == sort_column else 0)  # " ▲"
        for _, cells in rows:
            if i < len(cells):
                widest = max(widest, cell_width(cells[i]))
        natural.append(widest)
    return natural


def shrink_widths(columns: Sequence[Col], natural: list[int], available: int) -> list[int]:
    """The natural widths cut down (widest first) to ``available``."""
    widths = list(natural)
    # Cut widest first, no column below its minimum (10 by default: a date stays
    # whole); if that is still too wide, the default columns go down to 6 so that
    # every column is on screen, each cut cell ending with "…" (never at the edge).
    for floor in (10, 6):
        floors = [
            min(w, c.minimum if c.minimum != 10 else floor)
            for c, w in zip(columns, natural, strict=True)
        ]
        while sum(widths) > available:
            i = max(range(len(widths)), key=lambda j: widths[j] - floors[j])
            if widths[i] <= floors[i]:
                break
            widths[i] -= 1
    return widths


NARROWEST = 6  # a column cut below this shows nothing useful: it is left out instead


def columns_that_fit(
    columns: Sequence[Col], natural: list[int], available: int, padding: int
) -> list[int]:
    """The indexes of the columns shown in ``available`` cells, each taking ``padding``
    more: all of them when they fit at their narrowest, else the first ones that do (the
    columns are declared most important first, so the rightmost go), never fewer than one.
    A table of ten columns on an 80-column terminal keeps six readable ones rather than
    ten cut to "Categ…" and a last one clipped at the edge."""

    def narrowest(i: int) -> int:  # its heading whole, up to the default minimum
        col = columns[i]
        floor = col.minimum if col.minimum != 10 else max(NARROWEST, min(len(col.label), 10))
        return min(natural[i], floor)

    shown = list(range(len(columns)))
    while len(shown) > 1 and sum(narrowest(i) + padding for i in shown) > available:
        shown.pop()
    return shown


def fit(
    columns: Sequence[Col], natural: list[int], width: int, padding: int
) -> tuple[list[int], list[int]]:
    """(the indexes of the columns shown, their widths) in ``width`` cells, each column
    taking ``padding`` more: every column at its natural width when that fits; else the
    columns that fit readable (``columns_that_fit``), room kept for a "+N" heading saying
    how many are left out, shrunk widest first so a cut cell ends with "…"."""
    if sum(natural) + padding * len(natural) <= width:
        return list(range(len(columns))), natural

    def more(shown: list[int]) -> int:  # the "+N" column's cells, when there is one
        left = len(columns) - len(shown)
        return len(f"+{left}") + padding if left else 0

    shown = columns_that_fit(columns, natural, width, padding)
    shown = columns_that_fit(columns, natural, width - more(shown), padding)
    available = width - more(shown) - padding * len(shown)
    return shown, shrink_widths([columns[i] for i in shown], [natural[i] for i in shown], available)


def visible_rows(
    rows: list[tuple[str, list[Any]]], query: str, column: int | None, reverse: bool
) -> list[tuple[str, list[Any]]]:
    """The rows whose cells hold ``query`` (case aside), sorted by ``column`` (None: in
    the order given)."""
    wanted = query.strip().casefold()
    if wanted:
        rows = [r for r in rows if wanted in " ".join(plain(c) for c in r[1]).casefold()]
    if column is not None:
        rows = sorted(
            rows,
            key=lambda r: sort_key(r[1][column]) if column < len(r[1]) else (3, 0.0, ""),
            reverse=reverse,
        )
    return rows
