"""Phase 2a/2b: the inventory report, needs, vendor strategies and the risk register.

One call (:func:`inventory_report`) gathers what the CLI report, the CSV export, the
Inventory screen and the plan file show, from one read transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from planner.adapters.store import reads
from planner.adapters.store.db import Workspace
from planner.adapters.store.rows import plan_from_record
from planner.domain import inventory as inv
from planner.domain.catalog import Catalog, Category, Product
from planner.domain.org_fit import Organisation, audience_gaps
from planner.domain.plan import Plan, Tool, ToolStatus
from planner.domain.risks import Level, Risk, RiskStatus
from planner.errors import InputError, NotFoundError
from planner.services.organisation import organisation

if TYPE_CHECKING:
    from planner.domain.alternatives import Alternative
    from planner.services.ranking import Ranking


def plan_overlaps(tools: Sequence[Tool], catalog: Catalog) -> list[inv.Overlap]:
    """The overlaps among ``tools``, computed once per report: the inventory, the costs
    and the exit proposals (twice) each ask for them (four times 1.5 s at 60,000 tools).
    Tools are frozen, so the same tool objects in the same order give the same answer."""
    key = ("overlaps", id(catalog), tuple(map(id, tools)))
    found = reads.shared(key, lambda: (tools, catalog, inv.overlaps({}, catalog, tools)))
    return list(found[2])


@dataclass(frozen=True)
class VendorRow:
    product: Product
    in_use: bool
    review: inv.VendorReview | None

    @property
    def stale(self) -> bool:
        return self.review is not None and self.review.stale(self.product)


@dataclass(frozen=True)
class InventoryReport:
    plan: Plan
    tools: list[Tool]
    coverage: dict[str, list[Tool]]
    overlaps: list[inv.Overlap]
    gaps: list[str]
    needs: dict[str, int]
    flags: list[inv.Flag]
    vendors: list[VendorRow]
    risks: list[Risk]
    vendor_progress: float
    # Audiences no tool in use reaches under a licence held (domain.org_fit.audience_gaps)
    reach_gaps: list[str] = field(default_factory=list)

    def by_category(self, catalog: Catalog) -> dict[str, list[Tool]]:
        return tools_by_category(self.tools, catalog)


def tools_by_category(tools: Iterable[Tool], catalog: Catalog) -> dict[str, list[Tool]]:
    """Category label -> its tools, most used first: the inventory's order (also what a big
    plan's Inventory screen shows first, before the rest of the report is ready)."""
    groups: dict[str, list[Tool]] = {c.label: [] for c in Category}
    groups["Not categorised"] = []
    for tool in sorted(tools, key=lambda t: (-t.users, t.name)):
        category = inv.category_of(tool, catalog)
        groups[category.label if category else "Not categorised"].append(tool)
    return {k: v for k, v in groups.items() if v}


def inventory_report(
    ws: Workspace, catalog: Catalog, plan: str | None, today: dt.date | None = None
) -> InventoryReport:
    with ws.rows() as conn:  # Core: the report's commands only read
        row = reads.plan_row(conn, plan)
        the_plan = plan_from_record(row)
        tools = reads.tools(conn, row.id)
        needs = reads.needs(conn, row.id)
        reviews = reads.vendor_reviews(conn, row.id)
        risks = reads.risks(conn, row.id)
        org = organisation(conn, row.id, the_plan)
    cover = inv.coverage(tools, catalog)
    used = {t.product for t in inv.in_use(tools) if t.product}
    vendors = [
        VendorRow(p, p.id in used, reviews.get(p.id))
        for p in catalog
        if p.id in used or (p.id in reviews and reviews[p.id].shortlisted)
    ]
    return InventoryReport(
        plan=the_plan,
        tools=tools,
        coverage=cover,
        overlaps=plan_overlaps(tools, catalog),
        gaps=inv.gaps(needs, cover),
        needs=needs,
        flags=inv.risk_flags(tools, catalog, the_plan, reviews, today),
        vendors=vendors,
        risks=risks,
        vendor_progress=inv.vendor_progress(reviews.values(), used),
        reach_gaps=_reach_gaps(org, tools, catalog),
    )


def _reach_gaps(org: Organisation, tools: list[Tool], catalog: Catalog) -> list[str]:
    from planner.domain.use_cases import org_suites

    products = [p for t in inv.in_use(tools) if t.product and (p := catalog.get(t.product))]
    return audience_gaps(org, products, org_suites(tools, catalog.products, exclude=""))


def set_need(
    ws: Workspace, catalog: Catalog, plan: str | None, capability: str, weight: int
) -> None:
    """Mark a capability as needed (weight 1–5) or not (0)."""
    if capability not in catalog.capabilities:
        raise InputError(f"unknown capability '{capability}'")
    if not 0 <= weight <= 5:
        raise InputError("a need's weight goes from 0 (not needed) to 5")
    from planner.adapters.store.repository import Repository

    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        repo.set_need(record.id, capability, weight)


# Vendor strategies ---------------------------------------------------------------------------
def review_vendor(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    product_id: str,
    *,
    rating: str | None = None,
    note: str | None = None,
    reviewer: str | None = None,
    shortlisted: bool | None = None,
    today: dt.date,
) -> inv.VendorReview:
    """Record the plan's review of a vendor (against today's catalog status) or shortlist it."""
    product = catalog.get(product_id)
    if product is None:
        raise InputError(f"no product '{product_id}' in the catalog")
    try:
        rated = inv.Rating(rating) if rating is not None else None
    except ValueError:
        raise InputError(f"rating must be one of {', '.join(inv.Rating)}") from None
    from planner.adapters.store.repository import Repository

    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        review = repo.vendor_reviews(record.id).get(product_id) or inv.VendorReview(product_id)
        if shortlisted is not None:
            review = replace(review, shortlisted=shortlisted)
        if rated is not None:
            review = replace(
                review,
                rating=rated,
                reviewed_on=today,
                status_at_review=product.strategy.status,
                reviewer=reviewer or review.reviewer,
                note=note if note is not None else review.note,
            )
        elif note is not None:
            review = replace(review, note=note)
        repo.save_vendor_review(record.id, review)
    return review


