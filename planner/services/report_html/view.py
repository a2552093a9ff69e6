"""The whole page's view-model: every section gathered from the services for one plan and day.

:func:`report_view` is the one place that calls the services; the section builders in
:mod:`~planner.services.report_html.schedule`, :mod:`~planner.services.report_html.tools` and
:mod:`~planner.services.report_html.adoption` only shape what it hands them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from planner.adapters.store.db import Workspace
from planner.domain import inventory as inv
from planner.domain.catalog import Catalog
from planner.domain.plan import ToolStatus
from planner.domain.roadmap import add_months
from planner.errors import InputError
from planner.services.adoption import adoption
from planner.services.inventory import inventory_report
from planner.services.pilots import list_pilots, rank_candidates
from planner.services.plans import overview
from planner.services.privacy import record_view
from planner.services.report_html.adoption import (
    adoption_view,
    pilots_view,
    risks_view,
    training_view,
)
from planner.services.report_html.schedule import (
    changes_view,
    features_view,
    roadmap_view,
    timeline_view,
)
from planner.services.report_html.tools import candidate_lists_view, coverage_view
from planner.services.review import changes_since
from planner.services.rollout import rollout, timeline


def report_view(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    today: dt.date,
    since: Path | None = None,
) -> dict[str, Any]:
    """Everything the page shows, as plain values and SVG markup."""
    view = overview(ws, plan, today)
    name = view.plan.name
    report = inventory_report(ws, catalog, name, today)
    ranking = rank_candidates(ws, catalog, name, today)
    pilots = list_pilots(ws, name)
    data = rollout(ws, name)
    start, rows = timeline(ws, name, today)
    changes = None
    if since is not None:
        path, found = changes_since(ws, catalog, name, today, since)
        if found is None:
            raise InputError(f"{since}: no such plan file to compare with (--since)")
        changes = changes_view(path, found)
    coverage = coverage_view(report, catalog)
    risks = risks_view(report.risks)
    training = training_view(data.trainings, data.champions, today)
    training["adoption"] = adoption_view(adoption(ws, name, today))
    in_use = inv.in_use(report.tools)
    shadow = sum(t.users for t in in_use if t.status is ToolStatus.UNOFFICIAL)
    running = sum(p.status.value == "running" for p in pilots)
    decided = sum(p.decision is not None for p in pilots)
    glance = [
        {"value": str(len(in_use)), "label": "tools in use", "tone": "info"},
        {"value": str(shadow), "label": "users on unofficial tools", "tone": "warn"},
        {"value": str(len(report.gaps)), "label": "capability gaps", "tone": "bad"},
        {"value": f"{running} / {decided}", "label": "pilots running / decided", "tone": "info"},
        {"value": training["overall"], "label": "people trained", "tone": "good"},
        {"value": str(risks["open_high"]), "label": "open high risks", "tone": "bad"},
    ]
    return {
        "title": f"Social software plan: {name}",
        "plan": {
            "name": name,
            "organisation": view.plan.organisation or "—",
            "owner": view.plan.owner or "—",
            "start": view.plan.start.isoformat(),
            "end": add_months(view.plan.start, 12).isoformat(),
        },
        "today": today.isoformat(),
        "today_long": f"{today:%d %B %Y}",
        "glance": glance,
        "roadmap": roadmap_view(view, today),
        "timeline": timeline_view(start, rows, view, today),
        "features": features_view(data.features, today),
        "changes": changes,
        "coverage": coverage,
        "candidate_lists": candidate_lists_view(ranking, catalog),
        "pilots": pilots_view(pilots, catalog),
        "training": training,
        "risks": risks,
        "privacy": record_view(ws, name),  # phase 1's first step (issue 18)
    }
