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
listing piped to ``less -S`` or ``grep`` is not folded at 80 columns.
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
from typing import TYPE_CHECKING, Any, TextIO

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
    """The stream under a :class:`VisibleStream` (or the stream itself)."""
    return stream.raw if isinstance(stream, VisibleStream) else stream


@contextmanager
def visible_streams() -> Iterator[None]:
    """Wrap stdout and stderr in :class:`VisibleStream` for the duration of a command."""
    saved = sys.stdout, sys.stderr
    sys.stdout = VisibleStream(raw_stream(sys.stdout))
    sys.stderr = VisibleStream(raw_stream(sys.stderr))
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
            super().print(*safe, **kwargs)

    return SafeConsole


def cell(value: object, style: str = "") -> Text:
    from rich.text import Text

    if value is None:
        return Text("—", style="dim")
    if isinstance(value, (list, tuple, set, frozenset)):
        value = ", ".join(str(v) for v in value)
    return Text(visible(value), style=style)


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Table:
    from rich.table import Table

    # A title often holds a name (a pilot's, a product's): Text, never markup.
    heading = cell(title, "bold") if title is not None else None
    # As wide as its title, so that a title is never folded (Rich caps it at the terminal).
    width = heading.cell_len if heading is not None else None
    out = Table(title=heading, title_justify="left", header_style="bold", min_width=width)
    for name in columns:
        out.add_column(cell(name), overflow="fold")
    for row in rows:
        cells: list[Text] = [
            value if isinstance(value, _text_type()) else cell(value) for value in row
        ]
        out.add_row(*cells)
    return out


def _text_type() -> type[Text]:
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
    import json

    data = [{key: plain(r.get(key)) for key in keys} for r in records]
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
    records: Sequence[Mapping[str, object]],
    keys: Sequence[str],
    rows: Iterable[Sequence[object]] | None = None,
    columns: Sequence[str] | None = None,
) -> None:
    """A list command's result: a table (``rows`` under ``columns``, by default the
    records' values under their keys), or the records as JSON or CSV (``--format``)."""
    fmt = getattr(args, "format", None) or "table"
    if fmt == "json":
        write_data(to_json(records, keys))
    elif fmt == "csv":
        # A cell's control characters are shown as escapes, as in a table: a CSV piped to
        # a file is often shown on a terminal later (cat, less -r).
        # A byte-order mark first: a spreadsheet opening the file reads it as UTF-8.
        from planner.adapters.render.csv_output import BOM

        text = to_csv(records, keys)
        write_data(BOM + "\r\n".join(visible(line) for line in text.split("\r\n")))
    else:
        if rows is None:
            rows = [[r.get(k) for k in keys] for r in records]
        console().print(table(title, list(columns or keys), rows))
