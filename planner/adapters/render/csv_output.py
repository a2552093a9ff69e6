"""CSV for spreadsheet users, safe to open: no cell is ever run as a formula.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is what
Excel, LibreOffice and Google Sheets treat as a formula (OWASP "CSV injection"). Quoting
alone does not protect: a German or French Excel splits on ``;`` whatever the quotes
written for ``,``, so ``Wiki;=cmd|' /C calc'!A0`` becomes a cell ``=cmd…``. So a leading
apostrophe (shown as text by spreadsheets) goes before a formula character at the start
of a cell and after any separator a spreadsheet might split on (``,`` ``;`` tab ``|``,
and line breaks), spaces and quotes between them included. Every text cell is quoted
(only plain numbers are bare), and the text starts with a UTF-8 byte-order mark, without
which Excel reads ``Bücherwurm`` as cp1252. Written atomically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from planner.adapters.files import write_atomic

__all__ = ["BOM", "neutralise", "render_csv", "write_csv"]

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A formula character after the start or a separator, with spaces and quotes between.
_FORMULA_AFTER = re.compile(r'(^|[,;\t|\r\n])([ "]*)(?=[=+\-@])')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})(?:\.[0-9]+)?")


def neutralise(cell: str) -> str:
    """``cell`` with an apostrophe before every formula start a spreadsheet could see."""
    if cell.startswith(_FORMULA_START):
        cell = "'" + cell
    return _FORMULA_AFTER.sub(r"\1\2'", cell)


def _field(cell: object) -> str:
    text = "" if cell is None else str(cell)
    if _NUMBER.fullmatch(text):
        return text  # a number stays a number (a negative one is not a formula)
    return '"' + neutralise(text).replace('"', '""') + '"'


def render_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The CSV text, CRLF line ends, without the byte-order mark (``BOM``)."""
    lines = [",".join(_field(h) for h in header)]
    lines.extend(",".join(_field(c) for c in row) for row in rows)
    return "\r\n".join(lines) + "\r\n"


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    write_atomic(path, BOM + render_csv(header, rows))
