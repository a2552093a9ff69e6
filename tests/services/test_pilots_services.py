"""Candidates, needs and pilots on a real SQLite workspace."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import yaml

from planner.bootstrap import Planner
from planner.domain.next_actions import texts
from planner.domain.pilots import PilotStatus
from planner.domain.plan import Tool, ToolStatus
from planner.domain.records.pilot import PilotChanges
from planner.domain.scoring import Criterion
from planner.errors import ConflictError, InputError
from planner.services.inventory import set_need
from planner.services.pilots import (
    add_pilot,
    decide,
    get_pilot,
    measure,
    parse_kpis,
    set_weights,
    suggest_needs,
    update_pilot,
)
from planner.services.plan_file import render_plan
from planner.services.plans import create_plan, overview
from planner.services.ranking import rank_candidates
from planner.services.tools import save_tools
from tests.conftest import TODAY

START = dt.date(2027, 1, 4)


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", START)
    save_tools(
        planner.workspace,
        "acme",
        [
            Tool(
                "sharepoint",
                "SharePoint",
                "sharepoint",
                status=ToolStatus.OFFICIAL,
                survey_users=500,
            ),
            Tool("yammer", "Yammer", "yammer", survey_users=80),
        ],
    )
    return "acme"


def test_ranking_puts_retired_last_and_reports_sensitivity(planner: Planner, plan: str) -> None:
    set_need(planner.workspace, planner.catalog, plan, "microblogging", 5)
    ranking = rank_candidates(planner.workspace, planner.catalog, plan)
    # The default use case, the internal network: internal products only, never public ones.
    assert {c.product for c in ranking.candidates} == {
        p.id for p in planner.catalog if p.category.value == "internal"
    }
    retired = [c for c in ranking.candidates if not c.eligible]
    assert {c.product for c in retired} >= {"yammer", "workplace-meta"}
    yammer = next(c for c in retired if c.product == "yammer")
    assert yammer.reason == "renamed: now Microsoft Viva Engage"
    # Yammer's 80 users count for its successor; SharePoint earns no suite credit from itself.
    viva = next(c for c in ranking.candidates if c.product == "viva-engage")
    assert viva.breakdown[Criterion.INTEGRATION] == 1.0 and viva.breakdown[Criterion.COST] == 1.0
    assert "counts 80 people who use it as Yammer" in viva.facts
    sharepoint = next(c for c in ranking.candidates if c.product == "sharepoint")
    assert sharepoint.breakdown[Criterion.INTEGRATION] < 1.0
    assert ranking.candidates[-len(retired) :] == retired
    assert all(0 <= c.score <= 1 for c in ranking.candidates)
    if ranking.swap is not None:  # None when the leader is ahead on every criterion
        from planner.domain.scoring import weighted

        first, second = [c for c in ranking.candidates if c.eligible and not c.reason][:2]
        changed = {**ranking.weights, ranking.swap.criterion: ranking.swap.weight}
        assert weighted(first.breakdown, changed)[0] == pytest.approx(
            weighted(second.breakdown, changed)[0], abs=1e-3
        )


def test_weights_change_the_ranking(planner: Planner, plan: str) -> None:
    set_weights(
        planner.workspace,
        plan,
        {
            "adoption": 10,
            "capability_fit": 0,
            "security": 0,
            "integration": 0,
            "cost": 0,
            "viability": 0,
        },
    )
    top = rank_candidates(planner.workspace, planner.catalog, plan).candidates[0]
    assert top.product == "sharepoint"  # the most users, and adoption is all that counts
    with pytest.raises(InputError, match="unknown criterion"):
        set_weights(planner.workspace, plan, {"price": 1})


def test_suggested_needs(planner: Planner, plan: str) -> None:
    suggested = suggest_needs(planner.workspace, planner.catalog, plan, ["creativity"])
    assert suggested["ideation"] == 5
    with pytest.raises(InputError, match="unknown benefit"):
        suggest_needs(planner.workspace, planner.catalog, plan, ["happiness"])
    suggest_needs(planner.workspace, planner.catalog, plan, ["creativity"], apply=True)
    assert rank_candidates(planner.workspace, planner.catalog, plan).needs["ideation"] == 5


def test_pilot_lifecycle_to_a_decision(planner: Planner, plan: str) -> None:
    ws = planner.workspace
    pilot, warning = add_pilot(
        ws,
        planner.catalog,
        plan,
        "jive",
        PilotChanges(
            title="Jive for R&D",
            departments=["R&D"],
            users=50,
            start=dt.date(2027, 2, 8),
            end=dt.date(2027, 3, 26),
        ),
        kpis=parse_kpis(["weekly-active-pct=60"]),
    )
    assert pilot.id == "jive-for-r-d" and warning is None
    with pytest.raises(ConflictError):
        add_pilot(ws, planner.catalog, plan, "jive", PilotChanges(title="Jive for R&D"))
    with pytest.raises(InputError, match="proposed pilot cannot become running"):
        update_pilot(ws, plan, pilot.id, status="running")
    update_pilot(ws, plan, pilot.id, status="approved")
    update_pilot(ws, plan, pilot.id, status="running")
    with pytest.raises(InputError, match="no measurement"):
        decide(ws, plan, pilot.id, "adopt", "looks good", TODAY)
    with pytest.raises(InputError, match="does not track"):
        measure(ws, plan, pilot.id, "emails-avoided", 3, TODAY)
    measure(ws, plan, pilot.id, "weekly-active-pct", 52, dt.date(2027, 2, 15))
    measure(ws, plan, pilot.id, "weekly-active-pct", 64, dt.date(2027, 2, 22))
    decided = decide(ws, plan, pilot.id, "adopt", "target met", TODAY)
    assert decided.status is PilotStatus.SUCCEEDED
    assert get_pilot(ws, plan, pilot.id).kpi_status()[0][1] == 64
    with pytest.raises(InputError, match="already decided"):
        decide(ws, plan, pilot.id, "reject", "changed my mind", TODAY)


def test_pilot_date_rules(planner: Planner, plan: str) -> None:
    ws = planner.workspace
    _, warning = add_pilot(
        ws,
        planner.catalog,
        plan,
        "slack",
        PilotChanges(start=dt.date(2027, 5, 1), end=dt.date(2027, 6, 1)),
    )
    assert warning is not None and "phase-2 window" in warning
    with pytest.raises(InputError, match="outside the plan year"):
        add_pilot(ws, planner.catalog, plan, "jive", PilotChanges(start=dt.date(2026, 1, 1)))
    with pytest.raises(InputError, match="retired"):
        add_pilot(ws, planner.catalog, plan, "workplace-meta")
    with pytest.raises(InputError, match="renamed Microsoft Viva Engage: pilot viva-engage"):
        add_pilot(ws, planner.catalog, plan, "yammer")
    with pytest.raises(InputError, match="unknown KPI"):
        parse_kpis(["happiness=3"])


def test_extend_needs_a_new_end(planner: Planner, plan: str) -> None:
    ws = planner.workspace
    pilot, _ = add_pilot(
        ws,
        planner.catalog,
        plan,
        "jive",
        PilotChanges(start=dt.date(2027, 2, 8), end=dt.date(2027, 3, 1)),
        kpis=parse_kpis(["documents-shared=5"]),
    )
    update_pilot(ws, plan, pilot.id, status="approved")
    update_pilot(ws, plan, pilot.id, status="running")
    measure(ws, plan, pilot.id, "documents-shared", 2, dt.date(2027, 2, 20))
    with pytest.raises(InputError, match="new end date"):
        decide(ws, plan, pilot.id, "extend", "not enough data", TODAY)
    extended = decide(ws, plan, pilot.id, "extend", "not enough data", TODAY, dt.date(2027, 3, 20))
    assert extended.status is PilotStatus.RUNNING and extended.end == dt.date(2027, 3, 20)
    assert not extended.closed


def test_dashboard_and_plan_file(planner: Planner, plan: str) -> None:
    ws = planner.workspace
    add_pilot(ws, planner.catalog, plan, "jive", PilotChanges(title="Jive for R&D"))
    actions = texts(overview(ws, plan, TODAY).actions)
    assert "pilot 'Jive for R&D' has no success criteria" in actions
    doc = yaml.safe_load(render_plan(ws, plan, TODAY, planner.catalog))
    assert doc["pilots"][0]["id"] == "jive-for-r-d"
    assert set(doc["needs"]["criteria"]) == {
        "capability_fit",
        "security",
        "integration",
        "cost",
        "viability",
        "adoption",
    }
    # the leaders of the default use case (internal network), in the ranking's order
    ranking = rank_candidates(ws, planner.catalog, plan, TODAY).lists[0].candidates
    leaders = [c.product for c in ranking if c.eligible][:5]
    assert [c["product"] for c in doc["candidates"]] == leaders
    assert [c["rank"] for c in doc["candidates"]] == [1, 2, 3, 4, 5]
    assert {c["use_case"] for c in doc["candidates"]} == {"internal-network"}
    again = render_plan(ws, plan, TODAY, planner.catalog)
    assert again == render_plan(ws, plan, TODAY, planner.catalog)


def test_banned_product_is_neither_piloted_nor_adopted(planner: Planner, plan: str) -> None:
    ws = planner.workspace
    pilot, _ = add_pilot(ws, planner.catalog, plan, "slack", PilotChanges(title="Slack for IT"))
    for status in ("approved", "running"):
        update_pilot(ws, plan, pilot.id, status=status)
    banned = Tool(
        "slack",
        "Slack",
        "slack",
        status=ToolStatus.BANNED,
        survey_users=71,
        last_seen=dt.date(2026, 11, 20),
    )
    save_tools(ws, plan, [banned])
    refused = "Slack is banned, 71 people last seen 2026-11-20: it cannot be {} until the ban"
    with pytest.raises(InputError, match=refused.format("piloted")):
        add_pilot(ws, planner.catalog, plan, "slack", PilotChanges(title="Slack again"))
    with pytest.raises(InputError, match=refused.format("adopted")):
        decide(ws, plan, pilot.id, "adopt", "they like it", TODAY, catalog=planner.catalog)
    save_tools(ws, plan, [dataclasses.replace(banned, status=ToolStatus.TOLERATED)])
    again, _ = add_pilot(
        ws, planner.catalog, plan, "slack", PilotChanges(title="Slack again")
    )  # lifted
    assert again.product == "slack"


def test_platform_domains_in_the_evidence_are_suite_evidence(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    """Traffic to acme.my.salesforce.com shows the Salesforce suite in use: the ranking
    says so and credits its products' integration; no Chatter tool is made of it."""
    from planner.services.discover import import_file
    from planner.services.plans import update_plan

    log = tmp_path / "proxy.log"
    log.write_text(
        "".join(
            f"177244653{i}.000     90 10.0.0.{i} TCP_TUNNEL/200 900 CONNECT "
            f"acme.my.salesforce.com:443 user{i} HIER_DIRECT/203.0.113.9 -\n"
            for i in range(5)
        ),
        encoding="utf-8",
    )
    import_file(planner.workspace, planner.catalog, planner.pseudonym_key, plan, log)
    assert not any(
        t.product == "salesforce-chatter" for t in overview(planner.workspace, plan, TODAY).tools
    )
    update_plan(planner.workspace, plan, use_cases=["customer-community"])
    ranking = rank_candidates(planner.workspace, planner.catalog, plan, TODAY)
    assert ranking.seen_suites == ("salesforce",)
    experience = next(c for c in ranking.candidates if c.product == "salesforce-experience-cloud")
    assert experience.breakdown[Criterion.INTEGRATION] == 0.75
