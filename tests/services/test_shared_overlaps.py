"""Overlaps are computed once per report (the inventory, the costs and the exit proposals
each ask), only inside a sharing block, and not at all when no exit is to propose."""

from __future__ import annotations

from typing import Any

import pytest

from planner.adapters.store import reads
from planner.bootstrap import Planner
from planner.domain import inventory as inv
from planner.services.inventory import plan_overlaps
from tests.services.conftest import DEMO_TODAY

TODAY = DEMO_TODAY  # the day the shared ``demo`` fixture builds the demo on


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = inv.overlaps

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(inv, "overlaps", counting)
    return calls


def test_once_inside_a_sharing_block(demo: Planner, monkeypatch: pytest.MonkeyPatch) -> None:
    with demo.workspace.rows() as conn:
        tools = reads.tools(conn, reads.plan_id(conn, None))
    expected = inv.overlaps({}, demo.catalog, tools)
    assert expected  # the demo has overlaps
    calls = _counted(monkeypatch)
    assert plan_overlaps(tools, demo.catalog) == expected
    assert plan_overlaps(tools, demo.catalog) == expected
    assert len(calls) == 2  # outside a sharing block: each time
    with reads.sharing_tools():
        assert plan_overlaps(tools, demo.catalog) == expected
        assert plan_overlaps(list(tools), demo.catalog) == expected  # the same tools
        assert plan_overlaps(tools[1:], demo.catalog) == inv.overlaps({}, demo.catalog, tools[1:])
    assert len(calls) == 2 + 1 + 2  # other tools: computed again


def test_no_overlaps_asked_without_a_retired_product(
    demo: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.services.exits import exit_proposals

    with demo.workspace.rows() as conn:
        plan_id = reads.plan_id(conn, None)
        tools = reads.tools(conn, plan_id)
        proposals = exit_proposals(conn, plan_id, tools, demo.catalog, TODAY)
        calls = _counted(monkeypatch)
        live = [t for t in tools if t.slug not in {p.tool for p in proposals}]
        retired = [t for t in tools if t.slug in {p.tool for p in proposals}]
        assert retired  # the demo has a tool on a retired product
        assert exit_proposals(conn, plan_id, live, demo.catalog, TODAY) == []
        assert calls == []
        assert exit_proposals(conn, plan_id, tools, demo.catalog, TODAY) == proposals
        assert calls == [1]
