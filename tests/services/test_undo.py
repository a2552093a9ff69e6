"""Undo without a front end: records kept before a change are put back exactly, records
added since are removed, deleted ones come back with their children."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.errors import InputError
from planner.services.adoption import assess, readiness
from planner.services.inventory import list_risks, save_risk
from planner.services.pilots import list_pilots
from planner.services.undo import NEEDS, Step, UndoStack, before, delete_record, put_back
from tests.conftest import DemoAt


def test_an_edited_risk_is_put_back_and_its_version_moves_on(
    demo_at: DemoAt, tmp_path: Path
) -> None:
    planner = demo_at(tmp_path / "w.sqlite")
    ws = planner.workspace
    risk = list_risks(ws, None)[0]
    kept = before(ws, None, [("risks", risk.id)])
    save_risk(ws, None, risk.id, owner="Someone else", mitigation="changed")
    put_back(ws, kept)
    back = next(r for r in list_risks(ws, None) if r.id == risk.id)
    assert (back.owner, back.mitigation, back.title) == (risk.owner, risk.mitigation, risk.title)
    assert back.version > risk.version  # a form opened before the undo sees a change


def test_an_added_record_is_removed(demo_at: DemoAt, tmp_path: Path) -> None:
    planner = demo_at(tmp_path / "w.sqlite")
    ws = planner.workspace
    ids = {r.id for r in list_risks(ws, None)}
    kept = before(ws, None, adds=["risks"])
    save_risk(ws, None, "Vendor lock-in", create=True, title="Vendor lock-in")
    assert {r.id for r in list_risks(ws, None)} > ids
    put_back(ws, kept)
    assert {r.id for r in list_risks(ws, None)} == ids


def test_a_deleted_pilot_comes_back_with_its_kpis_and_measurements(
    demo_at: DemoAt, tmp_path: Path
) -> None:
    planner = demo_at(tmp_path / "w.sqlite")
    ws = planner.workspace
    pilot = next(p for p in list_pilots(ws, None) if p.criteria and p.measurements)
    kept = before(ws, None, [("pilots", pilot.id)])
    delete_record(ws, None, "pilots", pilot.id)
    assert pilot.id not in {p.id for p in list_pilots(ws, None)}
    put_back(ws, kept)
    back = next(p for p in list_pilots(ws, None) if p.id == pilot.id)
    assert (back.title, back.criteria, back.measurements) == (
        pilot.title,
        pilot.criteria,
        pilot.measurements,
    )


def test_a_tool_seen_in_the_logs_is_not_deleted(demo_at: DemoAt, tmp_path: Path) -> None:
    planner = demo_at(tmp_path / "w.sqlite")
    with pytest.raises(InputError, match="seen in the logs"):
        delete_record(planner.workspace, None, "tools", "slack")


def test_a_departments_readiness_and_a_need_are_put_back(demo_at: DemoAt, tmp_path: Path) -> None:
    from planner.services.inventory import inventory_report, set_need

    planner = demo_at(tmp_path / "w.sqlite")
    ws, catalog = planner.workspace, planner.catalog
    history = readiness(ws, None, history=True)
    department = history[0].department
    capability = next(iter(catalog.capabilities))
    needs = inventory_report(ws, catalog, None, planner.today()).needs
    kept = before(ws, None, [("readiness", department), (NEEDS, capability)])
    scores = dict.fromkeys(("awareness", "desire", "knowledge", "ability", "reinforcement"), 5)
    assess(ws, None, department, scores, dt.date(2027, 6, 1), "all fine")
    set_need(ws, catalog, None, capability, 5 if needs.get(capability) != 5 else 1)
    put_back(ws, kept)
    assert readiness(ws, None, history=True) == history
    assert inventory_report(ws, catalog, None, planner.today()).needs == needs


def test_the_stack_pops_the_latest_first_and_keeps_a_limit() -> None:
    stack = UndoStack(limit=2)
    done: list[str] = []
    for label in ("a", "b", "c"):
        stack.push(Step(label, lambda label=label: done.append(label)))
    assert len(stack) == 2
    while (step := stack.pop()) is not None:
        step.undo()
    assert done == ["c", "b"]
