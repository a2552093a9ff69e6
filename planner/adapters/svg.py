"""Small SVG charts for the HTML report: Gantt, heat map, stacked bars, bars, bullet,
sparkline and risk matrix.

Pure functions from plain values to SVG markup (standard library only; no scripts, no
external references), meant to be inlined in an HTML page. Every text that comes from data
— in ``<text>``, ``<title>`` and attributes alike — goes through :func:`esc`: control
characters made visible, then ``& < > " '`` escaped. Numbers are formatted here; callers
never pass markup. Colours are light tints and saturated strokes that print well.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from planner.domain.roadmap import add_months
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


def _n(value: float) -> str:
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


def _text(
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
    attrs = f'x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" fill="{fill}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if weight != "normal":
        attrs += f' font-weight="{weight}"'
    return f"<text {attrs}{extra}>{esc(content)}</text>"


def _svg(width: float, height: float, label: str, body: list[str]) -> str:
    return (
        '<svg class="chart" role="img" '
        f'width="{_n(width)}" height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'aria-label="{esc(label)}"><title>{esc(label)}</title>' + "".join(body) + "</svg>"
    )


def _swatch(x: float, y: float, colour: str, label: str, *, stroke: str = "") -> tuple[str, float]:
    """A legend entry at (x, y baseline); returns its markup and width."""
    outline = f' stroke="{stroke}"' if stroke else ""
    mark = (
        f'<rect x="{_n(x)}" y="{_n(y - 10)}" width="14" height="12" rx="2" '
        f'fill="{colour}"{outline}/>'
    )
    return mark + _text(x + 20, y, label, size=12, fill=MUTED), 20 + text_width(label, 12) + 18


# Gantt -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GanttRow:
    group: str  # heading the row is shown under (Phases, Pilots, ...)
    label: str
    start: dt.date
    end: dt.date
    state: str  # done | active | planned | late
    detail: str = ""
    progress: float | None = None  # for phases: the part of the bar filled


def gantt(rows: Sequence[GanttRow], start: dt.date, today: dt.date, *, width: float = 1080) -> str:
    """The plan year: month scale (with the year), one bar per row, today, a legend."""
    label_w, detail_w, row_h, head_h = 280.0, 150.0, 24.0, 46.0
    x0, x1 = label_w, width - detail_w
    end = add_months(start, 12)
    span = max((end - start).days, 1)

    def x(day: dt.date) -> float:
        days = min(max((day - start).days, 0), span)
        return x0 + (x1 - x0) * days / span

    groups: list[str] = []
    for row in rows:
        if row.group not in groups:
            groups.append(row.group)
    body_h = len(rows) * row_h + len(groups) * 26
    height = head_h + body_h + 64
    out: list[str] = []
    # Month bands with the month's name, the year on the first month of each year.
    for m in range(12):
        first, following = add_months(start, m), add_months(start, m + 1)
        a, b = x(first), x(following)
        if m % 2 == 0:
            out.append(
                f'<rect x="{_n(a)}" y="{_n(head_h - 18)}" width="{_n(b - a)}" '
                f'height="{_n(body_h + 18)}" fill="{BAND}"/>'
            )
        out.append(
            f'<line x1="{_n(x(first))}" y1="{_n(head_h - 18)}" x2="{_n(x(first))}" '
            f'y2="{_n(head_h + body_h)}" stroke="{GRID}"/>'
        )
        out.append(_text((a + b) / 2, head_h - 5, f"{first:%b}", anchor="middle", fill=MUTED))
        if m == 0 or first.month == 1:
            out.append(_text(x(first) + 3, head_h - 26, f"{first.year}", weight="bold", fill=INK))
    out.append(
        f'<line x1="{_n(x1)}" y1="{_n(head_h - 18)}" x2="{_n(x1)}" '
        f'y2="{_n(head_h + body_h)}" stroke="{GRID}"/>'
    )
    y = head_h
    current = None
    for row in rows:
        if row.group != current:
            current = row.group
            out.append(
                _text(4, y + 18, row.group.upper(), size=11, weight="bold", fill=FAINT)
                + f'<line x1="0" y1="{_n(y + 24)}" x2="{_n(width)}" y2="{_n(y + 24)}" '
                f'stroke="{GRID}"/>'
            )
            y += 26
        colour = STATE_COLOURS.get(row.state, STATE_COLOURS["planned"])
        a, b = x(row.start), max(x(row.end), x(row.start) + 4)
        bar_y = y + 5
        tip = f"{visible(row.label)}: {row.start.isoformat()} → {row.end.isoformat()}"
        tip += f" ({STATE_LABELS.get(row.state, row.state).lower()}"
        tip += f", {row.detail})" if row.detail else ")"
        out.append(f"<g><title>{esc(tip)}</title>")
        weight = "bold" if row.progress is not None else "normal"
        out.append(_text(12, y + 16, fit(row.label, label_w - 20, 13), size=13, weight=weight))
        if row.progress is not None:
            out.append(
                f'<rect x="{_n(a)}" y="{_n(bar_y)}" width="{_n(b - a)}" height="14" rx="3" '
                f'fill="{colour}" fill-opacity="0.22" stroke="{colour}"/>'
                f'<rect x="{_n(a)}" y="{_n(bar_y)}" width="{_n((b - a) * row.progress)}" '
                f'height="14" rx="3" fill="{colour}"/>'
            )
        elif row.state == "planned":
            out.append(
                f'<rect x="{_n(a)}" y="{_n(bar_y)}" width="{_n(b - a)}" height="14" rx="3" '
                f'fill="#e2e8f0" stroke="{colour}" stroke-dasharray="4 2"/>'
            )
        else:
            out.append(
                f'<rect x="{_n(a)}" y="{_n(bar_y)}" width="{_n(b - a)}" height="14" rx="3" '
                f'fill="{colour}"/>'
            )
        detail = row.detail
        detail_colour = MUTED
        if row.state == "late":
            # A marker after the bar and the word in the detail column: not colour alone.
            out.append(
                f'<circle cx="{_n(b + 9)}" cy="{_n(bar_y + 7)}" r="7" fill="{colour}"/>'
                + _text(
                    b + 9, bar_y + 11, "!", size=11, anchor="middle", fill="#fff", weight="bold"
                )
            )
            detail = f"LATE · {detail}" if detail else "LATE"
            detail_colour = colour
        out.append(
            _text(x1 + 10, y + 16, fit(detail, detail_w - 14, 12), size=12, fill=detail_colour)
        )
        out.append("</g>")
        y += row_h
    if start <= today <= end:
        tx = x(today)
        out.append(
            f'<line x1="{_n(tx)}" y1="{_n(head_h)}" x2="{_n(tx)}" y2="{_n(y + 4)}" '
            f'stroke="{TODAY}" stroke-width="2"/>'
        )
        label = f"today {today:%d %b %Y}"
        lw = text_width(label, 12) + 12
        lx = min(max(tx - lw / 2, 0), width - lw)
        out.append(
            f'<rect x="{_n(lx)}" y="{_n(y + 4)}" width="{_n(lw)}" height="18" rx="9" '
            f'fill="{TODAY}"/>'
            + _text(lx + lw / 2, y + 17, label, anchor="middle", fill="#fff", weight="bold")
        )
    lx, ly = 12.0, height - 12
    for state in ("done", "active", "planned", "late"):
        colour = STATE_COLOURS[state]
        fill = "#e2e8f0" if state == "planned" else colour
        mark, w = _swatch(lx, ly, fill, STATE_LABELS[state], stroke=colour)
        out.append(mark)
        lx += w
    out.append(
        f'<line x1="{_n(lx)}" y1="{_n(ly - 11)}" x2="{_n(lx)}" y2="{_n(ly + 2)}" '
        f'stroke="{TODAY}" stroke-width="2"/>' + _text(lx + 8, ly, "Today", fill=MUTED)
    )
    out.append(
        _text(
            lx + 70,
            ly,
            "Phase bars: the filled part is the progress.",
            fill=FAINT,
        )
    )
    return _svg(width, height, "Timeline of the plan year", out)


# Heat map --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HeatColumn:
    label: str
    group: str
    detail: str = ""  # shown in the tooltip


@dataclass(frozen=True)
class HeatRow:
    label: str
    cells: Sequence[float | None]  # intensity 0..1 where the column covers the row
    need: int = 0  # 0-5
    flag: str = ""  # gap | overlap | ""
    note: str = ""  # shown beside the flag ("3 tools")
    tips: Sequence[str] = field(default_factory=tuple)


def _blend(t: float) -> str:
    """Light to dark blue for t in [0, 1]."""
    lo, hi = (222, 235, 247), (8, 81, 156)
    t = min(max(t, 0.0), 1.0)
    return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(lo, hi, strict=True))


def heatmap(rows: Sequence[HeatRow], columns: Sequence[HeatColumn]) -> str:
    """Capabilities (rows) × tools (columns); cells shaded by reach, gaps and overlaps marked."""
    label_w, need_w, cell, gap_w, flag_w = 220.0, 64.0, 34.0, 12.0, 160.0
    head_h = 170.0
    xs: list[float] = []
    x = label_w + need_w
    groups: list[tuple[str, float, float]] = []
    for i, col in enumerate(columns):
        if i and col.group != columns[i - 1].group:
            x += gap_w
        if not groups or groups[-1][0] != col.group:
            groups.append((col.group, x, x + cell))
        else:
            groups[-1] = (col.group, groups[-1][1], x + cell)
        xs.append(x)
        x += cell
    grid_right = x
    width = max(grid_right + flag_w, 620.0)
    height = head_h + len(rows) * cell + 60
    out: list[str] = []
    # Tool names, slanted, above their column; the category band below them.
    for col, cx in zip(columns, xs, strict=True):
        px, py = cx + cell / 2 + 4, head_h - 30
        out.append(
            f"<g><title>{esc(col.label + (' — ' + col.detail if col.detail else ''))}</title>"
            + _text(
                px,
                py,
                fit(col.label, 150, 12),
                extra=f' transform="rotate(-50 {_n(px)} {_n(py)})"',
            )
            + "</g>"
        )
    for k, (name, a, b) in enumerate(groups):
        # The last group's name may run on over the flag column.
        room = b - a - 4 if k < len(groups) - 1 else b - a + flag_w - 20
        lw = min(text_width(name, 10) + 10, room + 4) if k == len(groups) - 1 else b - a
        tx = a + lw / 2
        out.append(
            f'<g><title>{esc(name)}</title><rect x="{_n(a)}" y="{_n(head_h - 22)}" '
            f'width="{_n(max(lw, b - a))}" height="16" rx="3" fill="#edf2f7"/>'
            + _text(
                tx if lw > b - a else (a + b) / 2,
                head_h - 10,
                fit(name, room, 10),
                size=10,
                anchor="middle",
                fill=MUTED,
                weight="bold",
            )
            + "</g>"
        )
    out.append(_text(label_w - 10, head_h - 10, "Capability", anchor="end", fill=FAINT))
    out.append(
        _text(label_w + need_w / 2, head_h - 10, "Need", anchor="middle", fill=FAINT, size=11)
    )
    y = head_h
    for row in rows:
        if row.flag == "gap":
            out.append(
                f'<rect x="0" y="{_n(y)}" width="{_n(width)}" height="{_n(cell)}" fill="#fff5f5"/>'
            )
        out.append(
            _text(
                label_w - 10,
                y + cell / 2 + 4,
                fit(row.label, label_w - 16, 13),
                size=13,
                anchor="end",
                fill=STATE_COLOURS["late"] if row.flag == "gap" else INK,
                weight="bold" if row.flag == "gap" else "normal",
            )
        )
        for k in range(5):
            filled = k < row.need
            out.append(
                f'<circle cx="{_n(label_w + 10 + k * 11)}" cy="{_n(y + cell / 2)}" r="4" '
                f'fill="{"#2d3748" if filled else "#fff"}" stroke="#a0aec0"/>'
            )
        for i, cx in enumerate(xs):
            value = row.cells[i] if i < len(row.cells) else None
            tip = row.tips[i] if i < len(row.tips) else ""
            fill = "#f7fafc" if value is None else _blend(0.15 + 0.85 * value)
            out.append(
                f'<rect x="{_n(cx + 1)}" y="{_n(y + 1)}" width="{_n(cell - 2)}" '
                f'height="{_n(cell - 2)}" rx="3" fill="{fill}" stroke="{GRID}">'
                + (f"<title>{esc(tip)}</title>" if tip else "")
                + "</rect>"
            )
        fx = grid_right + 12
        if row.flag:
            colour = STATE_COLOURS["late"] if row.flag == "gap" else "#b7791f"
            label = "GAP" if row.flag == "gap" else "OVERLAP"
            w = text_width(label, 10) + 14
            out.append(
                f'<rect x="{_n(fx)}" y="{_n(y + 7)}" width="{_n(w)}" height="16" rx="8" '
                f'fill="{colour}"/>'
                + _text(fx + w / 2, y + 19, label, size=10, anchor="middle", fill="#fff")
                + _text(fx + w + 6, y + 19, fit(row.note, flag_w - w - 18, 11), size=11, fill=MUTED)
            )
        y += cell
    # Legend: the shade scale, then the markers.
    ly = y + 34
    out.append(_text(0, ly, "Users of the tool:", fill=MUTED))
    lx = 120.0
    for k, label in enumerate(("few", "", "", "", "many")):
        out.append(
            f'<rect x="{_n(lx + k * 22)}" y="{_n(ly - 12)}" width="20" height="14" rx="2" '
            f'fill="{_blend(0.15 + 0.85 * k / 4)}"/>'
        )
        if label:
            out.append(
                _text(lx + k * 22 + 10, ly + 16, label, size=10, anchor="middle", fill=FAINT)
            )
    lx += 5 * 22 + 20
    out.append(
        f'<rect x="{_n(lx)}" y="{_n(ly - 12)}" width="20" height="14" rx="2" fill="#f7fafc" '
        f'stroke="{GRID}"/>' + _text(lx + 26, ly, "not provided", fill=MUTED)
    )
    lx += 130
    for k in range(5):
        out.append(
            f'<circle cx="{_n(lx + k * 11)}" cy="{_n(ly - 4)}" r="4" '
            f'fill="{"#2d3748" if k < 3 else "#fff"}" stroke="#a0aec0"/>'
        )
    out.append(_text(lx + 60, ly, "need weight (0-5)", fill=MUTED))
    lx += 60 + text_width("need weight (0-5)", 12) + 24
    for label, colour, text in (
        ("GAP", STATE_COLOURS["late"], "needed, no tool"),
        ("OVERLAP", "#b7791f", "several tools, same category"),
    ):
        w = text_width(label, 10) + 14
        out.append(
            f'<rect x="{_n(lx)}" y="{_n(ly - 12)}" width="{_n(w)}" height="16" rx="8" '
            f'fill="{colour}"/>'
            + _text(lx + w / 2, ly, label, size=10, anchor="middle", fill="#fff")
            + _text(lx + w + 6, ly, text, fill=MUTED)
        )
        lx += w + text_width(text, 12) + 24
    width = max(width, lx)
    return _svg(width, height, "Coverage of capabilities by the tools in use", out)


# Stacked bars ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Series:
    label: str
    colour: str


@dataclass(frozen=True)
class StackRow:
    label: str
    values: Sequence[float]  # one per series
    total: str = ""  # printed after the bar
    tips: Sequence[str] = field(default_factory=tuple)


def stacked_bars(
    rows: Sequence[StackRow],
    series: Sequence[Series],
    *,
    maximum: float = 1.0,
    width: float = 1080,
    label_width: float = 240,
) -> str:
    """One horizontal bar per row, split into the series' parts; a scale and a legend."""
    row_h, head_h, total_w = 28.0, 26.0, 60.0
    x0, x1 = label_width, width - total_w
    scale = (x1 - x0) / maximum if maximum > 0 else 0.0
    legend_rows, lx = 1, x0
    for s in series:
        w = text_width(s.label, 12) + 38
        if lx + w > width:
            legend_rows, lx = legend_rows + 1, x0
        lx += w
    height = head_h + len(rows) * row_h + 20 + legend_rows * 22
    out: list[str] = []
    for k in range(5):
        v = maximum * k / 4
        gx = x0 + v * scale
        out.append(
            f'<line x1="{_n(gx)}" y1="{_n(head_h - 6)}" x2="{_n(gx)}" '
            f'y2="{_n(head_h + len(rows) * row_h)}" stroke="{GRID}"/>'
            + _text(gx, head_h - 10, f"{v:.2f}", size=11, anchor="middle", fill=FAINT)
        )
    y = head_h
    for row in rows:
        out.append(
            _text(
                x0 - 10,
                y + row_h / 2 + 5,
                fit(row.label, label_width - 14, 13),
                size=13,
                anchor="end",
            )
        )
        x = x0
        for i, (value, s) in enumerate(zip(row.values, series, strict=False)):
            w = max(value, 0.0) * scale
            if w <= 0:
                continue
            tip = row.tips[i] if i < len(row.tips) else f"{s.label}: {value:.2f}"
            out.append(
                f'<rect x="{_n(x)}" y="{_n(y + 5)}" width="{_n(w)}" height="{_n(row_h - 10)}" '
                f'fill="{s.colour}" stroke="#fff" stroke-width="1"><title>{esc(tip)}</title>'
                "</rect>"
            )
            x += w
        out.append(_text(x + 6, y + row_h / 2 + 5, row.total, size=12, weight="bold"))
        y += row_h
    lx, ly = x0, y + 30
    for s in series:
        w = text_width(s.label, 12) + 38
        if lx + w > width:
            lx, ly = x0, ly + 22
        mark, _ = _swatch(lx, ly, s.colour, s.label)
        out.append(mark)
        lx += w
    return _svg(width, height, "Candidate scores by criterion", out)


