"""CSV files people hand over (surveys, staff directories): read strictly, located errors.

``csv`` with ``strict=True`` so an unbalanced quote is an error instead of silently
swallowing the rest of the file; the encoding detected (``adapters/sources/encodings``: UTF-8,
UTF-16, the Windows code pages Excel writes) and applied strictly, never replacing a byte
with U+FFFD; the delimiter sniffed among , ; tab |; header names matched loosely (case,
spaces, punctuation and accents ignored) against a list of aliases per column.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.adapters.sources.encodings import decode_text
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


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _comment_line(line: str) -> bool:
    return line.lstrip().startswith("#")


def _comment(cells: Sequence[str]) -> bool:
    return bool(cells) and cells[0].lstrip().startswith("#")


def read_rows(
    path: Path,
    columns: Mapping[str, Sequence[str]],
    required: Sequence[str],
    *,
    source: str | None = None,
    encoding: str | None = None,
    ignored: Sequence[str] | None = None,
    comments: bool = False,
) -> Iterator[Row]:
    """Yield rows with canonical column names; raise InputError for a bad file or header.

    ``encoding`` forces the file's encoding (``--encoding``); by default it is detected.
    With ``ignored`` (folded names of columns known to be irrelevant, such as a form's
    timestamp), any other column the header names but ``columns`` does not know is an error
    listing the expected columns: a column silently dropped is data silently lost.
    With ``comments``, a record whose first cell starts with ``#`` (before or after the
    header) is a comment and skipped: the survey template's examples are such lines.
    """
    where = source or str(path)
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise InputError("file too large for a CSV import", file=where)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=where) from exc
    text = decode_text(data, where, encoding).text
    if "\x00" in text:
        raise InputError("not a CSV file (binary content)", file=where, line=1)
    lines = text.splitlines(keepends=True)
    # A bounded sample: csv.Sniffer is quadratic in line length (a 1 MB line would hang).
    sample = [ln for ln in lines[:40] if not (comments and _comment_line(ln))][:20]
    dialect = _dialect("".join(line[:2000] for line in sample))
    reader = csv.reader(lines, dialect=dialect, strict=True)
    try:
        header = next(reader, None)
        while comments and header is not None and (not header or _comment(header)):
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
    if ignored is not None:
        unknown = [
            h.strip() for h in header if fold(h) not in aliases and fold(h) not in ignored and h
        ]
        if unknown:
            raise InputError(
                f"unknown column(s) {', '.join(repr(u) for u in unknown)} in the header "
                f"(expected: {', '.join(columns)})",
                file=where,
                line=1,
            )
    missing = [c for c in required if c not in index]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)} in the header "
            f"(found: {', '.join(h.strip() for h in header)})",
            file=where,
            line=1,
        )
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"bad CSV: {exc}", file=where, line=line) from exc
        if not any(c.strip() for c in cells) or (comments and _comment(cells)):
            continue
        yield Row(line, {c: cells[i].strip() if i < len(cells) else "" for c, i in index.items()})


MAX_COUNT = 10**9  # no headcount or user count is anywhere near a billion


def whole_number(text: str) -> int | None:
    """A count from a cell: ASCII digits only (``str.isdigit`` accepts '²' and '①'), at most
    ten of them, within :data:`MAX_COUNT`; None otherwise."""
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        return None
    value = int(text)
    return value if value <= MAX_COUNT else None
