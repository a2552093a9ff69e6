"""Discover is done when evidence came in and was triaged, not when IT typed the tools it
knows: a plan with four tools entered by hand and nothing imported, two days before its
start, is a third of the way — never "Discover done" — and no phase is done before it
begins."""

from __future__ import annotations

import datetime as dt

from planner.bootstrap import Planner
from planner.domain.records.inventory import ToolChanges
from planner.domain.roadmap import Phase, PhaseStatus
from planner.services.discover import import_file
from planner.services.plans import create_plan, overview
from planner.services.tools import add_tool
from tests.conftest import DATA

START = dt.date(2027, 1, 4)
TWO_DAYS_BEFORE = START - dt.timedelta(days=2)
HAND_TYPED = ("Microsoft Teams", "Slack", "WhatsApp", "Jive")


def _discover(planner: Planner, today: dt.date):  # type: ignore[no-untyped-def]
    view = overview(planner.workspace, "acme", today)
    return next(p for p in view.phases if p.phase is Phase.DISCOVER), view


def _type_tools(planner: Planner) -> None:
    for name in HAND_TYPED:
        add_tool(
            planner.workspace,
            planner.catalog,
            "acme",
            name,
            ToolChanges(status="official", purposes=["internal-sharing"]),
        )


def test_four_hand_typed_tools_without_evidence_are_not_discover_done(planner: Planner) -> None:
    create_plan(planner.workspace, "acme", START)
    _type_tools(planner)
    state, view = _discover(planner, TWO_DAYS_BEFORE)
    assert state.status is not PhaseStatus.DONE
    assert round(state.progress, 2) == 0.33  # the tools' third: no evidence, no triage
    assert any(a.text.startswith("No evidence imported yet") for a in view.actions)
    # Still not done after the start: typing tools is not discovering them.
    state, _ = _discover(planner, START + dt.timedelta(days=10))
    assert state.status is not PhaseStatus.DONE


def test_evidence_imported_and_triaged_finishes_discover_but_not_before_the_start(
    planner: Planner,
) -> None:
    from planner.services.discover.triage import decide_host, list_hosts

    create_plan(planner.workspace, "acme", START)
    import_file(
        planner.workspace,
        planner.catalog,
        planner.pseudonym_key,
        "acme",
        DATA / "logs" / "squid_native.log",
    )
    state, _ = _discover(planner, START + dt.timedelta(days=10))
    assert state.progress < 1.0  # hosts wait for triage, tools for a classification
    for host in list_hosts(planner.workspace, "acme", limit=None)[0]:
        decide_host(planner.workspace, planner.catalog, "acme", host.host, "ignored")
    from planner.services.inventory import inventory_report
    from planner.services.tools import update_tool

    for tool in inventory_report(planner.workspace, planner.catalog, "acme").tools:
        update_tool(
            planner.workspace,
            planner.catalog,
            "acme",
            tool.slug,
            ToolChanges(status="official", purposes=["internal-sharing"]),
        )
    state, _ = _discover(planner, START + dt.timedelta(days=10))
    assert state.progress == 1.0 and state.status is PhaseStatus.DONE
    state, _ = _discover(planner, TWO_DAYS_BEFORE)
    assert state.status is not PhaseStatus.DONE


def test_users_told_in_interviews_are_not_evidence(planner: Planner) -> None:
    create_plan(planner.workspace, "acme", START)
    for name in HAND_TYPED:
        add_tool(
            planner.workspace,
            planner.catalog,
            "acme",
            name,
            ToolChanges(status="official", purposes=["internal-sharing"]),
            users=120,
        )
    state, view = _discover(planner, START + dt.timedelta(days=10))
    assert state.status is not PhaseStatus.DONE
    assert round(state.progress, 2) == 0.33
    assert any(a.text.startswith("No evidence imported yet") for a in view.actions)
