"""Phase 2a: the tools in use against the catalog — coverage, overlaps, gaps, risk flags.

Pure functions over tools, catalog products and the plan's own reviews, so the rules can
be tested with hand-made examples and shared by the CLI report, the screen and the plan
file. Each flag explains itself in one line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from planner.domain.catalog import (
    Catalog,
    Category,
    Product,
    Region,
    VendorStatus,
    acquisition_weighs,
)
from planner.domain.overlap_groups import components
from planner.domain.plan import PURPOSES, Plan, Tool, ToolStatus

# What to say instead of "no gaps" while the plan has no capability needs at all.
HOW_TO_SET_NEEDS = (
    "set them with 'planner needs --benefits B1,B2 --apply' (suggested from the benefits "
    "you target) or 'planner inventory need CAP --weight N'"
)
NO_NEEDS = "No capability needs are set, so gaps cannot be judged: " + HOW_TO_SET_NEEDS
NO_NEEDS_FIT = "no capability needs are set, so every capability fit is 0: " + HOW_TO_SET_NEEDS


class Rating(StrEnum):
    VIABLE = "viable"
    WATCH = "watch"
    AVOID = "avoid"


@dataclass(frozen=True)
class VendorReview:
    """The plan's own view of a vendor, and the catalog status it was made against."""

    product: str
    shortlisted: bool = False
    rating: Rating | None = None
    note: str = ""
    reviewer: str | None = None
    reviewed_on: dt.date | None = None
    status_at_review: VendorStatus | None = None

    @property
    def reviewed(self) -> bool:
        return self.rating is not None

    def stale(self, product: Product | None) -> bool:
        """The catalog changed the vendor's status since the review."""
        return (
            self.reviewed
            and product is not None
            and self.status_at_review is not None
            and self.status_at_review is not product.strategy.status
        )


def in_use(tools: Iterable[Tool]) -> list[Tool]:
    """Tools that count for coverage: everything but banned tools."""
    return [t for t in tools if t.status is not ToolStatus.BANNED]


def capabilities_of(tool: Tool, catalog: Catalog) -> tuple[str, ...]:
    """A mapped tool has its product's capabilities; a custom tool its own."""
    product = catalog.get(tool.product) if tool.product else None
    return product.capabilities if product else tool.capabilities


def category_of(tool: Tool, catalog: Catalog) -> Category | None:
    product = catalog.get(tool.product) if tool.product else None
    return product.category if product else tool.category


def coverage(tools: Sequence[Tool], catalog: Catalog) -> dict[str, list[Tool]]:
    """Capability -> the tools in use that provide it (capabilities in catalog order)."""
    result: dict[str, list[Tool]] = {c: [] for c in catalog.capabilities}
    for tool in in_use(tools):
        for cap in capabilities_of(tool, catalog):
            result.setdefault(cap, []).append(tool)
    return result


@dataclass(frozen=True)
class Overlap:
    """Tools that serve the same purpose for the same audience and could be consolidated."""

    purpose: str  # purpose id (planner.domain.plan.PURPOSES)
    audience: str  # the departments the tools share, or "whole company"
    tools: tuple[tuple[str, int], ...]  # (tool name, users), most users first
    keep: str  # the tool name to keep
    why: str  # one sentence: why that one
    capabilities: tuple[str, ...] = ()  # capabilities the tools share (matrices mark them)

    @property
    def label(self) -> str:
        return PURPOSES.get(self.purpose, self.purpose)


def _product_of(tool: Tool, catalog: Catalog) -> Product | None:
    return catalog.get(tool.product) if tool.product else None


def _live(tool: Tool, catalog: Catalog) -> bool:
    product = _product_of(tool, catalog)
    return product is None or product.strategy.status not in (
        VendorStatus.RETIRED,
        VendorStatus.RENAMED,
    )


def _keep(group: Sequence[Tool], catalog: Catalog) -> tuple[Tool, str]:
    """The tool to keep and why: a live official tool first, then the most used."""
    ranked = sorted(
        group,
        key=lambda t: (
            not _live(t, catalog),
            t.status is not ToolStatus.OFFICIAL,
            -t.users,
            t.name,
        ),
    )
    best, others = ranked[0], ranked[1:]
    clauses = []
    for tool in others:
        product = _product_of(tool, catalog)
        if product is None or _live(tool, catalog):
            continue
        successor = catalog.get(product.strategy.successor or "")
        if product.strategy.status is VendorStatus.RENAMED and successor is not None:
            clauses.append(f"{tool.name} is {successor.name} under its former name")
        else:
            clauses.append(f"{tool.name} is retired")
    live_others = [t for t in others if _live(t, catalog)]
    if live_others:
        if best.status is ToolStatus.OFFICIAL and any(
            t.status is not ToolStatus.OFFICIAL for t in live_others
        ):
            clauses.append(f"{best.name} is official, with {best.users} users")
        else:
            clauses.append(f"{best.name} is the most used ({best.users} users)")
        clauses.append("bring the others' people and content onto it")
    elif any(_renamed_into(t, best, catalog) for t in others):
        clauses.append("count and train them as one")
    else:
        clauses.append(f"move what is left there to {best.name}")
    return best, "; ".join(clauses)


