"""CSV files people hand over (surveys, staff directories): read strictly, located errors.

``csv`` with ``strict=True`` so an unbalanced quote is an error instead of silently
swallowing the rest of the file; the encoding detected (``adapters/sources/encodings``: UTF-8,
UTF-16, the Windows code pages Excel writes) and applied strictly, never replacing a byte
with U+FFFD; the delimiter sniffed among , ; tab |; header names matched loosely (case,
spaces, punctuation and accents ignored) against a list of aliases per column.
"""

from __future__ import annotations

import csv
import gc
import io
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, compress
from operator import itemgetter, not_
from pathlib import Path
from typing import Any

from planner.adapters.sources.encodings import binary_content, decode_text
from planner.domain.words import plural
from planner.errors import InputError

MAX_CSV_BYTES = 256 * 1024 * 1024
csv.field_size_limit(min(sys.maxsize, 16 * 1024 * 1024))


def fold(name: str) -> str:
    """A header name reduced for loose matching: "Nb d'utilisateurs" ~ "nbdutilisateurs",
    "Abteilung" ~ "abteilung", "Catégorie" ~ "categorie" (accents dropped)."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    return re.sub(r"[^a-z0-9]", "", plain)


@dataclass(frozen=True)
class Row:
    line: int  # physical line where the record starts (1-based)
    values: dict[str, str]  # canonical column -> stripped cell ("" when absent)


DELIMITERS = ",;\t|"


def _lines(text: str) -> list[str]:
    """Lines ended by LF, CRLF or CR only, ends kept: ``str.splitlines`` also cuts at
    U+2028, U+0085 and the like, which a cell may hold unquoted."""
    return list(io.StringIO(text, newline=""))


class _Excel(csv.excel):
    """What every spreadsheet writes: ``"`` quotes, a ``"`` inside doubled. Only the
    delimiter (and spaces after it) vary; csv.Sniffer's guess of ``doublequote`` is not
    trusted — a quoted cell holding ``""`` and a ``;`` made it turn escaping off."""

    delimiter = ","
    skipinitialspace = False


def _score(sample: str, delimiter: str, known: set[str]) -> tuple[int, int, int]:
    """How well ``delimiter`` reads the sample: header cells that are known column names,
    records with as many fields as the header, and whether it splits the header at all."""
    try:
        records = list(csv.reader(_lines(sample), _Excel, delimiter=delimiter))
    except csv.Error:
        return -1, -1, -1
    header = next((r for r in records if r), [])
    width = len(header)
    steady = sum(1 for r in records[1:] if len(r) == width)
    return sum(1 for cell in header if fold(cell) in known), steady, int(width > 1)


def _dialect(sample: str, known: set[str]) -> type[csv.Dialect]:
    """The dialect to read with: the delimiter that splits the header into the most known
    column names, then gives the most records of the header's width; the sniffer's choice
    (and its ``skipinitialspace``) breaks ties. A two-row German survey is read with ``;``."""
    try:
        sniffed: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, DELIMITERS)
    except csv.Error:
        sniffed = csv.excel
    order = sorted(DELIMITERS, key=lambda d: d != sniffed.delimiter)  # stable: sniffed first
    best = max(order, key=lambda d: _score(sample, d, known))
    spaces = bool(sniffed.skipinitialspace) and best == sniffed.delimiter

    class Chosen(_Excel):
        delimiter = best
        skipinitialspace = spaces

    return Chosen


def _comment_line(line: str) -> bool:
    return line.lstrip().startswith("#")


def _comment(cells: Sequence[str]) -> bool:
    return bool(cells) and cells[0].lstrip().startswith("#")


@dataclass
class _Table:
    """A CSV file opened as ``read_rows`` and ``read_columns`` read it: its records after
    the header, the canonical columns' positions and where the next record starts."""

    reader: Any
    index: dict[str, int]
    where: str
    line: int


def _table(
    path: Path,
    columns: Mapping[str, Sequence[str]],
    required: Sequence[str],
    source: str | None,
    encoding: str | None,
    ignored: Sequence[str] | None,
    comments: bool,
    on_encoding: Callable[[str], None] | None,
) -> _Table:
    """Read, decode, sniff and check the header (see ``read_rows``)."""
    where = source or str(path)
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise InputError("file too large for a CSV import", file=where)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=where) from exc
    decoded = decode_text(data, where, encoding)
    if on_encoding is not None:
        on_encoding(decoded.encoding)
    text = decoded.text
    if "\x00" in text:
        raise InputError(binary_content(data[:4096]), file=where, line=1)
    lines = _lines(text)
    # A bounded sample: csv.Sniffer is quadratic in line length (a 1 MB line would hang).
    sample = [ln for ln in lines[:40] if not (comments and _comment_line(ln))][:20]
    aliases = {fold(a): canon for canon, names in columns.items() for a in (canon, *names)}
    known = set(aliases) | set(ignored or ())
    dialect = _dialect("".join(line[:2000] for line in sample), known)
    reader = csv.reader(lines, dialect=dialect, strict=True)
    try:
        header = next(reader, None)
        while comments and header is not None and (not header or _comment(header)):
            header = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"bad CSV header: {exc}", file=where, line=1) from exc
    if not header:
        raise InputError("empty file: expected a header row", file=where, line=1)
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        canon = aliases.get(fold(name))
        if canon is not None and canon not in index:
            index[canon] = position
    if ignored is not None:
        unknown = [
            h.strip() for h in header if fold(h) not in aliases and fold(h) not in ignored and h
        ]
        if unknown:
            raise InputError(
                f"unknown {plural('column', len(unknown))} "
                f"{', '.join(repr(u) for u in unknown)} in the header "
                f"(expected: {', '.join(columns)})",
                file=where,
                line=1,
            )
    missing = [c for c in required if c not in index]
    if missing:
        raise InputError(
            f"missing {plural('column', len(missing))} {', '.join(missing)} in the header "
            f"(found: {', '.join(h.strip() for h in header)})",
            file=where,
            line=1,
        )
    return _Table(reader, index, where, reader.line_num + 1)