# Horizontal bars (completion) ------------------------------------------------------------------
@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0..1
    text: str
    state: str = "active"  # done | active | late | planned
    tip: str = ""


def bars(rows: Sequence[Bar], *, width: float = 1080, label_width: float = 200) -> str:
    """Completion bars on a 0-100 % scale."""
    row_h, head_h, text_w = 30.0, 24.0, 230.0
    x0, x1 = label_width, width - text_w
    height = head_h + len(rows) * row_h + 36
    out: list[str] = []
    for k in range(5):
        gx = x0 + (x1 - x0) * k / 4
        out.append(
            f'<line x1="{_n(gx)}" y1="{_n(head_h - 6)}" x2="{_n(gx)}" '
            f'y2="{_n(head_h + len(rows) * row_h)}" stroke="{GRID}"/>'
            + _text(gx, head_h - 10, f"{25 * k}%", size=11, anchor="middle", fill=FAINT)
        )
    y = head_h
    for row in rows:
        colour = STATE_COLOURS.get(row.state, STATE_COLOURS["active"])
        value = min(max(row.value, 0.0), 1.0)
        out.append(f"<g><title>{esc(row.tip or row.label)}</title>")
        out.append(
            _text(
                x0 - 10,
                y + row_h / 2 + 5,
                fit(row.label, label_width - 14, 13),
                size=13,
                anchor="end",
            )
        )
        out.append(
            f'<rect x="{_n(x0)}" y="{_n(y + 6)}" width="{_n(x1 - x0)}" height="{_n(row_h - 12)}" '
            f'rx="3" fill="#edf2f7"/>'
            f'<rect x="{_n(x0)}" y="{_n(y + 6)}" width="{_n((x1 - x0) * value)}" '
            f'height="{_n(row_h - 12)}" rx="3" fill="{colour}"/>'
        )
        out.append(
            _text(
                x1 + 10,
                y + row_h / 2 + 5,
                fit(row.text, text_w - 14, 12),
                fill=colour if row.state == "late" else INK,
                weight="bold" if row.state == "late" else "normal",
            )
        )
        out.append("</g>")
        y += row_h
    lx, ly = x0, y + 26
    for state, label in (("done", "Complete"), ("active", "In progress"), ("late", "Late")):
        mark, w = _swatch(lx, ly, STATE_COLOURS[state], label)
        out.append(mark)
        lx += w
    return _svg(width, height, "Training completion per department", out)


