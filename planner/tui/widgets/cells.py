"""Table cells from untrusted values: text, never markup, control characters visible."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text

from planner.domain.text import visible


def cell(value: object, style: str = "") -> Text:
    """A ``Text`` for a DataTable or Static: lists joined, empty shown as a dim dash.

    Equal cells are one shared ``Text`` (a 60,000-tool table repeats its statuses,
    categories and dashes hundreds of thousands of times): copy it before changing it."""
    if value is None or value == "" or value == ():
        return _shared("—", "dim")
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    return _shared(str(value), style)


@lru_cache(maxsize=8192)
def number(value: int, style: str = "") -> Text:
    """A count, right-aligned: one shared ``Text`` per value and style, like :func:`cell`'s
    (a 60,000-tool table has a users and a capabilities count on every row)."""
    return Text(str(value), style=style, justify="right", overflow="ellipsis", no_wrap=True)


@lru_cache(maxsize=8192)
def _shared(value: str, style: str) -> Text:
    # Cut with an ellipsis where a column is narrower than the value, never mid-word silently.
    text = Text(visible(value), overflow="ellipsis", no_wrap=True)
    if style:
        text.stylize(style)  # a span, not a base style: DataTable pads base-styled cells
    return text
