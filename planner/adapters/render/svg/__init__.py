"""Small SVG charts for the HTML report: Gantt, heat map, stacked bars, bars, bullet,
sparkline and risk matrix.

Pure functions from plain values to SVG markup (standard library only; no scripts, no
external references), meant to be inlined in an HTML page. Every text that comes from data
— in ``<text>``, ``<title>`` and attributes alike — goes through :func:`esc`: control
characters made visible, then ``& < > " '`` escaped. Numbers are formatted here; callers
never pass markup. Colours are light tints and saturated strokes that print well.

This package exists to keep each chart family in a module of its own size:
:mod:`~planner.adapters.render.svg.common` (colours, escaping, numbers, text),
:mod:`~planner.adapters.render.svg.timeline` (the Gantt), :mod:`~planner.adapters.render.svg.matrix`
(coverage heat map, risk matrix) and :mod:`~planner.adapters.render.svg.bar_charts` (stacked and
completion bars, bullet, sparkline). Import the charts from here.
"""

from __future__ import annotations

from planner.adapters.render.svg.bar_charts import (
    Bar,
    Series,
    StackRow,
    bars,
    bullet,
    sparkline,
    stacked_bars,
)
from planner.adapters.render.svg.common import (
    BAND,
    FAINT,
    GRID,
    INK,
    MUTED,
    STATE_COLOURS,
    STATE_LABELS,
    TODAY,
    esc,
    fit,
    text_width,
)
from planner.adapters.render.svg.matrix import HeatColumn, HeatRow, RiskMark, heatmap, risk_matrix
from planner.adapters.render.svg.timeline import GanttRow, gantt

__all__ = [
    "BAND",
    "FAINT",
    "GRID",
    "INK",
    "MUTED",
    "STATE_COLOURS",
    "STATE_LABELS",
    "TODAY",
    "Bar",
    "GanttRow",
    "HeatColumn",
    "HeatRow",
    "RiskMark",
    "Series",
    "StackRow",
    "bars",
    "bullet",
    "esc",
    "fit",
    "gantt",
    "heatmap",
    "risk_matrix",
    "sparkline",
    "stacked_bars",
    "text_width",
]
