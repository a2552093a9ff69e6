"""Overlap groups found through the department index are those of comparing every pair,
in the same order (the report lists them in that order), on seeded random tools."""

from __future__ import annotations

import random
from collections.abc import Sequence

from planner.domain.overlap_groups import components
from planner.domain.plan import Tool


def _audiences_meet(a: Tool, b: Tool) -> bool:
    return not a.departments or not b.departments or bool(set(a.departments) & set(b.departments))


def _pairwise(tools: Sequence[Tool]) -> list[list[Tool]]:
    groups: list[list[Tool]] = []
    for tool in tools:
        linked = [g for g in groups if any(_audiences_meet(tool, t) for t in g)]
        merged = [tool, *(t for g in linked for t in g)]
        groups = [g for g in groups if g not in linked] + [merged]
    return groups


def test_the_index_groups_as_the_pairwise_comparison_does() -> None:
    departments = ["R&D", "Sales", "IT", "HR", "Legal", "Ops", "Finance", "Support"]
    for seed in range(200):
        rng = random.Random(seed)
        spread = rng.choice([1, 2, 3])
        tools = [
            Tool(
                f"t{i}",
                f"T{i}",
                departments=tuple(rng.sample(departments, rng.choice([0, 1, 1, spread]))),
            )
            for i in range(rng.randint(0, 40))
        ]
        got = [[t.slug for t in g] for g in components(tools)]
        assert got == [[t.slug for t in g] for g in _pairwise(tools)], seed
