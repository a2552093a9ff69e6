"""The report's SVG charts: escaped text, sane numbers on edge cases, legends."""

from __future__ import annotations

import datetime as dt
import math
import re

from planner.adapters.render import svg

START = dt.date(2026, 11, 2)


def test_esc_escapes_markup_quotes_and_control_characters() -> None:
    assert svg.esc('<a href="x">\'&\x1b[2J\u202e') == (
        "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;\\x1b[2J\\u202e"
    )
    assert svg.fit("<script>" * 10, 60, 12).startswith("<scr")  # shortened before escaping
    assert svg.fit("short", 200, 12) == "short"


def test_gantt_has_the_year_on_the_month_scale_today_late_marks_and_a_legend() -> None:
    rows = [
        svg.GanttRow("Phases", "Discover", START, dt.date(2026, 12, 2), "active", "58%", 0.58),
        svg.GanttRow("Training", "<b>Sales</b>", START, dt.date(2026, 11, 20), "late", "20/90"),
        svg.GanttRow("Features", "CRM", dt.date(2027, 2, 2), dt.date(2027, 3, 1), "planned"),
    ]
    chart = svg.gantt(rows, START, dt.date(2026, 11, 23))
    assert ">2026</text>" in chart and ">2027</text>" in chart
    assert ">Nov</text>" in chart and ">Oct</text>" in chart
    assert "today 23 Nov 2026" in chart and "LATE · 20/90" in chart
    assert "&lt;b&gt;Sales&lt;/b&gt;" in chart and "<b>" not in chart
    for legend in ("Done", "Under way", "Planned", "Late", "Today"):
        assert f">{legend}</text>" in chart
    # Outside the plan year no today line is drawn.
    assert "today" not in svg.gantt(rows, START, dt.date(2030, 1, 1))


def test_numbers_stay_finite_on_edge_cases() -> None:
    charts = [
        svg.sparkline([3.0, 3.0, 3.0]),
        svg.sparkline([1.0, math.nan, 2.0], target=math.inf),
        svg.bullet(None, 0.0),
        svg.bullet(math.nan, 5.0, baseline=-2.0),
        svg.stacked_bars([svg.StackRow("x", [0.0, 0.0])], [svg.Series("a", "#000")] * 2),
        svg.bars([svg.Bar("x", 3.0, "300%")]),
        svg.heatmap([svg.HeatRow("cap", [None])], [svg.HeatColumn("tool", "group")]),
    ]
    for chart in charts:
        numbers = re.findall(r'="(-?[\d.]+(?:e[-+]?\d+)?)"', chart)
        assert numbers and all(math.isfinite(float(n)) for n in numbers)
        assert "nan" not in chart.lower() and "inf" not in chart.lower()


def test_risk_matrix_numbers_every_risk_and_folds_a_crowded_cell() -> None:
    marks = [svg.RiskMark(n, 2, 2, n % 2 == 0, f"risk <{n}>") for n in range(1, 16)]
    chart = svg.risk_matrix(marks)
    shown = re.findall(r'font-weight="bold">(\d+)</text>', chart)
    assert shown == [str(n) for n in range(1, len(shown) + 1)]
    assert len(shown) < 15 and f">+{15 - len(shown)}</text>" in chart
    assert "risk &lt;15&gt;" in chart  # the folded ones are named in a tooltip
    assert ">Likelihood →</text>" in chart and ">Impact →</text>" in chart
