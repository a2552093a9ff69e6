"""Grid charts, the coverage heat map (capabilities × tools) and the risk matrix (likelihood ×
impact): data in the cells of a fixed grid, shaded, and what needs attention (a gap, an
overlap, an open risk) marked with more than colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from planner.adapters.render.svg.common import (
    FAINT,
    GRID,
    INK,
    MUTED,
    STATE_COLOURS,
    esc,
    figure,
    fit,
    num,
    text_at,
    text_width,
)


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
            + text_at(
                px,
                py,
                fit(col.label, 150, 12),
                extra=f' transform="rotate(-50 {num(px)} {num(py)})"',
            )
            + "</g>"
        )
    for k, (name, a, b) in enumerate(groups):
        # The last group's name may run on over the flag column.
        room = b - a - 4 if k < len(groups) - 1 else b - a + flag_w - 20
        lw = min(text_width(name, 10) + 10, room + 4) if k == len(groups) - 1 else b - a
        tx = a + lw / 2
        out.append(
            f'<g><title>{esc(name)}</title><rect x="{num(a)}" y="{num(head_h - 22)}" '
            f'width="{num(max(lw, b - a))}" height="16" rx="3" fill="#edf2f7"/>'
            + text_at(
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
    out.append(text_at(label_w - 10, head_h - 10, "Capability", anchor="end", fill=FAINT))
    out.append(
        text_at(label_w + need_w / 2, head_h - 10, "Need", anchor="middle", fill=FAINT, size=11)
    )
    y = head_h
    for row in rows:
        if row.flag == "gap":
            out.append(
                f'<rect x="0" y="{num(y)}" width="{num(width)}" height="{num(cell)}" '
                'fill="#fff5f5"/>'
            )
        out.append(
            text_at(
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
                f'<circle cx="{num(label_w + 10 + k * 11)}" cy="{num(y + cell / 2)}" r="4" '
                f'fill="{"#2d3748" if filled else "#fff"}" stroke="#a0aec0"/>'
            )
        for i, cx in enumerate(xs):
            value = row.cells[i] if i < len(row.cells) else None
            tip = row.tips[i] if i < len(row.tips) else ""
            fill = "#f7fafc" if value is None else _blend(0.15 + 0.85 * value)
            out.append(
                f'<rect x="{num(cx + 1)}" y="{num(y + 1)}" width="{num(cell - 2)}" '
                f'height="{num(cell - 2)}" rx="3" fill="{fill}" stroke="{GRID}">'
                + (f"<title>{esc(tip)}</title>" if tip else "")
                + "</rect>"
            )
        fx = grid_right + 12
        if row.flag:
            colour = STATE_COLOURS["late"] if row.flag == "gap" else "#b7791f"
            label = "GAP" if row.flag == "gap" else "OVERLAP"
            w = text_width(label, 10) + 14
            out.append(
                f'<rect x="{num(fx)}" y="{num(y + 7)}" width="{num(w)}" height="16" rx="8" '
                f'fill="{colour}"/>'
                + text_at(fx + w / 2, y + 19, label, size=10, anchor="middle", fill="#fff")
                + text_at(
                    fx + w + 6, y + 19, fit(row.note, flag_w - w - 18, 11), size=11, fill=MUTED
                )
            )
        y += cell
    # Legend: the shade scale, then the markers.
    ly = y + 34
    out.append(text_at(0, ly, "Users of the tool:", fill=MUTED))
    lx = 120.0
    for k, label in enumerate(("few", "", "", "", "many")):
        out.append(
            f'<rect x="{num(lx + k * 22)}" y="{num(ly - 12)}" width="20" height="14" rx="2" '
            f'fill="{_blend(0.15 + 0.85 * k / 4)}"/>'
        )
        if label:
            out.append(
                text_at(lx + k * 22 + 10, ly + 16, label, size=10, anchor="middle", fill=FAINT)
            )
    lx += 5 * 22 + 20
    out.append(
        f'<rect x="{num(lx)}" y="{num(ly - 12)}" width="20" height="14" rx="2" fill="#f7fafc" '
        f'stroke="{GRID}"/>' + text_at(lx + 26, ly, "not provided", fill=MUTED)
    )
    lx += 130
    for k in range(5):
        out.append(
            f'<circle cx="{num(lx + k * 11)}" cy="{num(ly - 4)}" r="4" '
            f'fill="{"#2d3748" if k < 3 else "#fff"}" stroke="#a0aec0"/>'
        )
    out.append(text_at(lx + 60, ly, "need weight (0-5)", fill=MUTED))
    lx += 60 + text_width("need weight (0-5)", 12) + 24
    for label, colour, text in (
        ("GAP", STATE_COLOURS["late"], "needed, no tool"),
        ("OVERLAP", "#b7791f", "several tools, same category"),
    ):
        w = text_width(label, 10) + 14
        out.append(
            f'<rect x="{num(lx)}" y="{num(ly - 12)}" width="{num(w)}" height="16" rx="8" '
            f'fill="{colour}"/>'
            + text_at(lx + w / 2, ly, label, size=10, anchor="middle", fill="#fff")
            + text_at(lx + w + 6, ly, text, fill=MUTED)
        )
        lx += w + text_width(text, 12) + 24
    width = max(width, lx)
    return figure(width, height, "Coverage of capabilities by the tools in use", out)


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
                f'<rect x="{num(cx)}" y="{num(cy)}" width="{num(cell_w)}" height="{num(cell_h)}" '
                f'fill="{_HEAT[li + im]}" stroke="#fff" stroke-width="3"/>'
            )
    for k, name in enumerate(_LEVELS):
        out.append(
            text_at(
                left + (k + 0.5) * cell_w, top + 3 * cell_h + 18, name, anchor="middle", fill=MUTED
            )
        )
        out.append(text_at(left - 8, top + (2.5 - k) * cell_h + 4, name, anchor="end", fill=MUTED))
    out.append(
        text_at(
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
        text_at(
            16,
            ay,
            "Impact →",
            anchor="middle",
            weight="bold",
            fill=INK,
            extra=f' transform="rotate(-90 16 {num(ay)})"',
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
                f'<circle cx="{num(px)}" cy="{num(py)}" r="12" fill="{fill}" stroke="{stroke}" '
                f'stroke-width="1.5"/>'
                + text_at(
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
                + text_at(
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
        f'<circle cx="{num(left + 6)}" cy="{num(ly - 4)}" r="6" fill="#2d3748"/>'
        + text_at(left + 18, ly, "open", fill=MUTED)
        + f'<circle cx="{num(left + 76)}" cy="{num(ly - 4)}" r="6" fill="#fff" stroke="#a0aec0"/>'
        + text_at(left + 88, ly, "mitigated, accepted or closed", fill=MUTED)
    )
    return figure(width, height, "Risk register: likelihood by impact", out)