# Risks ---------------------------------------------------------------------------------------
def list_risks(ws: Workspace, plan: str | None) -> list[Risk]:
    with ws.rows() as conn:  # Core: the listing commands only read
        return reads.risks(conn, reads.plan_id(conn, plan))


def _level(name: str, value: str) -> Level:
    try:
        return Level(value)
    except ValueError:
        raise InputError(f"{name} must be one of {', '.join(Level)}") from None


def save_risk(
    ws: Workspace, plan: str | None, risk_id: str, *, create: bool = False, **changes: str | None
) -> Risk:
    """Add a risk (``create``) or change fields of an existing one."""
    from planner.adapters.store.repository import Repository
    from planner.domain.plan import slugify

    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        current = {r.id: r for r in repo.risks(record.id)}
        if create:
            title = changes.get("title") or risk_id
            typed = risk_id
            risk_id = slugify(risk_id, fallback="")
            if not risk_id:
                raise InputError(f"a risk id needs letters or digits, got {typed!r}")
            if risk_id in current:
                raise InputError(f"the plan already has a risk '{risk_id}'")
            risk = Risk(risk_id, title)
        elif risk_id not in current:
            raise NotFoundError(f"no risk '{risk_id}' in this plan")
        else:
            risk = current[risk_id]
        fields: dict[str, object] = {}
        for key, value in changes.items():
            if value is None:
                continue
            if key in ("likelihood", "impact"):
                fields[key] = _level(key, value)
            elif key == "status":
                try:
                    fields[key] = RiskStatus(value)
                except ValueError:
                    raise InputError(f"status must be one of {', '.join(RiskStatus)}") from None
            elif key in ("title", "mitigation", "owner", "evidence"):
                fields[key] = value
            else:
                raise InputError(f"cannot change {key}")
        risk = replace(risk, **fields)  # type: ignore[arg-type]
        repo.save_risk(record.id, risk)
    return risk


# Spreadsheet export --------------------------------------------------------------------------
INVENTORY_COLUMNS = (
    "id",
    "name",
    "product",
    "vendor today",
    "category",
    "status",
    "owner",
    "users",
    "departments",
    "purposes",
    "capabilities",
    "deployment",
    "vendor status",
    "flags",
    "survey comments",
)


Comments = Mapping[str, Sequence[tuple[str | None, str]]]


def inventory_rows(
    report: InventoryReport, catalog: Catalog, comments: Comments | None = None
) -> list[list[str]]:
    flags: dict[str, list[str]] = {}
    for flag in report.flags:
        flags.setdefault(flag.tool, []).append(flag.kind)
    rows = []
    for tool in sorted(report.tools, key=lambda t: t.slug):
        product = catalog.get(tool.product) if tool.product else None
        category = inv.category_of(tool, catalog)
        rows.append(
            [
                tool.slug,
                tool.name,
                tool.product or "",
                product.strategy.owner if product else "",
                category.value if category else "",
                tool.status.value,
                tool.owner or "",
                str(tool.users),
                "; ".join(tool.departments),
                "; ".join(tool.purposes),
                "; ".join(inv.capabilities_of(tool, catalog)),
                "; ".join(d.value for d in product.deployment) if product else "",
                product.strategy.status.value if product else "",
                "; ".join(flags.get(tool.slug, [])),
                " | ".join(f"{d}: {c}" if d else c for d, c in (comments or {}).get(tool.slug, ())),
            ]
        )
    return rows


def export_inventory_csv(
    report: InventoryReport, catalog: Catalog, path: Path, comments: Comments | None = None
) -> None:
    """The inventory for spreadsheets, with what survey respondents wrote about each tool."""
    from planner.adapters.render.csv_output import write_csv

    write_csv(path, INVENTORY_COLUMNS, inventory_rows(report, catalog, comments))


def offer_instead(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    tools: Sequence[Tool] | None = None,
    ranking: Ranking | None = None,
) -> dict[str, Alternative]:
    """What to offer instead of each unofficial or banned tool of the plan: its
    purposes served by an official tool, else a leading candidate of the ranking.
    ``tools``: the plan's tools when the caller has them already; ``ranking``: the plan's
    ranking as of today (the real date), when the caller has it already."""
    from planner.domain.alternatives import alternatives
    from planner.domain.contracts import Decision
    from planner.services.ranking import rank_candidates

    with ws.rows() as conn:  # Core: only reads
        plan_id = reads.plan_id(conn, plan)
        if tools is None:
            tools = reads.tools(conn, plan_id)
        if not any(t.status in (ToolStatus.UNOFFICIAL, ToolStatus.BANNED) for t in tools):
            return {}
        # The officials the plan is switching off: an exit plan, or a contract decided 'exit'
        leaving = {step.tool for step in reads.exit_steps(conn, plan_id)}
        contracts = reads.contracts(conn, plan_id)
        exits = {c.product for c in contracts if c.decision is Decision.EXIT}
        leaving |= {t.slug for t in tools if t.slug in exits or t.product in exits}
    if ranking is None:
        ranking = rank_candidates(ws, catalog, plan)
    return alternatives(tools, catalog, ranking.candidates, leaving=leaving)
