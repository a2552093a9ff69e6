"""CSV exports whose header names the columns: sign-in downloads, audit exports,
aggregates, cloud-security exports read through a field map.

Several sources are "a header row, then one row per event" with their own column names,
so they share this: the delimiter is the one that splits the header into the most cells
holding the wanted columns, names are compared folded (``Date (UTC)`` is ``date_utc``),
and each physical line is parsed on its own in strict mode, as ``csvlog`` does — a bad
quote costs one row, counted as malformed.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence

from planner.adapters.sources.logs.csvlog import (
    DELIMITERS,
    FIELD_SIZE_LIMIT,
    column_name,
    split_row,
)
from planner.adapters.sources.logs.source import text_lines
from planner.errors import InputError

__all__ = [
    "Columns",
    "Layout",
    "find_columns",
    "header_layout",
    "header_names",
    "named_rows",
    "picked_cells",
]

# wanted name -> the folded header names that mean it, best first
Columns = Mapping[str, Sequence[str]]


def header_names(line: str) -> tuple[str, list[str]] | None:
    """(delimiter, folded names) of a header line: the delimiter giving most cells."""
    best: tuple[str, list[str]] | None = None
    for delimiter in DELIMITERS:
        cells = split_row(line, delimiter)
        if cells is not None and len(cells) > 1 and (best is None or len(cells) > len(best[1])):
            best = delimiter, [column_name(cell) for cell in cells]
    return best


def find_columns(names: list[str], columns: Columns) -> dict[str, int]:
    """Position of each wanted column found among the header's names."""
    found: dict[str, int] = {}
    for wanted, aliases in columns.items():
        for alias in aliases:
            if alias in names:
                found[wanted] = names.index(alias)
                break
    return found


def _header(
    line: str,
    line_no: int,
    columns: Columns,
    required: Sequence[str],
    source: str,
    what: str,
    shown: Mapping[str, str] | None,
) -> tuple[str, int, dict[str, int]]:
    """(delimiter, cells per row, wanted column -> position) of the header line, or an
    ``InputError`` naming the ``required`` columns it lacks."""
    header = header_names(line)
    where = find_columns(header[1], columns) if header else {}
    missing = [(shown or {}).get(name, name) for name in required if name not in where]
    if header is None or missing:
        raise InputError(
            f"not {what}: the header lacks {', '.join(missing or required)}",
            file=source,
            line=line_no,
        )
    return header[0], len(header[1]), where


def _raise_field_limit() -> None:
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(min(FIELD_SIZE_LIMIT, sys.maxsize))


def named_rows(
    blocks: Iterable[bytes],
    columns: Columns,
    required: Sequence[str],
    *,
    source: str,
    what: str,
    shown: Mapping[str, str] | None = None,
) -> Iterator[tuple[int, dict[str, str] | None]]:
    """(line number, wanted column -> cell) per data row; None for a malformed row (broken
    quotes, wrong number of cells). The first non-blank line is the header; a header
    without the ``required`` columns is an ``InputError`` naming them and ``what`` the
    file should be (``shown``: how to name each wanted column in that error)."""
    _raise_field_limit()
    delimiter = ""
    width = 0
    where: dict[str, int] = {}
    for line_no, line in text_lines(blocks):
        if not line.strip():
            continue
        if not delimiter:
            delimiter, width, where = _header(line, line_no, columns, required, source, what, shown)
            continue
        cells = split_row(line, delimiter)
        if cells is None or len(cells) != width:
            yield line_no, None
            continue
        yield line_no, {name: cells[index].strip() for name, index in where.items()}


Layout = tuple[str, int, list[int]]
"""(delimiter, cells per row, position of each wanted column in its order)."""


def header_layout(line: str, line_no: int, columns: Columns, *, source: str, what: str) -> Layout:
    """The ``Layout`` of a header line that must name every column of ``columns``, or an
    ``InputError`` naming those it lacks."""
    _raise_field_limit()
    wanted = list(columns)
    delimiter, width, where = _header(line, line_no, columns, wanted, source, what, None)
    return delimiter, width, [where[name] for name in wanted]


def picked_cells(line: str, layout: Layout) -> list[str] | None:
    """The wanted cells of one data line (stripped), in the order of the layout's columns;
    None for a malformed line (broken quotes, wrong number of cells). A tuple-free path
    for the formats whose files run to millions of rows, such as SIEM aggregates."""
    delimiter, width, positions = layout
    cells = line.split(delimiter) if '"' not in line else split_row(line, delimiter)
    if cells is None or len(cells) != width:
        return None
    # whitespace str.strip removes is a space or not printable: rare in an export
    if " " in line or not line.isprintable():
        return [cells[p].strip() for p in positions]
    return [cells[p] for p in positions]
