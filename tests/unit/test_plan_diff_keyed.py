"""A large section's changes found one old record at a time against the new records'
text are diff_plans' own changes, in the same order."""

from __future__ import annotations

import json
from typing import Any

from planner.domain.plan_diff import diff_plans, keyed_changes, keyed_texts

OLD = [
    {"id": "a", "name": "A", "purposes": ["x"]},
    {"id": "b", "name": "B", "users": 3},
    {"id": "c", "name": "C"},
    {"name": "D", "id": "d"},  # same record, keys in another order: compared by field
]
NEW = [
    {"id": "e", "name": "E"},
    {"id": "d", "name": "D"},
    {"id": "b", "name": "B2", "users": 4, "notes": "new"},
    {"id": "a", "name": "A", "purposes": ["x"]},
]


def _both(old: list[Any], new: list[Any]) -> None:
    whole = diff_plans({"tools": old, "plan": {"name": "p"}}, {"tools": new, "plan": {"name": "q"}})
    given = {"tools": keyed_changes("tools", iter(old), keyed_texts("tools", new), json.loads)}
    apart = diff_plans({"plan": {"name": "p"}}, {"plan": {"name": "q"}}, given)
    assert apart == whole


def test_keyed_changes_are_diff_plans_changes() -> None:
    _both(OLD, NEW)
    whole = diff_plans({"tools": OLD}, {"tools": NEW})
    assert [(c.id, c.kind) for c in whole if c.kind != "changed"] == [
        ("c", "removed"),
        ("e", "added"),
    ]
    assert {c.field for c in whole if c.kind == "changed"} == {"name", "users", "notes"}


def test_one_side_empty() -> None:
    _both([], NEW)
    _both(OLD, [])
    _both([], [])
