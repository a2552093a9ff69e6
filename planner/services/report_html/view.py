"""The whole page's view-model: every section shaped for the template, for one plan and day.

What the page shows is gathered once by :func:`planner.services.report_data.gather_report`
(the Markdown report reads the same values); :func:`page_view` shapes it with the section
builders of :mod:`~planner.services.report_html.schedule`,
:mod:`~planner.services.report_html.tools` and :mod:`~planner.services.report_html.adoption`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from planner.adapters.store.db import Workspace
from planner.domain import inventory as inv
from planner.domain.catalog import Catalog
from planner.domain.plan import ToolStatus
from planner.domain.privacy import purge_lines
from planner.domain.roadmap import add_months
from planner.errors import InputError
from planner.services.report_data import ReportData, gather_report
from planner.services.report_html.adoption import (
    adoption_view,
    pilots_view,
    risks_view,
    training_view,
)
from planner.services.report_html.model import (
    ChangesView,
    ComparisonRow,
    Glance,
    Page,
    PlanHeader,
    PrivacyView,
    SummaryView,
)
from planner.services.report_html.schedule import (
    changes_view,
    features_view,
    roadmap_view,
    timeline_view,
)
from planner.services.report_html.tools import candidate_lists_view, coverage_view


def report_view(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    today: dt.date,
    since: Path | None = None,
) -> Page:
    """Everything the page shows, as plain values and SVG markup; ``since``: a plan file
    whose differences from the plan the page lists."""
    data = gather_report(ws, catalog, plan, today)
    changes = None
    if since is not None:
        # The comparison reads the plan file and the plan's document (the repositories):
        # imported only when asked, so the report alone reads through Core.
        from planner.services.review import changes_since

        path, found = changes_since(ws, catalog, data.name, today, since)
        if found is None:
            raise InputError(f"{since}: no such plan file to compare with (--since)")
        changes = changes_view(path, found)
    return page_view(data, catalog, changes)


def page_view(data: ReportData, catalog: Catalog, changes: ChangesView | None = None) -> Page:
    """The template's context for the gathered report (``changes``: ``changes_view``)."""
    view, today, name = data.overview, data.today, data.name
    report, pilots = data.inventory, data.pilots
    coverage = coverage_view(report, catalog)
    risks = risks_view(report.risks)
    training = replace(
        training_view(data.rollout.trainings, data.rollout.champions, today),
        adoption=adoption_view(data.adoption),
    )
    in_use = inv.in_use(report.tools)
    shadow = sum(t.users for t in in_use if t.status is ToolStatus.UNOFFICIAL)
    running = sum(p.status.value == "running" for p in pilots)
    decided = sum(p.decision is not None for p in pilots)
    glance = [
        Glance(str(len(in_use)), "tools in use", "info"),
        Glance(str(shadow), "users on unofficial tools", "warn"),
        Glance(str(len(report.gaps)), "capability gaps", "bad"),
        Glance(f"{running} / {decided}", "pilots running / decided", "info"),
        Glance(training.overall, "people trained", "good"),
        Glance(str(risks.open_high), "open high risks", "bad"),
    ]
    return Page(
        title=f"Social software plan: {name}",
        plan=PlanHeader(
            name=name,
            organisation=view.plan.organisation or "—",
            owner=view.plan.owner or "—",
            start=view.plan.start.isoformat(),
            end=add_months(view.plan.start, 12).isoformat(),
        ),
        today=today.isoformat(),
        today_long=f"{today:%d %B %Y}",
        glance=glance,
        summary=_summary_view(data),
        comparison=[
            ComparisonRow(
                c.name,
                c.score,
                c.capabilities,
                c.residency,
                c.certifications,
                c.suite_fit,
                c.cost,
                c.cost.startswith("unknown"),
            )
            for c in data.comparison
        ],
        roadmap=roadmap_view(view, today),
        timeline=timeline_view(view.plan.start, data.timeline, view, today),
        features=features_view(data.rollout.features, today),
        changes=changes,
        coverage=coverage,
        candidate_lists=candidate_lists_view(data.ranking, catalog),
        pilots=pilots_view(pilots, catalog),
        training=training,
        risks=risks,
        privacy=PrivacyView(  # phase 1's first step
            rows=data.record.rows(),
            missing=data.record.missing,
            purges=purge_lines(data.record.purges),
        ),
    )


def _summary_view(data: ReportData) -> SummaryView:
    from planner.domain.contracts import totals_text

    sm = data.summary
    return SummaryView(
        decisions=sm.decisions,
        spend_now=sm.spend_now_text,
        spend_after=sm.spend_after_text,
        saving=totals_text(sm.saving) if sm.saving else "—",
        dates=[(d.day.isoformat(), d.what, d.kind) for d in sm.dates],
        risks=sm.risks,
    )
