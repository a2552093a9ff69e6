"""Table cells from untrusted values: text, never markup, control characters visible."""

from __future__ import annotations

from rich.text import Text

from planner.domain.text import visible


def cell(value: object, style: str = "") -> Text:
    """A ``Text`` for a DataTable or Static: lists joined, empty shown as a dim dash."""
    if value is None or value == "" or value == ():
        return cell("—", "dim")
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    # Cut with an ellipsis where a column is narrower than the value, never mid-word silently.
    text = Text(visible(value), overflow="ellipsis", no_wrap=True)
    if style:
        text.stylize(style)  # a span, not a base style: DataTable pads base-styled cells
    return text
