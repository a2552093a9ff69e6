"""Plan use cases on a real SQLite file."""

import datetime as dt

import pytest

from planner.bootstrap import Planner
from planner.domain.next_actions import texts
from planner.domain.plan import Tool, ToolStatus
from planner.domain.roadmap import Phase, PhaseStatus
from planner.errors import ConflictError, InputError, NotFoundError
from planner.services.plans import create_plan, get_plan, list_plans, overview
from planner.services.tools import list_tools, save_tools
from tests.conftest import TODAY


def test_create_list_and_get(planner: Planner) -> None:
    ws = planner.workspace
    create_plan(ws, "acme-2027", dt.date(2027, 1, 4), "Acme")
    create_plan(ws, "beta", dt.date(2027, 3, 1))
    assert [p.name for p in list_plans(ws)] == ["acme-2027", "beta"]
    assert get_plan(ws, "acme-2027").organisation == "Acme"
    with pytest.raises(NotFoundError, match="several plans"):
        get_plan(ws)
    with pytest.raises(NotFoundError, match="no plan named 'nope'"):
        get_plan(ws, "nope")


def test_single_plan_is_the_default(planner: Planner) -> None:
    create_plan(planner.workspace, "only", dt.date(2027, 1, 4))
    assert get_plan(planner.workspace).name == "only"


def test_duplicate_and_bad_names(planner: Planner) -> None:
    ws = planner.workspace
    create_plan(ws, "acme", dt.date(2027, 1, 4))
    with pytest.raises(ConflictError, match="already exists"):
        create_plan(ws, "acme", dt.date(2027, 1, 4))
    for bad in ("", "   ", "a/b", "x" * 200, "tab\tname"):
        with pytest.raises(InputError):
            create_plan(ws, bad, dt.date(2027, 1, 4))
    assert [p.name for p in list_plans(ws)] == ["acme"]


def test_overview_phases_progress_and_actions(planner: Planner) -> None:
    ws = planner.workspace
    create_plan(ws, "acme", dt.date(2027, 1, 4))
    view = overview(ws, "acme", TODAY)
    assert [s.phase for s in view.phases] == list(Phase)
    assert [s.due for s in view.phases] == [
        dt.date(2027, 2, 4),
        dt.date(2027, 4, 4),
        dt.date(2028, 1, 4),
    ]
    # 15 Feb 2027: discover is past due with nothing found.
    assert view.phases[0].status is PhaseStatus.LATE
    assert any("No tools found" in a for a in texts(view.actions))

    save_tools(
        ws,
        "acme",
        [
            Tool(
                "yammer",
                "Yammer",
                "yammer",
                status=ToolStatus.UNOFFICIAL,
                classified=True,
                purposes=("internal-sharing",),
                survey_users=10,
            ),
            Tool("slack", "Slack", "slack", survey_users=5),
        ],
    )
    view = overview(ws, "acme", TODAY)
    # Half the tools described, and no evidence imported nor triaged: a sixth of Discover.
    assert view.phases[0].progress == pytest.approx(0.5 / 3)
    assert any(a.startswith("No evidence imported yet") for a in texts(view.actions))
    assert "1 tool not yet classified" in texts(view.actions)
    assert "1 tool with no purposes described" in texts(view.actions)


def test_save_tools_updates_in_place(planner: Planner) -> None:
    ws = planner.workspace
    create_plan(ws, "acme", dt.date(2027, 1, 4))
    save_tools(ws, "acme", [Tool("yammer", "Yammer", "yammer", survey_users=10)])
    save_tools(ws, "acme", [Tool("yammer", "Yammer", "yammer", survey_users=12, owner="IT")])
    tools = list_tools(ws, "acme")
    assert len(tools) == 1
    assert (tools[0].users, tools[0].owner, tools[0].version) == (12, "IT", 2)


def test_deleting_a_plan_cascades_to_its_tools(planner: Planner) -> None:
    from sqlalchemy import text

    ws = planner.workspace
    create_plan(ws, "acme", dt.date(2027, 1, 4))
    save_tools(ws, "acme", [Tool("yammer", "Yammer", "yammer")])
    with ws.write() as session:
        session.execute(text("DELETE FROM plan"))
    with ws.read() as session:
        assert session.execute(text("SELECT count(*) FROM tool")).scalar() == 0


def test_next_actions_name_hosts_to_triage_even_without_tools() -> None:
    from planner.domain.plan import Plan
    from planner.domain.roadmap import roadmap
    from planner.services.plans import next_actions

    plan = Plan("acme", dt.date(2027, 1, 4))
    phases = roadmap(plan.start, {}, dt.date(2027, 1, 10))
    assert texts(next_actions(plan, phases, [], dt.date(2027, 1, 10), (8, 3))) == [
        "3 unmatched hosts with over 20 users to triage"
    ]
    assert texts(next_actions(plan, phases, [], dt.date(2027, 1, 10), (8, 0))) == [
        "8 unmatched hosts to triage"
    ]
    assert next_actions(plan, phases, [], dt.date(2027, 1, 10))[0].text.startswith("No tools found")
