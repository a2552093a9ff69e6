"""The review pack as one self-contained HTML page with SVG charts.

:func:`report_view` shapes what :func:`planner.services.report_data.gather_report`
gathered — the same typed values the Markdown report words — into the page's view-model
(strings, numbers, and the charts as SVG markup from :mod:`planner.adapters.render.svg`);
:func:`render_html` fills the Jinja2 template shipped in ``planner/adapters/render/templates``.
No script, stylesheet, font or image is referenced: the CSS is in
the page and the charts are inline SVG, so the file can be mailed, opened offline and
printed to PDF.

Escaping: the template environment autoescapes, and its ``finalize`` hook makes control
characters visible in every value it prints; the SVG module escapes the text it draws
itself. Only the SVG markup (a :class:`markupsafe.Markup`) is printed as is.

The package exists to keep each part of that at a readable size:
:mod:`~planner.services.report_html.schedule`, :mod:`~planner.services.report_html.tools`
and :mod:`~planner.services.report_html.adoption` build the sections,
:mod:`~planner.services.report_html.view` puts them together, and
:mod:`~planner.services.report_html.render` holds the Jinja2 environment. Import from here.
"""

from __future__ import annotations

from planner.services.report_html.adoption import kpi_rows
from planner.services.report_html.render import environment, render_html, write_report
from planner.services.report_html.schedule import GROUPS, MAX_CHANGES
from planner.services.report_html.tools import CRITERIA, MAX_CANDIDATES, MAX_TOOL_COLUMNS
from planner.services.report_html.view import report_view

__all__ = [
    "CRITERIA",
    "GROUPS",
    "MAX_CANDIDATES",
    "MAX_CHANGES",
    "MAX_TOOL_COLUMNS",
    "environment",
    "kpi_rows",
    "render_html",
    "report_view",
    "write_report",
]
