"""Bar charts and the sparkline: candidate scores, training completion and pilot KPIs.

Horizontal bars on a linear scale (stacked by criterion, or one completion bar per
department), the bullet that sets a KPI's latest value against its target and baseline,
and the sparkline of its measurements. Named ``bar_charts`` rather than ``bars`` so the
module does not share its name with the :func:`bars` chart the package re-exports.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from planner.adapters.render.svg.common import (
    FAINT,
    GRID,
    INK,
    STATE_COLOURS,
    esc,
    figure,
    fit,
    num,
    swatch,
    text_at,
    text_width,
)


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
            f'<line x1="{num(gx)}" y1="{num(head_h - 6)}" x2="{num(gx)}" '
            f'y2="{num(head_h + len(rows) * row_h)}" stroke="{GRID}"/>'
            + text_at(gx, head_h - 10, f"{v:.2f}", size=11, anchor="middle", fill=FAINT)
        )
    y = head_h
    for row in rows:
        out.append(
            text_at(
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
                f'<rect x="{num(x)}" y="{num(y + 5)}" width="{num(w)}" height="{num(row_h - 10)}" '
                f'fill="{s.colour}" stroke="#fff" stroke-width="1"><title>{esc(tip)}</title>'
                "</rect>"
            )
            x += w
        out.append(text_at(x + 6, y + row_h / 2 + 5, row.total, size=12, weight="bold"))
        y += row_h
    lx, ly = x0, y + 30
    for s in series:
        w = text_width(s.label, 12) + 38
        if lx + w > width:
            lx, ly = x0, ly + 22
        mark, _ = swatch(lx, ly, s.colour, s.label)
        out.append(mark)
        lx += w
    return figure(width, height, "Candidate scores by criterion", out)


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
            f'<line x1="{num(gx)}" y1="{num(head_h - 6)}" x2="{num(gx)}" '
            f'y2="{num(head_h + len(rows) * row_h)}" stroke="{GRID}"/>'
            + text_at(gx, head_h - 10, f"{25 * k}%", size=11, anchor="middle", fill=FAINT)
        )
    y = head_h
    for row in rows:
        colour = STATE_COLOURS.get(row.state, STATE_COLOURS["active"])
        value = min(max(row.value, 0.0), 1.0)
        out.append(f"<g><title>{esc(row.tip or row.label)}</title>")
        out.append(
            text_at(
                x0 - 10,
                y + row_h / 2 + 5,
                fit(row.label, label_width - 14, 13),
                size=13,
                anchor="end",
            )
        )
        out.append(
            f'<rect x="{num(x0)}" y="{num(y + 6)}" width="{num(x1 - x0)}" '
            f'height="{num(row_h - 12)}" rx="3" fill="#edf2f7"/>'
            f'<rect x="{num(x0)}" y="{num(y + 6)}" width="{num((x1 - x0) * value)}" '
            f'height="{num(row_h - 12)}" rx="3" fill="{colour}"/>'
        )
        out.append(
            text_at(
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
        mark, w = swatch(lx, ly, STATE_COLOURS[state], label)
        out.append(mark)
        lx += w
    return figure(width, height, "Training completion per department", out)


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
        f'<rect x="2" y="{num(height / 2 - 6)}" width="{num(width - 4)}" height="12" '
        f'rx="2" fill="#edf2f7"/>'
    ]
    if actual is not None:
        met = goal is not None and actual >= goal
        colour = STATE_COLOURS["done"] if met else "#d69e2e"
        out.append(
            f'<rect x="2" y="{num(height / 2 - 6)}" width="{num(max(actual, 0.0) * scale)}" '
            f'height="12" rx="2" fill="{colour}"/>'
        )
    if baseline is not None:
        bx = 2 + max(baseline, 0.0) * scale
        out.append(
            f'<line x1="{num(bx)}" y1="{num(height / 2 - 9)}" x2="{num(bx)}" '
            f'y2="{num(height / 2 + 9)}" stroke="{FAINT}" stroke-width="2" '
            f'stroke-dasharray="3 2"/>'
        )
    if goal is not None:
        tx = 2 + max(goal, 0.0) * scale
        out.append(
            f'<line x1="{num(tx)}" y1="{num(2)}" x2="{num(tx)}" y2="{num(height - 2)}" '
            f'stroke="{INK}" stroke-width="3"/>'
        )
    label = "target " + ("—" if goal is None else f"{goal:g}")
    if actual is not None:
        label = f"{actual:g} against {label}"
    if baseline is not None:
        label += f", baseline {baseline:g}"
    return figure(width, height, label, out)


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
            f'<line x1="0" y1="{num(y(target))}" x2="{num(width)}" y2="{num(y(target))}" '
            f'stroke="{FAINT}" stroke-dasharray="3 2"/>'
        )
    if points:
        out.append(
            '<polyline fill="none" stroke="#2b6cb0" stroke-width="2" points="'
            + " ".join(f"{num(px)},{num(py)}" for px, py in points)
            + '"/>'
        )
        px, py = points[-1]
        out.append(f'<circle cx="{num(px)}" cy="{num(py)}" r="3" fill="#2b6cb0"/>')
    label = "trend: " + ", ".join(f"{v:g}" for v in finite)
    return figure(width, height, label, out)
