"""The pilot view's KPI table on screen 4: target, baseline, latest value and trend.

Why its own module: screen 4 explains both candidates and pilots; the pilot side is built
here so the decision form can show the same table. The trend is Textual's sparkline
renderable (the one its ``Sparkline`` widget draws), one per KPI inside a Rich table row.
"""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.renderables.sparkline import Sparkline

from planner.domain.pilots import Pilot
from planner.domain.text import visible


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def kpi_table(pilot: Pilot, title: bool = True) -> Table:
    """One row per KPI: target, baseline, latest, the trend and whether the target is met."""
    table = Table(
        title=Text(visible(pilot.title)) if title else None,
        title_justify="left",
        expand=True,
        box=box.SIMPLE,
    )
    for column in ("KPI", "target", "baseline", "latest", "trend", ""):
        table.add_column(column, no_wrap=column in ("KPI", "trend"))
    for t in pilot.trends():
        trend: RenderableType = (
            Sparkline(list(t.values), width=min(12, max(2, len(t.values))))
            if len(t.values) > 1
            else Text(_number(t.latest) if t.values else "—", style="dim")
        )
        table.add_row(
            t.kpi,
            f"{t.target:g}",
            _number(t.baseline),
            _number(t.latest),
            trend,
            Text(
                "—" if t.met is None else ("met" if t.met else "below target"),
                style="green" if t.met else "red" if t.met is False else "",
            ),
        )
    sources = sorted({m.source for m in pilot.measurements if m.source})
    if sources:
        names = ", ".join(sources) if len(sources) < 3 else f"{len(sources)} activity reports"
        table.caption = Text(visible(f"measured from {names}"), style="dim")
    return table
