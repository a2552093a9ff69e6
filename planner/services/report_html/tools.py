"""The report's sections on tools: coverage of capabilities by the tools in use (heat map,
gaps, overlaps, flags, inventory) and the ranking of candidates for pilots.

Each function turns the services' results into the plain values (and SVG markup) one
section of the template prints; :mod:`planner.services.report_html.view` puts them together.
"""

from __future__ import annotations

import math
from dataclasses import replace

from markupsafe import Markup

from planner.adapters.render import svg
from planner.domain import inventory as inv
from planner.domain import scoring
from planner.domain.catalog import Catalog, Category
from planner.domain.plan import ToolStatus
from planner.services.inventory import InventoryReport
from planner.services.ranking import Ranking
from planner.services.report_html.model import (
    CandidatesView,
    CoverageView,
    ExcludedRow,
    FlagRow,
    OverlapRow,
    ToolRow,
    WeightRow,
)

CRITERIA: dict[scoring.Criterion, tuple[str, str]] = {
    scoring.Criterion.CAPABILITY_FIT: ("Capability fit", "#4e79a7"),
    scoring.Criterion.SECURITY: ("Security", "#59a14f"),
    scoring.Criterion.INTEGRATION: ("Integration", "#76b7b2"),
    scoring.Criterion.COST: ("Cost", "#edc948"),
    scoring.Criterion.VIABILITY: ("Viability", "#b07aa1"),
    scoring.Criterion.ADOPTION: ("Adoption", "#f28e2b"),
    scoring.Criterion.REACH: ("Reach", "#9c755f"),  # only for a plan with audiences
}
MAX_TOOL_COLUMNS = 30
MAX_CANDIDATES = 10


def coverage_view(report: InventoryReport, catalog: Catalog) -> CoverageView:
    order: dict[Category | None, int] = {c: i for i, c in enumerate(Category)}
    used = sorted(
        inv.in_use(report.tools),
        key=lambda t: (order.get(inv.category_of(t, catalog), len(order)), -t.users, t.name),
    )
    shown, hidden = used[:MAX_TOOL_COLUMNS], len(used) - MAX_TOOL_COLUMNS
    max_users = max((t.users for t in shown), default=0) or 1
    columns = []
    for tool in shown:
        category = inv.category_of(tool, catalog)
        columns.append(
            svg.HeatColumn(
                tool.name,
                category.label if category else "Not categorised",
                f"{tool.status.value}, {tool.users} users",
            )
        )
    overlap_size: dict[str, int] = {}
    for o in report.overlaps:
        for shared in o.capabilities:
            overlap_size[shared] = max(overlap_size.get(shared, 0), len(o.tools))
    gaps = set(report.gaps)
    names = {c.id: c.name for c in catalog.capabilities.values()}
    position = {c: i for i, c in enumerate(catalog.capabilities)}
    caps = [c for c, tools in report.coverage.items() if tools or report.needs.get(c, 0) > 0]
    caps += [c for c in gaps if c not in report.coverage]
    caps.sort(
        key=lambda c: (c not in gaps, -report.needs.get(c, 0), position.get(c, len(position)), c)
    )
    rows = []
    for cap in caps:
        providers = {t.slug for t in report.coverage.get(cap, [])}
        need = report.needs.get(cap, 0)
        flag, note = "", ""
        if cap in gaps:
            flag, note = "gap", f"need {need}/5"
        elif cap in overlap_size:
            flag, note = "overlap", f"{overlap_size[cap]} tools"
        label = names.get(cap, cap)
        rows.append(
            svg.HeatRow(
                label,
                [math.sqrt(t.users / max_users) if t.slug in providers else None for t in shown],
                need=max(0, min(need, 5)),
                flag=flag,
                note=note,
                tips=[
                    f"{t.name} — {label}: "
                    + (f"provided ({t.users} users)" if t.slug in providers else "not provided")
                    for t in shown
                ],
            )
        )
    left_out = len(catalog.capabilities) - len([c for c in caps if c in catalog.capabilities])
    flags = sorted(report.flags, key=lambda f: (f.severity != "high", f.tool, f.kind))
    tools = sorted(report.tools, key=lambda t: (-t.users, t.name))
    return CoverageView(
        svg=Markup(svg.heatmap(rows, columns)) if rows and columns else None,  # noqa: S704
        gaps=[names.get(c, c) for c in report.gaps],
        overlaps=[
            OverlapRow(
                capability=f"{o.label} ({o.audience})",
                tools=", ".join(f"{n} ({u})" for n, u in o.tools) + f" — keep {o.keep}: {o.why}",
            )
            for o in report.overlaps
        ],
        hidden_tools=max(hidden, 0),
        left_out=left_out,
        flags=[FlagRow(kind=f.kind, message=f.message, severity=f.severity) for f in flags],
        tools=[
            ToolRow(
                name=t.name,
                category=(c.label if (c := inv.category_of(t, catalog)) else "—"),
                status=t.status.value,
                classified=t.classified,
                users=t.users,
                owner=t.owner or "—",
                departments=len(t.departments),
                tone={
                    ToolStatus.OFFICIAL: "good",
                    ToolStatus.TOLERATED: "info",
                    ToolStatus.UNOFFICIAL: "warn",
                    ToolStatus.BANNED: "bad",
                }[t.status],
            )
            for t in tools
        ],
    )


