"""The Jinja2 side of the report: the template environment, rendering and writing the page.

The template is ``planner/adapters/render/templates/report.html.j2``, loaded with a
:class:`~jinja2.PackageLoader` so that it is found in a checkout and in an installed wheel
alike. The environment autoescapes, and its ``finalize`` hook makes control characters
visible in every value it prints; only SVG markup (a :class:`markupsafe.Markup`) passes as is.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from planner.adapters.store.db import Workspace
from planner.domain.catalog import Catalog
from planner.domain.text import visible
from planner.domain.words import counted
from planner.services.report_html.view import report_view


def _finalize(value: Any) -> Any:
    """Every value printed by the template: control characters made visible (markup from
    the SVG module is already safe and passes as is)."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return visible(value, multiline=True)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The template's environment; ``counted`` words a count as everywhere else
    (``{{ n|counted("change") }}``: "1 change", "2 changes")."""
    env = Environment(
        loader=PackageLoader("planner.adapters.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["counted"] = counted
    return env


def render_html(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    today: dt.date,
    since: Path | None = None,
) -> str:
    """The review pack: one HTML page, deterministic for the same data and day."""
    page = report_view(ws, catalog, plan, today, since)
    return environment().get_template("report.html.j2").render(page.context())


def write_report(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    today: dt.date,
    path: Path,
    since: Path | None = None,
) -> Path:
    """Write the HTML report to ``path`` atomically; returns the path."""
    from planner.adapters.files import write_atomic

    write_atomic(path, render_html(ws, catalog, plan, today, since))
    return path