def read_rows(
    path: Path,
    columns: Mapping[str, Sequence[str]],
    required: Sequence[str],
    *,
    source: str | None = None,
    encoding: str | None = None,
    ignored: Sequence[str] | None = None,
    comments: bool = False,
    on_encoding: Callable[[str], None] | None = None,
) -> Iterator[Row]:
    """Yield rows with canonical column names; raise InputError for a bad file or header.

    ``encoding`` forces the file's encoding (``--encoding``); by default it is detected.
    With ``ignored`` (folded names of columns known to be irrelevant, such as a form's
    timestamp), any other column the header names but ``columns`` does not know is an error
    listing the expected columns: a column silently dropped is data silently lost.
    With ``comments``, a record whose first cell starts with ``#`` (before or after the
    header) is a comment and skipped: the survey template's examples are such lines.
    ``on_encoding`` is told the encoding the file was read in, for the import to say it.
    """
    table = _table(path, columns, required, source, encoding, ignored, comments, on_encoding)
    reader, where, line = table.reader, table.where, table.line
    positions = list(table.index.items())
    width = max(table.index.values(), default=-1) + 1
    try:
        for cells in reader:
            # skipped: a record of blank cells only (one strip of them all), or a comment
            if "".join(cells).strip() and not (comments and _comment(cells)):
                if len(cells) >= width:
                    yield Row(line, {c: cells[i].strip() for c, i in positions})
                else:
                    yield Row(
                        line, {c: cells[i].strip() if i < len(cells) else "" for c, i in positions}
                    )
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"bad CSV: {exc}", file=where, line=line) from exc


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while records pile up: 100,000 lists of cells
    set it off again and again to find no cycle, half the time of reading them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_columns(
    path: Path,
    columns: Mapping[str, Sequence[str]],
    required: Sequence[str],
    *,
    encoding: str | None = None,
) -> dict[str, list[str]]:
    """The rows ``read_rows`` yields, as one list of stripped cells per canonical column.

    Why: a staff directory of 100,000 people read as rows cost a ``Row`` and a dictionary
    per line, twice ``csv.reader`` itself; here ``csv.reader`` reads at C speed, only the
    header's known columns of each record are kept, laid end to end in one list (no list
    per record is kept), and each column is a slice of it, stripped whole. The file, the
    header and the errors are ``read_rows``'s: a record it refuses is located by reading
    it again as rows (the reference), which then raises the same error at the same line;
    a record short of a column, or blank records to find, are read with all their cells."""
    table = _table(path, columns, required, None, encoding, None, False, None)
    positions = list(table.index.values())
    stride = len(positions)
    if stride < 2:  # itemgetter of one position gives a cell, not a tuple
        return _all_columns(path, columns, required, encoding)
    try:
        with no_cycle_collection():  # an empty record ([]) is blank: skipped, as read_rows does
            cells = chain.from_iterable(map(itemgetter(*positions), filter(None, table.reader)))
            flat = list(map(str.strip, cells))  # each cell stripped while it is fresh
    except csv.Error:
        _locate(path, columns, required, encoding)
        raise  # not reached: the rows' reader raised the located error
    except IndexError:  # a record short of a known column
        return _all_columns(path, columns, required, encoding)
    found = {canon: flat[slot::stride] for slot, canon in enumerate(table.index)}
    # A record of blank cells only is skipped; it leaves an empty cell in every column,
    # so a column without one means there is none to look for.
    if found and all("" in cells for cells in found.values()):
        return _all_columns(path, columns, required, encoding)
    return found


def _locate(
    path: Path, columns: Mapping[str, Sequence[str]], required: Sequence[str], encoding: str | None
) -> None:
    """Read the file as rows, the reference: it raises the located error ``csv`` found."""
    for _ in read_rows(path, columns, required, encoding=encoding):
        pass


def _all_columns(
    path: Path, columns: Mapping[str, Sequence[str]], required: Sequence[str], encoding: str | None
) -> dict[str, list[str]]:
    """``read_columns`` from records read with every cell: short ones padded, blank ones
    (every cell blank, known or not) left out."""
    table = _table(path, columns, required, None, encoding, None, False, None)
    try:
        with no_cycle_collection():
            records = list(table.reader)
    except csv.Error:
        _locate(path, columns, required, encoding)
        raise  # not reached: the rows' reader raised the located error
    width = max(table.index.values(), default=-1) + 1
    if records and min(map(len, records)) < width:
        records = [cells + [""] * (width - len(cells)) for cells in records]
    found = {
        canon: list(map(str.strip, map(itemgetter(at), records)))
        for canon, at in table.index.items()
    }
    if found and all("" in cells for cells in found.values()):
        blank = list(map(not_, map(str.strip, map("".join, records))))
        if any(blank):
            kept = list(map(not_, blank))
            found = {canon: list(compress(cells, kept)) for canon, cells in found.items()}
    return found


MAX_COUNT = 10**9  # no headcount or user count is anywhere near a billion


def whole_number(text: str) -> int | None:
    """A count from a cell: ASCII digits only (``str.isdigit`` accepts '²' and '①'), at most
    ten of them, within :data:`MAX_COUNT`; None otherwise."""
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        return None
    value = int(text)
    return value if value <= MAX_COUNT else None