# Bullet and sparkline (pilot KPIs) -------------------------------------------------------------
def bullet(
    actual: float | None,
    target: float,
    baseline: float | None = None,
    *,
    width: float = 220,
    height: float = 26,
) -> str:
    """The latest value as a bar against the target (a dark tick) and the baseline (grey)."""

    def finite(value: float | None) -> float | None:
        return value if value is not None and math.isfinite(value) else None

    actual, goal, baseline = finite(actual), finite(target), finite(baseline)
    values = [v for v in (actual, goal, baseline) if v is not None]
    top = max([*values, 0.0]) * 1.15 or 1.0
    scale = (width - 4) / top
    out = [
        f'<rect x="2" y="{_n(height / 2 - 6)}" width="{_n(width - 4)}" height="12" '
        f'rx="2" fill="#edf2f7"/>'
    ]
    if actual is not None:
        met = goal is not None and actual >= goal
        colour = STATE_COLOURS["done"] if met else "#d69e2e"
        out.append(
            f'<rect x="2" y="{_n(height / 2 - 6)}" width="{_n(max(actual, 0.0) * scale)}" '
            f'height="12" rx="2" fill="{colour}"/>'
        )
    if baseline is not None:
        bx = 2 + max(baseline, 0.0) * scale
        out.append(
            f'<line x1="{_n(bx)}" y1="{_n(height / 2 - 9)}" x2="{_n(bx)}" '
            f'y2="{_n(height / 2 + 9)}" stroke="{FAINT}" stroke-width="2" '
            f'stroke-dasharray="3 2"/>'
        )
    if goal is not None:
        tx = 2 + max(goal, 0.0) * scale
        out.append(
            f'<line x1="{_n(tx)}" y1="{_n(2)}" x2="{_n(tx)}" y2="{_n(height - 2)}" '
            f'stroke="{INK}" stroke-width="3"/>'
        )
    label = "target " + ("—" if goal is None else f"{goal:g}")
    if actual is not None:
        label = f"{actual:g} against {label}"
    if baseline is not None:
        label += f", baseline {baseline:g}"
    return _svg(width, height, label, out)


