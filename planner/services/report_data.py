"""What a report of the plan shows, gathered once: the typed values both renderers read.

The Markdown report (:mod:`planner.services.report`) and the HTML review pack
(:mod:`planner.services.report_html`) show the same plan on the same day; gathering it in
one place means they cannot drift apart (a section added to one is there for the other)
and the services are each asked once. Renderers only shape and word these values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.adapters.store import reads
from planner.adapters.store.db import Workspace
from planner.adapters.store.reads import sharing_tools
from planner.domain.alternatives import Alternative
from planner.domain.catalog import Catalog
from planner.domain.pilots import Pilot
from planner.domain.plan import Plan
from planner.domain.timeline import Row, timeline_rows
from planner.services.adoption import AdoptionView, adoption
from planner.services.inventory import InventoryReport, inventory_report, offer_instead
from planner.services.pilots import list_pilots
from planner.services.plans import Overview, overview
from planner.services.privacy import ProcessingRecord, processing_record
from planner.services.ranking import Ranking, rank_candidates
from planner.services.rollout import Rollout, rollout
from planner.services.steering import ComparedProduct, Summary, comparison, summary

__all__ = ["ReportData", "gather_report"]


@dataclass(frozen=True)
class ReportData:
    """One plan as of one day, for a report."""

    today: dt.date
    overview: Overview  # the plan, its phases and next actions
    inventory: InventoryReport
    instead: dict[str, Alternative]  # tool slug -> what to offer instead of it
    ranking: Ranking
    pilots: list[Pilot]
    rollout: Rollout  # features, training milestones, champions
    adoption: AdoptionView
    timeline: list[Row]  # the plan year's rows, from the plan's start
    record: ProcessingRecord  # the Art. 30 record of processing
    summary: Summary  # the steering committee's one page
    comparison: list[ComparedProduct]  # the shortlisted products side by side

    @property
    def plan(self) -> Plan:
        return self.overview.plan

    @property
    def name(self) -> str:
        return self.overview.plan.name


def gather_report(ws: Workspace, catalog: Catalog, plan: str | None, today: dt.date) -> ReportData:
    """Everything a report shows of ``plan`` (the current one when None) as of ``today``.
    The services asked read the plan's tools once between them (:func:`sharing_tools`)."""
    with sharing_tools():
        return _gather(ws, catalog, plan, today)


def _gather(ws: Workspace, catalog: Catalog, plan: str | None, today: dt.date) -> ReportData:
    from planner.services.contracts import contract_windows
    from planner.services.costs import plan_costs
    from planner.services.exits import exit_proposals

    view = overview(ws, plan, today, catalog)
    name = view.plan.name
    inventory = inventory_report(ws, catalog, name, today)
    pilots = list_pilots(ws, name)
    data = rollout(ws, name)
    with ws.rows() as conn:  # Core: a report only reads
        plan_id = reads.plan_id(conn, name)
        contracts, steps = reads.contracts(conn, plan_id), reads.exit_steps(conn, plan_id)
        windows = contract_windows(conn, plan_id, view.tools, today, catalog)
        proposals = exit_proposals(conn, plan_id, view.tools, catalog, today)
    rows = timeline_rows(
        view.plan.start, view.phases, pilots, data.features, data.trainings, today, windows
    )
    ranking = rank_candidates(ws, catalog, name, today)
    costs = plan_costs(ws, catalog, name, today)
    shortlist = [v.product.id for v in inventory.vendors if v.review and v.review.shortlisted]
    return ReportData(
        today=today,
        overview=view,
        inventory=inventory,
        # What to offer instead is ranked as of the real date: the same ranking on that day.
        instead=offer_instead(
            ws, catalog, name, inventory.tools, ranking if today == dt.date.today() else None
        ),
        ranking=ranking,
        pilots=pilots,
        rollout=data,
        adoption=adoption(ws, name, today),
        timeline=rows,
        record=processing_record(ws, name),
        summary=summary(
            costs,
            contracts,
            view.tools,
            steps,
            proposals,
            data.features,
            data.trainings,
            inventory.risks,
            today,
            catalog,
        ),
        comparison=comparison(
            shortlist, ranking.candidates, ranking.needs, ranking.suites, contracts, catalog
        ),
    )
