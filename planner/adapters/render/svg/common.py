"""What every chart of :mod:`planner.adapters.render.svg` shares: colours, escaping, numbers, text.

The chart modules build their markup only from these helpers, so the escaping rule holds in
one place: every text that comes from data goes through :func:`esc` (control characters made
visible, then ``& < > " '`` escaped), and every coordinate through :func:`num` (at most one
decimal, never ``nan`` or ``inf``). :func:`text_at`, :func:`figure` and :func:`swatch` draw a
label, the ``<svg>`` root and a legend entry the same way in every chart.
"""

from __future__ import annotations

import html
import math

from planner.domain.text import visible

# States of timeline rows, and how they are drawn and named in legends.
STATE_COLOURS = {
    "done": "#2f855a",
    "active": "#2b6cb0",
    "planned": "#a0aec0",
    "late": "#c53030",
}
STATE_LABELS = {
    "done": "Done",
    "active": "Under way",
    "planned": "Planned",
    "late": "Late",
}
TODAY = "#dd6b20"
INK = "#1a202c"
MUTED = "#4a5568"
FAINT = "#718096"
GRID = "#e2e8f0"
BAND = "#f7fafc"


def esc(value: object) -> str:
    """Data as SVG/HTML text or attribute value: control characters visible, escaped."""
    return html.escape(visible(value), quote=True)


def num(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros (0 for what is not a number)."""
    text = f"{value:.1f}" if math.isfinite(value) else "0"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, size: float) -> float:
    """Estimated width of ``text`` in a sans-serif font of ``size`` px."""
    wide = sum(1 for c in text if c.isupper() or c in "mwMW@%")
    return (len(text) * 0.5 + wide * 0.14) * size


def fit(text: str, width: float, size: float) -> str:
    """``text`` shortened with an ellipsis to about ``width`` px (before escaping)."""
    text = visible(text)
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def text_at(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 12,
    anchor: str = "start",
    fill: str = INK,
    weight: str = "normal",
    extra: str = "",
) -> str:
    """A ``<text>`` at (x, y baseline), its content escaped; only non-default styles set."""
    attrs = f'x="{num(x)}" y="{num(y)}" font-size="{num(size)}" fill="{fill}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if weight != "normal":
        attrs += f' font-weight="{weight}"'
    return f"<text {attrs}{extra}>{esc(content)}</text>"


def figure(width: float, height: float, label: str, body: list[str]) -> str:
    """The ``<svg>`` root around ``body``, labelled (``aria-label`` and ``<title>``)."""
    return (
        '<svg class="chart" role="img" '
        f'width="{num(width)}" height="{num(height)}" viewBox="0 0 {num(width)} {num(height)}" '
        f'aria-label="{esc(label)}"><title>{esc(label)}</title>' + "".join(body) + "</svg>"
    )


def swatch(x: float, y: float, colour: str, label: str, *, stroke: str = "") -> tuple[str, float]:
    """A legend entry at (x, y baseline); returns its markup and width."""
    outline = f' stroke="{stroke}"' if stroke else ""
    mark = (
        f'<rect x="{num(x)}" y="{num(y - 10)}" width="14" height="12" rx="2" '
        f'fill="{colour}"{outline}/>'
    )
    return mark + text_at(x + 20, y, label, size=12, fill=MUTED), 20 + text_width(label, 12) + 18
