"""Output for the command line: the one choke point between stored text and the terminal.

Names and notes come from logs, CSV cells, catalogs and reviewers' YAML; a name holding
``ESC ]0;…BEL`` would retitle the user's terminal and ``[@click=…]`` would be Rich markup.
Rather than trusting every call site, three things hold for every command
(:func:`commands.run` installs them):

* ``sys.stdout`` and ``sys.stderr`` are wrapped by :class:`VisibleStream` while a command
  runs, so every ``print`` shows control characters (C0 but newline and tab, DEL, C1, bidi
  overrides) as visible escapes — whatever module printed it;
* Rich output goes through :class:`SafeConsole` on the raw stream (Rich's own colours must
  reach the terminal): a plain ``str`` it is given is shown as text, never parsed as markup,
  and every cell or title is a ``Text`` made by :func:`cell`;
* file contents asked for on stdout (``-o -``) go through :func:`write_data`, byte-exact;
  so do the ``--format json|csv`` listings (:func:`listing`), which are data: JSON escapes
  every control and bidi character (``\\u001b``), CSV shows them as ``\\x1b`` and
  neutralises formulas.

Tables are as wide as their content when stdout is not a terminal (a pipe, a file): a
listing piped to ``less -S`` or ``grep`` is not folded at 80 columns. A long table is not
laid out by Rich but streamed, through the user's pager: :mod:`planner.cli.streamed`.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any, TextIO, cast

from planner.domain.text import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text


class VisibleStream(io.TextIOBase):
    """A text stream that makes control characters visible before they reach ``raw``."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        lines = text.split("\n")
        self.raw.write("\n".join("\t".join(visible(p) for p in ln.split("\t")) for ln in lines))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8")

    def writable(self) -> bool:
        return True


def raw_stream(stream: TextIO) -> TextIO:
    """The stream under a :class:`VisibleStream` (or the stream itself; a closed one as
    :func:`usable` makes it)."""
    if stream is None:  # started with it closed, outside visible_streams
        return usable(stream, refuse=stream is sys.stdout)
    return stream.raw if isinstance(stream, VisibleStream) else stream


class ClosedStream(io.TextIOBase):
    """What a command writes to when it was started with that stream closed (``>&-``:
    Python then leaves ``sys.stdout`` None). Writing to a closed stdout ends the command as
    a closed pipe does, quietly (:class:`BrokenPipeError`); a closed stderr drops what is
    written, having nowhere to say it."""

    def __init__(self, refuse: bool) -> None:
        self.refuse = refuse

    def write(self, text: str) -> int:
        if self.refuse and text:
            raise BrokenPipeError("standard output is closed")
        return len(text)

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True


def usable(stream: TextIO | None, *, refuse: bool) -> TextIO:
    """``stream`` made safe to print to: a closed one is a :class:`ClosedStream`; one whose
    encoding cannot hold every character (``PYTHONIOENCODING=latin-1``, a C locale) writes
    ``?`` for those instead of raising UnicodeEncodeError in the middle of a table."""
    if stream is None:
        return cast("TextIO", ClosedStream(refuse))
    if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
        stream.reconfigure(errors="replace")
    return stream


@contextmanager
def visible_streams() -> Iterator[None]:
    """Wrap stdout and stderr in :class:`VisibleStream` for the duration of a command."""
    saved = sys.stdout, sys.stderr
    sys.stdout = VisibleStream(usable(raw_stream(sys.stdout), refuse=True))
    sys.stderr = VisibleStream(usable(raw_stream(sys.stderr), refuse=False))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def write_data(text: str) -> None:
    """Write a file's content to stdout as it is (``-o -``): the user asked for the bytes."""
    out = raw_stream(sys.stdout)
    out.write(text)
    out.flush()


def write_output(text: str, output: str | None) -> None:
    """A document (a report, a record) to the file ``-o`` names, atomically and never over
    the workspace or its key, else to stdout as text (controls shown, not sent)."""
    if output and output != "-":
        from pathlib import Path

        from planner.adapters.files import write_atomic

        write_atomic(Path(output), text)
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


# The width of a table written to a pipe or a file: no folding, whatever $COLUMNS says.
PIPE_WIDTH = 10_000


def console(stderr: bool = False) -> Console:
    stream = raw_stream(sys.stderr if stderr else sys.stdout)
    width = None if stream.isatty() else PIPE_WIDTH
    return _safe_console_class()(file=stream, highlight=False, soft_wrap=False, width=width)


@cache
def _safe_console_class() -> type[Console]:
    """Made once, on first use: Rich is imported only by commands that print with it."""
    from rich.console import Console

    class SafeConsole(Console):
        """A Console that never parses a plain string as markup nor lets controls through."""

        def print(self, *objects: Any, **kwargs: Any) -> None:
            kwargs["markup"] = False
            kwargs.setdefault("highlight", False)
            safe = [cell(o) if isinstance(o, str) else o for o in objects]
            first: Any = safe[0] if len(safe) == 1 else None
            if isinstance(first, _record_table_class()) and first.needed_width() > self.width:
                for line in first.record_lines():  # one a line: the terminal wraps it
                    super().print(line, **{**kwargs, "soft_wrap": True})
                return
            super().print(*safe, **kwargs)

        def on_broken_pipe(self) -> None:
            # Rich's own handling asks the wrapped stream for a descriptor and exits from
            # inside the print; a closed or broken stdout ends the command where every
            # other write to it does (commands.run: quietly, exit 1).
            silence_stdout()
            raise BrokenPipeError("standard output is closed")

    return SafeConsole


