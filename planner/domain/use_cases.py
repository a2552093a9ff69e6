"""What the plan is for, and what rules a product out before anything is weighted.

Why this exists: a consultant does not rank an internal network against Facebook, nor
weigh a banned or renamed product against live ones. The source documents name two use
cases — the internal network (expertise location, transversality between departments) and
the extension of customer relationship management (customer communities, marketing-led) —
and Jamespot adds niche ones (social selling, knowledge management, innovation). Each use
case is served by one Gartner category, so internal, external and public products are never
in one list. The hard constraints (retired or renamed, banned by the plan, no EU residency
when required, a deployment the plan excludes, a vendor review of "avoid") each give the
excluded product its reason; the suites the organisation runs are inferred from its
official tools, never crediting a product with itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from planner.domain.catalog import (
    SUITES,
    Category,
    Deployment,
    Product,
    Region,
    VendorStatus,
)
from planner.domain.inventory import Rating, VendorReview
from planner.domain.plan import Tool, ToolStatus


@dataclass(frozen=True)
class UseCase:
    id: str
    label: str
    category: Category
    # Capabilities that define the use case: they count as needed (weight 3) even when
    # the plan's needs say less, so a product that cannot serve the use case cannot lead.
    key_capabilities: tuple[str, ...]
    why: str


USE_CASES: dict[str, UseCase] = {
    u.id: u
    for u in (
        UseCase(
            "internal-network",
            "Internal network",
            Category.INTERNAL,
            ("profiles", "communities", "activity-stream", "expertise-location"),
            "locate expertise and connect departments across the hierarchy",
        ),
        UseCase(
            "customer-community",
            "Customer community",
            Category.EXTERNAL,
            ("external-communities", "forums-qa", "crm-integration"),
            "extend customer relationship management with communities marketing can run",
        ),
        UseCase(
            "knowledge-management",
            "Knowledge management",
            Category.INTERNAL,
            ("wiki", "forums-qa", "search", "file-sharing"),
            "capitalise what people know in pages, answers and documents",
        ),
        UseCase(
            "innovation",
            "Innovation",
            Category.INTERNAL,
            ("ideation", "communities", "surveys-polls"),
            "collect and follow up employees' ideas",
        ),
        UseCase(
            "social-selling",
            "Social selling",
            Category.PUBLIC,
            ("profiles", "expertise-location", "link-sharing", "chat"),
            "let sales people find and talk with buyers where they are",
        ),
        UseCase(
            "public-presence",
            "Public presence",
            Category.PUBLIC,
            ("activity-stream", "communities", "analytics"),
            "visibility and conversation with consumers on public networks",
        ),
    )
}
DEFAULT_USE_CASES = ("internal-network",)
_EU = {Region.EU, Region.FR, Region.DE}


@dataclass(frozen=True)
class PointedUseCase:
    """A use case the plan did not choose that its needs point to: ``needs`` are the
    heavily weighted capabilities that define it and no chosen use case."""

    case: UseCase
    needs: tuple[tuple[str, int], ...]

    def words(self) -> str:
        shown = ", ".join(f"{cap} ({weight})" for cap, weight in self.needs)
        return f"needs {shown} point to the use case '{self.case.label}' ({self.case.id})"


HEAVY_NEED = 4  # a need weighted this much (of 5) says what the plan is for


def pointed_use_cases(needs: Mapping[str, int], chosen: Sequence[str]) -> list[PointedUseCase]:
    """The use cases ``chosen`` leaves out that the plan's heavy needs point to.

    Why: needs of a customer community (external communities 5, CRM integration 5) ranked
    under the default internal network compare internal platforms only and put Jive first,
    without a word. A use case is pointed to when a heavy need defines it and no chosen
    one, and either that capability defines no other use case (CRM integration) or two
    such needs do; the strongest first."""
    defined = {cap for case_id in chosen for cap in USE_CASES[case_id].key_capabilities}
    heavy = {c: w for c, w in needs.items() if w >= HEAVY_NEED and c not in defined}
    owners: dict[str, int] = {}
    for case in USE_CASES.values():
        for cap in case.key_capabilities:
            owners[cap] = owners.get(cap, 0) + 1
    found = []
    for case in USE_CASES.values():
        if case.id in chosen:
            continue
        hits = [(c, heavy[c]) for c in case.key_capabilities if c in heavy]
        if len(hits) >= 2 or any(owners[c] == 1 for c, _ in hits):
            found.append(PointedUseCase(case, tuple(hits)))
    found.sort(key=lambda p: (-len(p.needs), -sum(w for _, w in p.needs), p.case.id))
    return found


def use_case(use_case_id: str) -> UseCase:
    return USE_CASES[use_case_id]


def needs_for(case: UseCase, needs: Mapping[str, int]) -> dict[str, int]:
    """The plan's needs with the use case's defining capabilities at weight 3 at least."""
    result = {c: w for c, w in needs.items() if w > 0}
    for cap in case.key_capabilities:
        result[cap] = max(result.get(cap, 0), 3)
    return result


def org_suites(tools: Iterable[Tool], products: Mapping[str, Product], exclude: str) -> set[str]:
    """Suites the organisation runs, from its official tools other than ``exclude``: a
    product earns no suite credit from itself."""
    suites: set[str] = set()
    for tool in tools:
        if tool.status is not ToolStatus.OFFICIAL or not tool.product or tool.product == exclude:
            continue
        product = products.get(tool.product)
        if product is not None and product.suite:
            suites.add(product.suite)
    return suites


def suite_names(suites: Iterable[str]) -> str:
    return ", ".join(sorted(SUITES[s][0] for s in suites if s in SUITES))


def banned(tools: Iterable[Tool], product_id: str) -> list[Tool]:
    return [t for t in tools if t.product == product_id and t.status is ToolStatus.BANNED]


def banned_note(tool: Tool) -> str:
    """'banned, 71 people last seen 2026-11-20' (or 'banned' when nobody was seen)."""
    if not tool.users:
        return "banned"
    seen = f" last seen {tool.last_seen.isoformat()}" if tool.last_seen else ""
    people = "person" if tool.users == 1 else "people"
    return f"banned, {tool.users} {people}{seen}"


def eu_residency(product: Product) -> bool | None:
    """True when an EU region is documented, False when only others are, None: unknown
    (no regions given, or given from a check the catalog marks unverified)."""
    residency = product.security.data_residency
    checked = product.security.checked
    if residency is None or (checked is not None and not checked.primary):
        return None
    return bool(_EU & set(residency))


def exclusion(
    product: Product,
    *,
    tools: Sequence[Tool],
    products: Mapping[str, Product],
    review: VendorReview | None,
    eu_required: bool,
    excluded_deployments: Iterable[Deployment],
    today: dt.date,
) -> str | None:
    """Why a product is ruled out before any weighting, or None."""
    strategy = product.strategy
    successor = products.get(strategy.successor) if strategy.successor else None
    if strategy.status is VendorStatus.RENAMED:
        return f"renamed: now {successor.name if successor else strategy.successor}"
    if strategy.status is VendorStatus.RETIRED:
        end = strategy.end_of_support
        when = f" on {end.isoformat()}" if end and end <= today else ""
        return f"retired{when}" + (f": succeeded by {successor.name}" if successor else "")
    if strategy.end_of_support is not None and strategy.end_of_support <= today:
        return f"support ended {strategy.end_of_support.isoformat()}"
    for tool in banned(tools, product.id):
        return f"{banned_note(tool)} — the plan bans it; lift the ban to consider it"
    if review is not None and review.rating is Rating.AVOID:
        return "vendor review: avoid" + (f" ({review.note})" if review.note else "")
    public = product.category is Category.PUBLIC  # where the audience is, not our data
    if eu_required and not public and eu_residency(product) is False:
        offered = ", ".join(r.value for r in product.security.data_residency or ())
        return f"no EU data residency (offered: {offered})"
    refused = set(excluded_deployments)
    if product.deployment and set(product.deployment) <= refused:
        kinds = ", ".join(d.value for d in product.deployment)
        return f"deployment excluded by the plan ({kinds})"
    return None