def sparkline(
    values: Sequence[float], target: float | None = None, *, width: float = 120, height: float = 30
) -> str:
    """The trend of a series of measurements, the target as a dashed line."""
    finite = [v for v in values if math.isfinite(v)]
    span_values = [*finite, *([target] if target is not None and math.isfinite(target) else [])]
    lo, hi = (min(span_values), max(span_values)) if span_values else (0.0, 1.0)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pad = 4.0

    def y(v: float) -> float:
        return height - pad - (v - lo) / (hi - lo) * (height - 2 * pad)

    step = (width - 2 * pad) / max(len(finite) - 1, 1)
    points = [(pad + i * step, y(v)) for i, v in enumerate(finite)]
    out: list[str] = []
    if target is not None and math.isfinite(target):
        out.append(
            f'<line x1="0" y1="{_n(y(target))}" x2="{_n(width)}" y2="{_n(y(target))}" '
            f'stroke="{FAINT}" stroke-dasharray="3 2"/>'
        )
    if points:
        out.append(
            '<polyline fill="none" stroke="#2b6cb0" stroke-width="2" points="'
            + " ".join(f"{_n(px)},{_n(py)}" for px, py in points)
            + '"/>'
        )
        px, py = points[-1]
        out.append(f'<circle cx="{_n(px)}" cy="{_n(py)}" r="3" fill="#2b6cb0"/>')
    label = "trend: " + ", ".join(f"{v:g}" for v in finite)
    return _svg(width, height, label, out)


