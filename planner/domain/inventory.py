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

from planner.domain.catalog import Catalog, Category, Product, Region, VendorStatus
from planner.domain.plan import Plan, Tool, ToolStatus

# What to say instead of "no gaps" while the plan has no capability needs at all.
HOW_TO_SET_NEEDS = (
    "set them with 'planner needs --benefits B1,B2 --apply' (suggested from the benefits "
    "you target) or 'planner inventory need CAP --weight N'"
)
NO_NEEDS = "No capability needs are set, so gaps cannot be judged: " + HOW_TO_SET_NEEDS
NO_NEEDS_FIT = "no capability needs are set, so every capability fit is 0: " + HOW_TO_SET_NEEDS

SHADOW_IT_USERS = 50  # an unofficial tool with more users than this needs bringing in


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
    capability: str
    tools: tuple[tuple[str, int], ...]  # (tool name, users), most users first


def overlaps(cover: Mapping[str, Sequence[Tool]], catalog: Catalog) -> list[Overlap]:
    """Capabilities served by two or more tools in use of the same Gartner category.

    Those are the rationalisation candidates: two internal networks both doing
    microblogging is a choice to make; an internal network and Facebook both sharing links
    serve different audiences and are not compared.
    """
    found = []
    for cap, tools in cover.items():
        by_category: dict[Category | None, list[Tool]] = {}
        for tool in tools:
            by_category.setdefault(category_of(tool, catalog), []).append(tool)
        for group in by_category.values():
            if len(group) >= 2:
                ranked = sorted(group, key=lambda t: (-t.users, t.name))
                found.append(Overlap(cap, tuple((t.name, t.users) for t in ranked)))
    return sorted(found, key=lambda o: (-len(o.tools), o.capability))


def gaps(needed: Iterable[str], cover: Mapping[str, Sequence[Tool]]) -> list[str]:
    """Needed capabilities that no tool in use provides."""
    return sorted(c for c in set(needed) if not cover.get(c))


@dataclass(frozen=True)
class Flag:
    tool: str  # tool slug
    kind: str  # no-sso | no-eu-residency | vendor-retired | vendor-declining |
    # vendor-acquired | successor | shadow-it | stale-review
    message: str

    @property
    def severity(self) -> str:
        return "high" if self.kind in {"vendor-retired", "successor", "shadow-it"} else "medium"


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
    if tool.status is ToolStatus.UNOFFICIAL and tool.users > SHADOW_IT_USERS:
        flags.append(
            Flag(
                tool.slug,
                "shadow-it",
                f"{name}: unofficial yet used by {tool.users} people — shadow IT to "
                "bring under control (classify it, or offer an official tool)",
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
    if strategy.status is VendorStatus.RETIRED:
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
    elif strategy.status is VendorStatus.ACQUIRED:
        flags.append(
            Flag(
                tool.slug,
                "vendor-acquired",
                f"{name}: now owned by {strategy.owner} — check the roadmap",
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
    for tool in in_use(tools):
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