def _reason(candidate: scoring.Candidate, catalog: Catalog) -> str:
    """Why a product is left out, naming its successor rather than the successor's id."""
    reason = candidate.reason or "not eligible"
    product = catalog.get(candidate.product)
    successor = (
        catalog.get(product.strategy.successor) if product and product.strategy.successor else None
    )
    if successor is not None:
        reason = reason.replace(f"succeeded by {successor.id}", f"succeeded by {successor.name}")
    return reason


def candidate_lists_view(ranking: Ranking, catalog: Catalog) -> list[CandidatesView]:
    """One ranking per use case of the plan (internal, external and public products are
    never in one list), each with its chart, sensitivity and exclusions."""
    if not ranking.lists:
        return [candidates_view(ranking, catalog)]
    return [
        replace(
            candidates_view(replace(ranking, candidates=u.candidates, swap=u.swap), catalog),
            label=u.use_case.label,
            # The sensitivity note and the exclusions list say the rest of the explanation.
            why=" ".join(
                line
                for line in u.explanation
                if not line.startswith("Excluded:") and "would tie" not in line
            ),
        )
        for u in ranking.lists
    ]


def candidates_view(ranking: Ranking, catalog: Catalog) -> CandidatesView:
    total = sum(max(w, 0.0) for w in ranking.weights.values()) or 1.0
    criteria = [c for c in CRITERIA if c in ranking.weights]
    series = [
        svg.Series(
            f"{CRITERIA[c][0]} ({max(ranking.weights.get(c, 0.0), 0.0) / total:.0%})",
            CRITERIA[c][1],
        )
        for c in criteria
    ]
    ranked = [c for c in ranking.candidates if c.eligible and c.reason is None]
    rows = [
        svg.StackRow(
            f"{rank}. {c.name}",
            [c.contributions.get(k, 0.0) for k in criteria],
            f"{c.score:.2f}",
            [
                f"{c.name} — {CRITERIA[k][0]}: sub-score "
                + (
                    f"unknown ({c.breakdown.get(k, 0.0):.2f} counted)"
                    if k in c.unknown
                    else f"{c.breakdown.get(k, 0.0):.2f}"
                )
                + f", adds {c.contributions.get(k, 0.0):.3f}"
                for k in criteria
            ],
        )
        for rank, c in enumerate(ranked[:MAX_CANDIDATES], start=1)
    ]
    top = max((c.score for c in ranked[:MAX_CANDIDATES]), default=0.0)
    maximum = 1.0 if top > 0.5 else 0.5 if top > 0.25 else 0.25
    note = None
    if ranking.swap is not None and len(ranked) > 1:
        s = ranking.swap
        note = (
            f"Changing the {CRITERIA[s.criterion][0].lower()} weight from "
            f"{ranking.weights.get(s.criterion, 0.0):.2f} to {s.weight:.2f} would tie "
            f"{ranked[0].name} and {ranked[1].name}: the top of the ranking "
            + ("is sensitive to it." if abs(s.change) < 0.1 else "is robust to small changes.")
        )
    elif len(ranked) > 1:
        note = f"No change of a single weight makes {ranked[1].name} tie with {ranked[0].name}."
    return CandidatesView(
        svg=Markup(  # noqa: S704 - escaped by svg.esc
            svg.stacked_bars(rows, series, maximum=maximum)
        )
        if rows
        else None,
        count=len(ranked),
        shown=len(rows),
        needs=sum(1 for w in ranking.needs.values() if w > 0),
        weights=[
            WeightRow(label=CRITERIA[c][0], weight=f"{ranking.weights.get(c, 0.0):.2f}")
            for c in criteria
        ],
        sensitivity=note,
        excluded=[
            ExcludedRow(name=c.name, reason=_reason(c, catalog))
            for c in scoring.excluded(ranking.candidates)
        ],
    )
