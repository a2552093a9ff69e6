"""What to offer instead of an unofficial or banned tool.

Cloud-discovery products answer "what do we suggest instead?" next to each shadow tool;
a ban without an alternative only moves people elsewhere. For each unofficial or banned
tool this picks, in order:

0. nothing to replace when the tool is a live product of a suite the organisation already
   runs (Loop beside official SharePoint): it complements that suite, so the offer is the
   product itself, to make official;
1. the plan's official tool that serves most of its purposes, or else is in its category
   (then: in its category, most capabilities in common, most users);
2. else the best of the leading candidates (the top five eligible) in its category, or
   sharing capabilities with a tool of no known category;
3. else the leading candidate, for a tool nothing is known about yet;
4. else nothing: a public network used for brand visibility has no internal substitute,
   and saying so is better than offering the intranet.

Pure: it takes the tools, the catalog and the ranked candidates (scored elsewhere, by
``domain/scoring`` through ``services/pilots.rank_candidates``) and says why it chose.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planner.domain.catalog import Catalog, VendorStatus, suites_of
from planner.domain.plan import PURPOSES, Tool, ToolStatus
from planner.domain.scoring import Candidate
from planner.domain.use_cases import suite_names

__all__ = ["Alternative", "alternatives"]

NEEDS_ONE = (ToolStatus.UNOFFICIAL, ToolStatus.BANNED)
LEADING = 5  # the candidates that count as leading: the top of the ranking, no further


@dataclass(frozen=True)
class Alternative:
    tool: str  # the unofficial or banned tool's slug
    offer: str  # what to offer instead: the official tool's or the product's name
    slug: str  # its tool slug (official) or catalog product id (candidate)
    official: bool  # one of the plan's official tools, else a leading candidate
    why: str


def _capabilities(tool: Tool, catalog: Catalog) -> set[str]:
    product = catalog.get(tool.product) if tool.product else None
    return set(tool.capabilities) | (set(product.capabilities) if product else set())


def _official_for(tool: Tool, officials: Sequence[Tool], catalog: Catalog) -> Alternative | None:
    purposes, caps = set(tool.purposes), _capabilities(tool, catalog)
    scored = []
    for other in officials:
        shared = len(purposes & set(other.purposes))
        common = len(caps & _capabilities(other, catalog))
        same = int(tool.category is not None and other.category == tool.category)
        if shared or same:
            scored.append(((-shared, -same, -common, -other.users, other.slug), other))
    if not scored:
        return None
    (shared, _, common, _, _), chosen = min(scored, key=lambda pair: pair[0])
    if shared:
        served = sorted(purposes & set(chosen.purposes))
        why = "official; serves " + ", ".join(PURPOSES.get(p, p).lower() for p in served)
    else:
        category = tool.category.value if tool.category else ""
        why = f"official; same category ({category}), {-common} capabilities in common"
    return Alternative(tool.slug, chosen.name, chosen.slug, True, why)


def _candidate_for(
    tool: Tool, leading: Sequence[Candidate], catalog: Catalog
) -> Alternative | None:
    caps = _capabilities(tool, catalog)
    for rank, candidate in enumerate(leading, start=1):
        if candidate.product == tool.product:
            continue
        product = catalog.get(candidate.product)
        if product is None:
            continue
        common = len(caps & set(product.capabilities))
        same = tool.category is not None and product.category == tool.category
        if same or (tool.category is None and common):
            what = f"{common} capabilities in common" if common else "same category"
            why = f"candidate #{rank} (score {candidate.score:.2f}); {what}"
            return Alternative(tool.slug, candidate.name, candidate.product, False, why)
    if leading and not caps and tool.category is None:
        top = next((c for c in leading if c.product != tool.product), None)
        if top is not None:
            why = f"candidate #1 (score {top.score:.2f}); nothing known of the tool's use yet"
            return Alternative(tool.slug, top.name, top.product, False, why)
    return None


def _complement(tool: Tool, run: set[str], catalog: Catalog) -> Alternative | None:
    """An unofficial live product of a suite the organisation runs: make it official."""
    product = catalog.get(tool.product) if tool.product else None
    if tool.status is not ToolStatus.UNOFFICIAL or product is None:
        return None
    if product.strategy.status in (VendorStatus.RENAMED, VendorStatus.RETIRED):
        return None
    shared = suites_of(product) & run
    if not shared:
        return None
    why = (
        f"a complement, not a substitute: part of {suite_names(shared)}, which the "
        "organisation runs — make it official"
    )
    return Alternative(tool.slug, product.name, product.id, False, why)


def alternatives(
    tools: Iterable[Tool], catalog: Catalog, candidates: Sequence[Candidate]
) -> dict[str, Alternative]:
    """Per unofficial or banned tool (by slug), what to offer instead, when anything fits."""
    tools = list(tools)
    officials = [t for t in tools if t.status is ToolStatus.OFFICIAL]
    run = {
        s
        for t in officials
        if t.product and (p := catalog.get(t.product)) is not None
        for s in suites_of(p)
    }
    leading = [c for c in candidates if c.eligible and c.reason is None][:LEADING]
    out: dict[str, Alternative] = {}
    for tool in tools:
        if tool.status not in NEEDS_ONE:
            continue
        found = (
            _complement(tool, run, catalog)
            or _official_for(tool, officials, catalog)
            or _candidate_for(tool, leading, catalog)
        )
        if found is not None:
            out[tool.slug] = found
    return out