# Risk matrix -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RiskMark:
    number: int
    likelihood: int  # 0 low, 1 medium, 2 high
    impact: int
    open: bool
    title: str


_LEVELS = ("Low", "Medium", "High")
_HEAT = {0: "#e6f4ea", 1: "#e6f4ea", 2: "#fff4cc", 3: "#fde3c8", 4: "#f9d3d3"}


def risk_matrix(marks: Sequence[RiskMark], *, cell_w: float = 150, cell_h: float = 96) -> str:
    """Likelihood (across) × impact (up), each risk a numbered dot in its cell."""
    left, top = 92.0, 10.0
    width = left + 3 * cell_w + 10
    height = top + 3 * cell_h + 64
    out: list[str] = []
    for li in range(3):
        for im in range(3):
            cx, cy = left + li * cell_w, top + (2 - im) * cell_h
            out.append(
                f'<rect x="{_n(cx)}" y="{_n(cy)}" width="{_n(cell_w)}" height="{_n(cell_h)}" '
                f'fill="{_HEAT[li + im]}" stroke="#fff" stroke-width="3"/>'
            )
    for k, name in enumerate(_LEVELS):
        out.append(
            _text(
                left + (k + 0.5) * cell_w, top + 3 * cell_h + 18, name, anchor="middle", fill=MUTED
            )
        )
        out.append(_text(left - 8, top + (2.5 - k) * cell_h + 4, name, anchor="end", fill=MUTED))
    out.append(
        _text(
            left + 1.5 * cell_w,
            top + 3 * cell_h + 38,
            "Likelihood →",
            anchor="middle",
            weight="bold",
            fill=INK,
        )
    )
    ay = top + 1.5 * cell_h
    out.append(
        _text(
            16,
            ay,
            "Impact →",
            anchor="middle",
            weight="bold",
            fill=INK,
            extra=f' transform="rotate(-90 16 {_n(ay)})"',
        )
    )
    cells: dict[tuple[int, int], list[RiskMark]] = {}
    for mark in marks:
        cells.setdefault((mark.likelihood, mark.impact), []).append(mark)
    per_row = max(int((cell_w - 8) // 30), 1)
    capacity = per_row * max(int((cell_h - 8) // 30), 1)
    for (li, im), group in cells.items():
        cx, cy = left + li * cell_w, top + (2 - im) * cell_h
        shown = group if len(group) <= capacity else group[: capacity - 1]
        for k, mark in enumerate(shown):
            px = cx + 20 + (k % per_row) * 30
            py = cy + 22 + (k // per_row) * 30
            fill, ink, stroke = (
                ("#2d3748", "#fff", "#2d3748") if mark.open else ("#fff", FAINT, "#a0aec0")
            )
            out.append(
                f"<g><title>{esc(f'{mark.number}. {mark.title}')}</title>"
                f'<circle cx="{_n(px)}" cy="{_n(py)}" r="12" fill="{fill}" stroke="{stroke}" '
                f'stroke-width="1.5"/>'
                + _text(
                    px, py + 4, str(mark.number), size=11, anchor="middle", fill=ink, weight="bold"
                )
                + "</g>"
            )
        if len(shown) < len(group):
            k = len(shown)
            rest = group[k:]
            out.append(
                "<g><title>"
                + esc("; ".join(f"{m.number}. {m.title}" for m in rest))
                + "</title>"
                + _text(
                    cx + 20 + (k % per_row) * 30,
                    cy + 26 + (k // per_row) * 30,
                    f"+{len(rest)}",
                    size=12,
                    anchor="middle",
                    weight="bold",
                )
                + "</g>"
            )
    ly = height - 4
    out.append(
        f'<circle cx="{_n(left + 6)}" cy="{_n(ly - 4)}" r="6" fill="#2d3748"/>'
        + _text(left + 18, ly, "open", fill=MUTED)
        + f'<circle cx="{_n(left + 76)}" cy="{_n(ly - 4)}" r="6" fill="#fff" stroke="#a0aec0"/>'
        + _text(left + 88, ly, "mitigated, accepted or closed", fill=MUTED)
    )
    return _svg(width, height, "Risk register: likelihood by impact", out)