def _renamed_into(tool: Tool, into: Tool, catalog: Catalog) -> bool:
    product = _product_of(tool, catalog)
    return bool(
        product
        and product.strategy.status is VendorStatus.RENAMED
        and product.strategy.successor == into.product
    )


def _same_suite(a: Tool, b: Tool, catalog: Catalog) -> bool:
    pa, pb = _product_of(a, catalog), _product_of(b, catalog)
    return bool(pa and pb and pa.suite and pa.suite == pb.suite)


def overlaps(
    cover: Mapping[str, Sequence[Tool]], catalog: Catalog, tools: Sequence[Tool] | None = None
) -> list[Overlap]:
    """Tools in use of the same consolidatable category (internal, or open to customers)
    that serve the same purpose for overlapping audiences, each with the one to keep.

    Never between public networks: an organisation is on Facebook and LinkedIn because its
    audiences are. Purposes come from Discover; tools without any are not compared.
    """
    if tools is None:
        seen: dict[str, Tool] = {}
        for group in cover.values():
            for tool in group:
                seen.setdefault(tool.slug, tool)
        tools = list(seen.values())
    pool = [
        t
        for t in in_use(tools)
        if category_of(t, catalog) in (Category.INTERNAL, Category.EXTERNAL) and t.purposes
    ]
    found = []
    for purpose in sorted({p for t in pool for p in t.purposes}):
        for category in (Category.INTERNAL, Category.EXTERNAL):
            members = [
                t for t in pool if purpose in t.purposes and category_of(t, catalog) is category
            ]
            for group in components(members):
                if len(group) < 2:
                    continue
                keep, why = _keep(group, catalog)
                # A live product of the kept tool's suite complements it (Teams, SharePoint
                # and Viva Engage are designed to work together): nothing to consolidate.
                group = [
                    t
                    for t in group
                    if t is keep
                    or _renamed_into(t, keep, catalog)
                    or not _same_suite(t, keep, catalog)
                ]
                if len(group) < 2:
                    continue
                keep, why = _keep(group, catalog)
                ranked = sorted(group, key=lambda t: (-t.users, t.name))
                departments = [set(t.departments) for t in group if t.departments]
                shared = set.intersection(*departments) if departments else set()
                audience = ", ".join(sorted(shared)) if shared else "whole company"
                caps = set.intersection(*(set(capabilities_of(t, catalog)) for t in group))
                found.append(
                    Overlap(
                        purpose,
                        audience,
                        tuple((t.name, t.users) for t in ranked),
                        keep.name,
                        why,
                        tuple(sorted(caps)),
                    )
                )
    return sorted(found, key=lambda o: (-len(o.tools), o.purpose))


def gaps(needed: Iterable[str], cover: Mapping[str, Sequence[Tool]]) -> list[str]:
    """Needed capabilities that no tool in use provides."""
    return sorted(c for c in set(needed) if not cover.get(c))


@dataclass(frozen=True)
class Flag:
    tool: str  # tool slug
    kind: str  # no-sso | no-eu-residency | vendor-retired | vendor-declining |
    # vendor-acquired | successor | renamed | shadow-it | banned-in-use | stale-review
    message: str

    @property
    def severity(self) -> str:
        high = {"vendor-retired", "successor", "shadow-it", "banned-in-use"}
        return "high" if self.kind in high else "medium"


def _retirement(product: Product, today: dt.date | None) -> str:
    """' before <end of support>', ' (support ended <date>)' or ' (retired <date>)'."""
    end = product.strategy.end_of_support
    if end:
        return (
            f" (support ended {end.isoformat()})"
            if today and end < today
            else f" before {end.isoformat()}"
        )
    dated = [h.date for h in product.strategy.history if h.date]
    return f" (retired {dated[-1].isoformat()})" if dated else ""


