"""Phase 2a: the tools in use against the catalog — coverage, overlaps, gaps, risk flags.

Pure functions over tools, catalog products and the plan's own reviews, so the rules can
be tested with hand-made examples and shared by the CLI report, the screen and the plan
file. The risk flags (``risk_flags``) and the vendor review (``vendor_review``) live in
modules of their own and are named here too, so callers have one place to look.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from planner.domain.catalog import (
    Catalog,
    Category,
    Product,
    VendorStatus,
    suites_of,
)
from planner.domain.overlap_groups import components
from planner.domain.plan import PURPOSES, Tool, ToolStatus

# The vendor review (2b) and the risk flags have modules of their own; importers of the
# inventory find them here too.
from planner.domain.risk_flags import Flag, risk_flags, tool_flags
from planner.domain.vendor_review import Rating, VendorReview, vendor_progress

__all__ = [
    "HOW_TO_SET_NEEDS",
    "NO_NEEDS",
    "NO_NEEDS_FIT",
    "Flag",
    "Overlap",
    "Rating",
    "VendorReview",
    "capabilities_of",
    "category_of",
    "coverage",
    "gaps",
    "in_use",
    "overlaps",
    "risk_flags",
    "tool_flags",
    "vendor_progress",
]

# What to say instead of "no gaps" while the plan has no capability needs at all.
HOW_TO_SET_NEEDS = (
    "set them with 'planner needs --benefits B1,B2 --apply' (suggested from the benefits "
    "you target) or 'planner inventory need CAP --weight N'"
)
NO_NEEDS = "No capability needs are set, so gaps cannot be judged: " + HOW_TO_SET_NEEDS
NO_NEEDS_FIT = "no capability needs are set, so every capability fit is 0: " + HOW_TO_SET_NEEDS


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
    # Each tool's liveness looked up once (a group can hold thousands of tools).
    live = {id(t): _live(t, catalog) for t in group}
    ranked = sorted(
        group,
        key=lambda t: (
            not live[id(t)],
            t.status is not ToolStatus.OFFICIAL,
            -t.users,
            t.name,
        ),
    )
    best, others = ranked[0], ranked[1:]
    clauses = []
    for tool in others:
        if live[id(tool)]:
            continue
        product = _product_of(tool, catalog)
        if product is None:
            continue
        successor = catalog.get(product.strategy.successor or "")
        if product.strategy.status is VendorStatus.RENAMED and successor is not None:
            clauses.append(f"{tool.name} is {successor.name} under its former name")
        else:
            clauses.append(f"{tool.name} is retired")
    live_others = [t for t in others if live[id(t)]]
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
    """Both products of one suite (their own, or one whose licence includes them)."""
    pa, pb = _product_of(a, catalog), _product_of(b, catalog)
    return bool(pa and pb and suites_of(pa) & suites_of(pb))


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
    # (purpose, category) -> its tools in pool order: one pass, instead of one pass over
    # the pool per purpose and category.
    index: dict[tuple[str, Category | None], list[Tool]] = {}
    for tool in pool:
        category = category_of(tool, catalog)
        for purpose in dict.fromkeys(tool.purposes):
            index.setdefault((purpose, category), []).append(tool)
    found = []
    for purpose in sorted({p for t in pool for p in t.purposes}):
        for category in (Category.INTERNAL, Category.EXTERNAL):
            members = index.get((purpose, category), [])
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
