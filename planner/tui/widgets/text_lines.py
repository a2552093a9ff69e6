"""A long text drawn line by line: only the lines on screen are cut from it and shown.

Why not a ``Log``: it keeps each line as its own string and measures every one when
written, on the UI thread — for a 60,000-tool plan's million lines of YAML, some 80 MB and
seconds before the screen answered. This keeps the text and where each line starts (8
bytes a line); a line is cut out, its control characters made visible, when drawn.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from itertools import chain, pairwise

from rich.cells import cell_len
from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from planner.domain.text import visible

# Anything but printable ASCII and the line feed: a line holding one is measured.
_UNUSUAL = re.compile("[^\x20-\x7e\n]")


def line_starts(text: str) -> array[int]:
    """Where each line of ``text`` starts (the first at 0; one more line after each
    line feed)."""
    starts = array("q", [0])
    find = text.find
    at = find("\n")
    while at != -1:
        starts.append(at + 1)
        at = find("\n", at + 1)
    return starts


class TextLines(ScrollView, can_focus=True):
    """Read-only text, scrolled both ways; never markup (a ``Segment`` of plain text)."""

    DEFAULT_CSS = """
    TextLines {
        height: 1fr;
        background: $surface;
        color: $text;
        overflow: scroll;
        &:focus {
            background-tint: $foreground 5%;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""
        self._starts = array("q", [0])

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line(self, index: int) -> str:
        """Line ``index`` as it is drawn (control characters visible)."""
        starts = self._starts
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(self._text)
        return visible(self._text[starts[index] : end])

    def show(self, text: str) -> None:
        self._text, self._starts = text, line_starts(text)
        self.virtual_size = Size(self._widest(), len(self._starts))
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def _widest(self) -> int:
        """The widest line's cells, as drawn: a line of printable ASCII is as wide as it is
        long; only the others (wide or combining characters, escaped controls) are
        measured, line by line."""
        starts, text = self._starts, self._text
        measured = {bisect_right(starts, m.start()) - 1 for m in _UNUSUAL.finditer(text)}
        lengths = chain((b - a - 1 for a, b in pairwise(starts)), (len(text) - starts[-1],))
        plain = (n for i, n in enumerate(lengths) if i not in measured)
        return max([max(plain, default=0), *(cell_len(self.line(i)) for i in measured)])

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index, width, style = scroll_y + y, self.size.width, self.rich_style
        if index >= len(self._starts):
            return Strip.blank(width, style)
        strip = Strip([Segment(self.line(index), style)])
        return strip.crop_extend(scroll_x, scroll_x + width, style)