def tool_flags(
    tool: Tool,
    product: Product | None,
    plan: Plan,
    catalog: Catalog,
    review: VendorReview | None = None,
    today: dt.date | None = None,
) -> list[Flag]:
    """The risk flags of one tool, each a one-line explanation."""
    flags: list[Flag] = []
    name = tool.name
    if tool.status is ToolStatus.BANNED and tool.users:
        seen = f" last seen {tool.last_seen.isoformat()}" if tool.last_seen else ""
        flags.append(
            Flag(
                tool.slug,
                "banned-in-use",
                f"{name}: banned, {tool.users} people{seen} — enforce the ban or lift it",
            )
        )
    threshold = plan.shadow_it_users
    if tool.status is ToolStatus.UNOFFICIAL and tool.users > threshold:
        share = f" ({tool.users / plan.employees:.0%} of staff)" if plan.employees else ""
        flags.append(
            Flag(
                tool.slug,
                "shadow-it",
                f"{name}: unofficial yet used by {tool.users} people{share}, over the "
                f"threshold of {threshold} — shadow IT to bring under control (classify "
                "it, or offer an official tool)",
            )
        )
    if product is None:
        return flags
    strategy = product.strategy
    if product.category is not Category.PUBLIC and not product.security.sso:
        flags.append(Flag(tool.slug, "no-sso", f"{name}: no single sign-on documented"))
    residency = product.security.data_residency
    if plan.eu_residency_required and product.category is not Category.PUBLIC:
        if residency is None:
            flags.append(
                Flag(
                    tool.slug,
                    "no-eu-residency",
                    f"{name}: EU data residency required, not documented",
                )
            )
        elif not {Region.EU, Region.FR, Region.DE} & set(residency):
            flags.append(
                Flag(
                    tool.slug,
                    "no-eu-residency",
                    f"{name}: EU data residency required, offered only in "
                    f"{', '.join(r.value for r in residency)}",
                )
            )
    if strategy.status is VendorStatus.RENAMED:
        successor = catalog.get(strategy.successor) if strategy.successor else None
        flags.append(
            Flag(
                tool.slug,
                "renamed",
                f"{name}: renamed {successor.name if successor else strategy.successor} — "
                "the same service under its new name; count it there",
            )
        )
    elif strategy.status is VendorStatus.RETIRED:
        when = _retirement(product, today)
        successor = catalog.get(strategy.successor) if strategy.successor else None
        if successor is not None:
            flags.append(
                Flag(tool.slug, "successor", f"{name}: retired — migrate to {successor.name}{when}")
            )
        else:
            flags.append(
                Flag(
                    tool.slug,
                    "vendor-retired",
                    f"{name}: retired by {strategy.owner}{when} — plan an exit",
                )
            )
    elif strategy.status is VendorStatus.DECLINING:
        flags.append(
            Flag(
                tool.slug,
                "vendor-declining",
                f"{name}: declining at {strategy.owner} — avoid new investment",
            )
        )
    elif strategy.status is VendorStatus.ACQUIRED and acquisition_weighs(
        product, today or dt.date.today()
    ):
        when = f" (deal of {strategy.acquired_on.isoformat()})" if strategy.acquired_on else ""
        flags.append(
            Flag(
                tool.slug,
                "vendor-acquired",
                f"{name}: recently acquired by {strategy.owner}{when} — check the roadmap",
            )
        )
    if review is not None and review.stale(product):
        assert review.status_at_review is not None
        flags.append(
            Flag(
                tool.slug,
                "stale-review",
                f"{name}: vendor review stale — reviewed as "
                f"{review.status_at_review.value}, catalog now says "
                f"{strategy.status.value}",
            )
        )
    return flags


def risk_flags(
    tools: Sequence[Tool],
    catalog: Catalog,
    plan: Plan,
    reviews: Mapping[str, VendorReview],
    today: dt.date | None = None,
) -> list[Flag]:
    flags = []
    for tool in tools:
        if tool.status is ToolStatus.BANNED:  # the ban and the review, not the product's risks
            product = catalog.get(tool.product) if tool.product else None
            review = reviews.get(tool.product) if tool.product else None
            flags += [
                f
                for f in tool_flags(tool, product, plan, catalog, review, today)
                if f.kind in ("banned-in-use", "stale-review")
            ]
            continue
        product = catalog.get(tool.product) if tool.product else None
        flags += tool_flags(
            tool, product, plan, catalog, reviews.get(tool.product) if tool.product else None, today
        )
    return flags


def vendor_progress(reviews: Iterable[VendorReview], products_in_use: Iterable[str]) -> float:
    """Shortlisted products reviewed / shortlisted; with no shortlist, the products in use."""
    reviews = list(reviews)
    shortlist = {r.product for r in reviews if r.shortlisted} or set(products_in_use)
    if not shortlist:
        return 0.0
    done = {r.product for r in reviews if r.reviewed}
    return len(shortlist & done) / len(shortlist)
