"""Long tables on the command line: streamed row by row, through the user's pager.

Rich measures every cell of every row and renders a whole table in memory, which for a
listing of 60,000 tools took minutes and half a gigabyte. :func:`show_table` leaves a short
table to Rich (:func:`planner.cli.output.table`) and writes a long one (or one of huge
cells) as it is produced, with plain aligned columns, controls made visible as
:mod:`planner.cli.output` does for everything else. Kept apart from that module because
this is the one part of the output that runs a subprocess (the pager) and owns its own
layout.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from itertools import chain, islice
from typing import TextIO, cast

from planner.cli.output import console, raw_stream, table, text_type
from planner.domain.text import visible

# A table of more rows than this is not laid out by Rich (which measures every cell of
# every row, then renders the whole table in memory: 60,000 tools took minutes and half a
# gigabyte) but written as it is produced, its column widths taken from these first rows.
STREAM_ROWS = 1_000
# Nor a short table of huge cells (an overlap of 5,000 tools names them all): Rich wraps
# every word of them.
STREAM_CHARS = 200_000
# A streamed column is at most this wide; a longer cell is written whole and pushes the
# rest of its line (nothing is cut: the listing is the data).
_STREAM_CELL = 40


def show_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A table on stdout: laid out by Rich when it is short, streamed row by row when it is
    long (:func:`stream_table`), so that a long listing's first line shows at once and its
    memory does not grow with the plan."""
    it = iter(rows)
    first = list(islice(it, STREAM_ROWS + 1))
    if len(first) <= STREAM_ROWS and sum(_size(v) for row in first for v in row) < STREAM_CHARS:
        console().print(table(title, list(columns), first))
        return
    stream_table(title, columns, chain(first, it))


def _size(value: object) -> int:
    """About how many characters a cell shows."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return sum(len(str(v)) + 2 for v in value)
    return len(str(value))


def _stream_cell(value: object) -> str:
    """A cell as :func:`cell` shows it, as plain text (controls made visible)."""
    if type(value) is str:
        return visible(value)
    if value is None:
        return "—"
    if isinstance(value, text_type()):
        return visible(value.plain)
    if isinstance(value, (list, tuple, set, frozenset)):
        value = ", ".join(str(v) for v in value)
    return visible(value)


def stream_table(
    title: str | None, columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> None:
    """Columns aligned on the widths of the first :data:`STREAM_ROWS` rows, each row
    written as it comes; through the user's pager (``$PAGER``, else ``less``) when stdout
    is a terminal."""
    it = iter(rows)
    first = [[_stream_cell(v) for v in row] for row in islice(it, STREAM_ROWS)]
    heads = [visible(c) for c in columns]
    widths = [
        min(max([len(h), *(len(r[i]) for r in first if i < len(r))]), _STREAM_CELL)
        for i, h in enumerate(heads)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()

    def lines() -> Iterator[str]:
        if title is not None:
            yield visible(title)
        yield line(heads)
        yield line(["-" * w for w in widths])
        for cells in first:
            yield line(cells)
        for row in it:
            yield line([_stream_cell(v) for v in row])

    with paged(raw_stream(sys.stdout)) as out:
        batch: list[str] = []
        for text in lines():
            batch.append(text)
            if len(batch) == 500:
                out.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            out.write("\n".join(batch) + "\n")
        out.flush()


@contextmanager
def paged(stream: TextIO) -> Iterator[TextIO]:
    """``stream``, or when it is a terminal the standard input of the user's pager
    (``$PAGER``, else ``less`` with ``LESS=FRSX``: quits at once if the text fits, keeps
    long lines unfolded). Quitting the pager before the end ends the listing quietly."""
    import os
    import shlex
    import subprocess

    command = os.environ.get("PAGER", "less")
    if not stream.isatty() or not command.strip():
        yield stream
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRSX")
    try:
        pager = subprocess.Popen(
            shlex.split(command),
            stdin=subprocess.PIPE,
            env=env,
            text=True,
            encoding=getattr(stream, "encoding", None) or "utf-8",
            errors="replace",
        )
    except (OSError, ValueError):  # no such pager: straight to the terminal
        yield stream
        return
    assert pager.stdin is not None
    try:
        yield cast("TextIO", pager.stdin)
    except BrokenPipeError:
        pass  # the user quit the pager
    finally:
        with suppress(BrokenPipeError):
            pager.stdin.close()
        pager.wait()
