"""The indexed choice of an official alternative gives what comparing every pair gives.

The pairwise rule, written out plainly here, is the reference: random plans (seeded) with
ties in users, shared capability sets and tools of no category must get the same official
tool and the same reason from ``alternatives``.
"""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.bootstrap import Planner
from planner.domain.alternatives import _most_common, alternatives
from planner.domain.catalog import Catalog, Category
from planner.domain.plan import PURPOSES, Tool, ToolStatus


def _caps(tool: Tool, catalog: Catalog) -> set[str]:
    product = catalog.get(tool.product) if tool.product else None
    return set(tool.capabilities) | (set(product.capabilities) if product else set())


def _pairwise(tool: Tool, officials: list[Tool], catalog: Catalog) -> tuple[str, int] | None:
    purposes, caps = set(tool.purposes), _caps(tool, catalog)
    scored = []
    for other in officials:
        shared = len(purposes & set(other.purposes))
        common = len(caps & _caps(other, catalog))
        same = int(tool.category is not None and other.category == tool.category)
        if shared or same:
            scored.append(((-shared, -same, -common, -other.users, other.slug), other))
    if not scored:
        return None
    (_, _, common, _, _), chosen = min(scored, key=lambda pair: pair[0])
    return chosen.slug, -common


def _plan(rng: random.Random, catalog: Catalog, size: int) -> list[Tool]:
    products = [p.id for p in catalog][:12]
    caps = list(catalog.capabilities)[:6]
    categories = [None, *Category]
    statuses = [ToolStatus.OFFICIAL, ToolStatus.UNOFFICIAL, ToolStatus.BANNED]
    return [
        Tool(
            f"t{i:03d}",
            f"T{i}",
            rng.choice([None, None, *products]),
            rng.choice(categories),
            rng.choice(statuses),
            tuple(rng.sample(list(PURPOSES)[:4], rng.randint(0, 2))),
            capabilities=tuple(rng.sample(caps, rng.randint(0, 3))),
            log_users=rng.choice([0, 5, 5, 40]),
        )
        for i in range(size)
    ]


def test_the_index_chooses_as_the_pairwise_comparison_does(planner: Planner) -> None:
    catalog = planner.catalog
    for seed in range(30):
        tools = _plan(random.Random(seed), catalog, 60)
        officials = [t for t in tools if t.status is ToolStatus.OFFICIAL]
        found = alternatives(tools, catalog, [])
        for tool in tools:
            if tool.status is ToolStatus.OFFICIAL:
                continue
            expected = _pairwise(tool, officials, catalog)
            got = found.get(tool.slug)
            if expected is None:
                assert got is None
                continue
            assert got is not None and got.official
            assert got.slug == expected[0], (seed, tool.slug)
            if got.why.startswith("official; same category"):
                assert got.why.endswith(f", {expected[1]} capabilities in common")


@given(st.lists(st.frozensets(st.integers(0, 70), max_size=40), max_size=8))
@settings(max_examples=300, deadline=None)
def test_the_count_of_capabilities_in_common_is_counted_position_by_position(
    sets: list[frozenset[int]],
) -> None:
    """The members sharing most capabilities, and the first of them, as a count per member
    gives them (each set: the members having one capability)."""
    counts = Counter(position for members in sets for position in members)
    common = max(counts.values(), default=0)
    first = min((p for p, n in counts.items() if n == common), default=0)
    masks = [sum(1 << p for p in members) for members in sets if members]
    assert _most_common(masks) == (common, first)
