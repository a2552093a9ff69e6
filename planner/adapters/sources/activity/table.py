"""An activity report's cells as plain lists, checked as the shared CSV reader checks them.

Why not ``csv_input.read_rows``: it builds a dictionary per row, which is right for a
survey of a few hundred lines and most of the cost of a 100,000-user report (three times
``csv.reader`` itself). This reads the same way — the text decoded once, the delimiter
sniffed on a bounded sample, ``strict=True``, header names matched loosely against the
format's aliases, blank records skipped, the same located errors — and hands the reader
one list per record, padded to the header's width, with column positions looked up once —
or, for the column reader, only the cells it takes.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, compress, cycle
from operator import call, itemgetter, not_
from typing import Any

from planner.adapters.sources.csv_input import fold
from planner.domain.words import plural
from planner.errors import InputError

SAMPLE_LINES = 20  # csv.Sniffer is quadratic in line length: sniff a bounded sample
SAMPLE_WIDTH = 2000


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


@dataclass(slots=True)
class Table:
    """A report's header matched, its records read on demand: all their cells for the
    row-by-row reader (``records``), or only the columns the column reader takes
    (``picked``: the other cells are dropped as each record is read)."""

    index: dict[str, int]  # canonical column -> position
    width: int  # the known columns' extent: records are padded to it
    lines: list[str]
    dialect: type[csv.Dialect] | csv.Dialect
    where: str
    numbered: list[tuple[int, list[str]]] | None = None

    def _reader(self) -> Any:
        """A reader past the header."""
        reader = csv.reader(self.lines, dialect=self.dialect, strict=True)
        next(reader)
        return reader

    def picked(
        self, positions: Sequence[int], convert: Sequence[Callable[[str], Any]]
    ) -> list[Any] | None:
        """The cells at ``positions`` of each record, each read by its ``convert``
        function as it comes, laid end to end record after record (empty lines left out):
        no tuple per record is kept. None when a record is refused by ``csv`` or lacks
        one of them (the row reader then decides); what ``convert`` raises is raised."""
        if len(positions) < 2:  # itemgetter of one position gives a cell, not a tuple
            return None
        try:
            cells = chain.from_iterable(map(itemgetter(*positions), filter(None, self._reader())))
            return list(map(call, cycle(convert), cells))
        except (csv.Error, IndexError):
            return None

    def records(self) -> list[tuple[int, list[str]]]:
        """[(line, cells)]: blank records left out, cells padded to ``width`` — what the
        row-by-row reader, the reference, reads; a record ``csv`` refuses is an error at
        its line."""
        if self.numbered is not None:
            return self.numbered
        reader, width = self._reader(), self.width
        first = reader.line_num + 1
        try:
            rows = list(reader)  # at C speed; line numbers follow when a record is a line
        except csv.Error:
            rows = None
        if rows is None or reader.line_num - first + 1 != len(rows):
            # a bad record to locate, or records over several lines: number them one by one
            self.numbered = _numbered(self._reader(), width, self.where)
            return self.numbered
        records = list(zip(range(first, first + len(rows)), rows, strict=True))
        blank = list(map(not_, map(str.strip, map("".join, rows))))
        if any(blank):  # a record of blank cells only is skipped
            records = list(compress(records, map(not_, blank)))
        if records and min(map(len, rows)) < width:
            for _, cells in records:
                if len(cells) < width:
                    cells += [""] * (width - len(cells))
        self.numbered = records
        return records


def read_table(
    text: str, where: str, columns: Mapping[str, Sequence[str]], required: Sequence[str]
) -> Table:
    """The decoded ``text``'s header matched to the canonical columns; its records are
    read when asked for (cells as read: the readers strip the few they use)."""
    if "\x00" in text:
        raise InputError("not a CSV file (binary content)", file=where, line=1)
    lines = text.splitlines(keepends=True)
    dialect = _dialect("".join(line[:SAMPLE_WIDTH] for line in lines[:SAMPLE_LINES]))
    reader = csv.reader(lines, dialect=dialect, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"bad CSV header: {exc}", file=where, line=1) from exc
    if not header:
        raise InputError("empty file: expected a header row", file=where, line=1)
    aliases = {fold(a): canon for canon, names in columns.items() for a in (canon, *names)}
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        canon = aliases.get(fold(name))
        if canon is not None and canon not in index:
            index[canon] = position
    missing = [c for c in required if c not in index]
    if missing:
        raise InputError(
            f"missing {plural('column', len(missing))} {', '.join(missing)} in the header "
            f"(found: {', '.join(h.strip() for h in header)})",
            file=where,
            line=1,
        )
    return Table(index, max(index.values()) + 1, lines, dialect, where)


def _numbered(reader: Any, width: int, where: str) -> list[tuple[int, list[str]]]:
    """Each record with the line it starts on (the reference ``read_table`` follows)."""
    records: list[tuple[int, list[str]]] = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            if "".join(cells).strip():  # a record of blank cells only is skipped
                if len(cells) < width:
                    cells += [""] * (width - len(cells))
                records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"bad CSV: {exc}", file=where, line=line) from exc
    return records
