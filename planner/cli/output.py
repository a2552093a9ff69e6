"""Rich output for the command line: tables of untrusted text, shown as text.

Every cell goes through :func:`cell`, which makes control characters visible and wraps the
value in a ``Text`` so that ``[bold]`` in a tool name stays literal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from planner.domain.text import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def cell(value: object, style: str = "") -> Text:
    from rich.text import Text

    if value is None:
        return Text("—", style="dim")
    if isinstance(value, (list, tuple, set, frozenset)):
        value = ", ".join(str(v) for v in value)
    return Text(visible(value), style=style)


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Table:
    from rich.table import Table

    out = Table(title=title, title_justify="left", header_style="bold")
    for name in columns:
        out.add_column(name, overflow="fold")
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