def silence_stdout() -> None:
    """Point the process's stdout at /dev/null, so that the interpreter's last flush of a
    pipe the reader closed (``| head``) does not print an error at exit."""
    import os

    stdout = sys.__stdout__
    if stdout is None:
        return
    try:
        fd = stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError):
        return
    os.dup2(devnull, fd)
    os.close(devnull)


def cell(value: object, style: str = "") -> Text:
    from rich.text import Text

    if value is None:
        return Text("—", style="dim")
    if isinstance(value, (list, tuple, set, frozenset)):
        value = ", ".join(str(v) for v in value)
    return Text(visible(value), style=style)


# What a column needs before a table stops being readable: its longest word, up to this
# many cells (longer words fold); and what each column's borders and padding take.
_WORD_CELLS = 10
_COLUMN_FRAME = 3


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Table:
    # A title often holds a name (a pilot's, a product's): Text, never markup.
    heading = cell(title, "bold") if title is not None else None
    # As wide as its title, so that a title is never folded (Rich caps it at the terminal).
    width = heading.cell_len if heading is not None else None
    out: Any = _record_table_class()(
        title=heading, title_justify="left", header_style="bold", min_width=width
    )
    out.headers = [cell(name) for name in columns]
    for header in out.headers:
        out.add_column(header, overflow="fold")
    for row in rows:
        cells: list[Text] = [
            value if isinstance(value, text_type()) else cell(value) for value in row
        ]
        out.records.append(cells)
        out.add_row(*cells)
    return cast("Table", out)


@cache
def _record_table_class() -> type[Any]:
    """A Rich table that keeps its cells, so a terminal too narrow for its columns (Rich
    would give each a width of nothing and print every cell empty) gets one record per
    line instead, each field as ``key: value``."""
    from rich.table import Table
    from rich.text import Text

    class RecordTable(Table):
        headers: list[Text]
        records: list[list[Text]]

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.headers, self.records = [], []

        def needed_width(self) -> int:
            def longest(texts: Iterable[Text]) -> int:
                words = (w for t in texts for w in t.plain.split())
                return min(max((len(w) for w in words), default=1), _WORD_CELLS)

            columns = [
                longest([h, *(r[i] for r in self.records if i < len(r))])
                for i, h in enumerate(self.headers)
            ]
            return sum(columns) + _COLUMN_FRAME * len(columns) + 1

        def record_lines(self) -> Iterator[Text]:
            if isinstance(self.title, Text):
                yield self.title
            for record in self.records:
                line = Text()
                for i, (header, value) in enumerate(zip(self.headers, record, strict=False)):
                    line.append("; " if i else "")
                    line.append(f"{header.plain}: ", style="bold")
                    line.append(value)
                yield line

    return RecordTable


@cache
def text_type() -> type[Text]:
    from rich.text import Text

    return Text


def error_line(message: str) -> None:
    """One diagnostic line on stderr, control characters made visible."""
    sys.stderr.write(visible(message) + "\n")


# Machine-readable listings (--format json|csv) ------------------------------------------
# What JSON keeps literally but a terminal would act on: C1 controls and bidi overrides
# (json.dumps already escapes C0). Only ever inside strings, so \uXXXX keeps it valid JSON.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(value: object) -> object:
    """A value as JSON holds it: dates ISO, enums their value, tuples and sets lists."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def to_json(records: Sequence[Mapping[str, object]], keys: Sequence[str]) -> str:
    return dump_json([{key: plain(r.get(key)) for key in keys} for r in records])


def dump_json(data: object) -> str:
    """JSON of plain data, with what a terminal would act on escaped."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _csv_cell(value: object) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def to_csv(records: Sequence[Mapping[str, object]], keys: Sequence[str]) -> str:
    from planner.adapters.render.csv_output import render_csv

    return render_csv(keys, ([_csv_cell(r.get(k)) for k in keys] for r in records))


def listing(
    args: Any,
    title: str,
    records: Iterable[Mapping[str, object]],
    keys: Sequence[str],
    rows: Iterable[Sequence[object]] | None = None,
    columns: Sequence[str] | None = None,
) -> None:
    """A list command's result: a table (``rows`` under ``columns``, by default the
    records' values under their keys), or the records as JSON or CSV (``--format``)."""
    fmt = getattr(args, "format", None) or "table"
    if fmt == "json":
        write_data(to_json(list(records), keys))
    elif fmt == "csv":
        # A cell's control characters are shown as escapes, as in a table: a CSV piped to
        # a file is often shown on a terminal later (cat, less -r).
        # A byte-order mark first: a spreadsheet opening the file reads it as UTF-8.
        from planner.adapters.render.csv_output import BOM

        text = to_csv(list(records), keys)
        write_data(BOM + "\r\n".join(visible(line) for line in text.split("\r\n")))
    else:
        from planner.cli.streamed import show_table

        if rows is None:
            rows = ([r.get(k) for k in keys] for r in records)
        show_table(title, list(columns or keys), rows)
