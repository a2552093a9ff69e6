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
* file contents asked for on stdout (``-o -``) go through :func:`write_data`, byte-exact.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
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


def console(stderr: bool = False) -> Console:
    stream = raw_stream(sys.stderr if stderr else sys.stdout)
    return _safe_console_class()(file=stream, highlight=False, soft_wrap=False)


def _safe_console_class() -> type[Console]:
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
    out = Table(title=heading, title_justify="left", header_style="bold")
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
