"""Two names for one tool made one (``tools merge``), a tool deleted with what goes with
it (``tools delete``), users known from interviews (``tools add --users``), and survey
names that follow a product's rename — set up as a consultant meets them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.errors import InputError, NotFoundError
from planner.services.discover import import_file
from planner.services.discover.triage import decide_host, list_hosts
from planner.services.plans import create_plan
from planner.services.tool_merge import delete_tool, merge_tools, tool_dependents
from planner.services.tools import add_tool, get_tool, list_tools

LINE = (
    "1772546530.000     10 10.0.0.5 TCP_TUNNEL/200 100 CONNECT {host}:443 {user} "
    "HIER_DIRECT/203.0.113.10 -\n"
)


def _log(path: Path, visits: list[tuple[str, str]]) -> Path:
    path.write_text("".join(LINE.format(host=h, user=u) for h, u in visits))
    return path


def _import(planner: Planner, path: Path, fmt: str | None = None) -> None:
    import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", path, fmt)


@pytest.fixture
def acme(planner: Planner, tmp_path: Path) -> Planner:
    """Two custom tools triaged from the logs that are one team tool: alice and bob use
    the chat host, bob and carol the files host (bob counted once after the merge)."""
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    _log_path = _log(
        tmp_path / "proxy.log",
        [
            ("chat.teamtool.example", "alice"),
            ("chat.teamtool.example", "bob"),
            ("files.teamtool-cdn.example", "bob"),
            ("files.teamtool-cdn.example", "carol"),
        ],
    )
    _import(planner, _log_path)
    ws, cat = planner.workspace, planner.catalog
    decide_host(ws, cat, "acme", "chat.teamtool.example", "custom", name="Team Tool")
    decide_host(ws, cat, "acme", "files.teamtool-cdn.example", "custom", name="TeamTool Files")
    return planner


def _users(planner: Planner) -> dict[str, int]:
    return {t.slug: t.users for t in list_tools(planner.workspace, "acme")}


def test_merge_counts_each_person_once_and_keeps_the_evidence(
    acme: Planner, tmp_path: Path
) -> None:
    assert _users(acme) == {"team-tool": 2, "teamtool-files": 2}
    merged = merge_tools(acme.workspace, acme.catalog, "acme", "teamtool-files", "team-tool")
    assert merged.took.hosts == 1
    assert _users(acme) == {"team-tool": 3}  # alice, bob, carol: bob once
    tool = get_tool(acme.workspace, "acme", "team-tool")
    assert tool.requests == 4
    assert "Merged from TeamTool Files (teamtool-files)" in tool.notes
    hosts, _ = list_hosts(acme.workspace, "acme", unmatched=False, search="teamtool")
    assert {h.host: h.tool for h in hosts} == {
        "chat.teamtool.example": "team-tool",
        "files.teamtool-cdn.example": "team-tool",
    }
    # a later log keeps feeding the tool that stayed, and does not bring the other back
    _import(acme, _log(tmp_path / "next.log", [("files.teamtool-cdn.example", "dave")]))
    assert _users(acme) == {"team-tool": 4}


def test_merge_joins_survey_answers_purposes_and_departments(acme: Planner, tmp_path: Path) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "tool,department,purposes,users\n"
        "TeamTool Files,Engineering,internal-sharing,30\n"
        "Team Tool,Sales,project-coordination,5\n"
    )
    _import(acme, survey, "survey")
    merge_tools(acme.workspace, acme.catalog, "acme", "teamtool-files", "team-tool")
    tool = get_tool(acme.workspace, "acme", "team-tool")
    assert tool.survey_users == 35
    assert set(tool.departments) >= {"Engineering", "Sales"}
    assert set(tool.purposes) == {"internal-sharing", "project-coordination"}


def test_merge_refuses_unknown_tools_and_itself(acme: Planner) -> None:
    with pytest.raises(NotFoundError):
        merge_tools(acme.workspace, acme.catalog, "acme", "nope", "team-tool")
    with pytest.raises(InputError):
        merge_tools(acme.workspace, acme.catalog, "acme", "team-tool", "team-tool")
    assert _users(acme) == {"team-tool": 2, "teamtool-files": 2}  # nothing lost


def test_delete_says_what_goes_and_returns_hosts_to_triage(acme: Planner) -> None:
    _, goes = tool_dependents(acme.workspace, "acme", "teamtool-files")
    assert goes.words() == ["1 host"]
    deleted = delete_tool(acme.workspace, acme.catalog, "acme", "teamtool-files")
    assert (deleted.returned.hosts, deleted.returned.people) == (1, 2)
    assert "teamtool-files" not in _users(acme)
    open_hosts, _ = list_hosts(acme.workspace, "acme", unmatched=True, search="teamtool-cdn")
    assert [h.host for h in open_hosts] == ["files.teamtool-cdn.example"]


def test_interview_users_survive_a_later_survey(planner: Planner, tmp_path: Path) -> None:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    add_tool(planner.workspace, planner.catalog, "acme", "Shop-floor chat", users=40)
    survey = tmp_path / "survey.csv"
    survey.write_text("tool,department,users\nShop-floor chat,Logistics,10\n")
    _import(planner, survey, "survey")
    # the survey's name is the tool typed by hand: one tool, its users added per department
    assert _users(planner) == {"shop-floor-chat": 50}
    with pytest.raises(InputError):
        add_tool(planner.workspace, planner.catalog, "acme", "Other", users=-1)


def test_a_survey_name_follows_the_products_rename(planner: Planner, tmp_path: Path) -> None:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    _import(planner, _log(tmp_path / "p.log", [("web.yammer.com", "alice")]))
    survey = tmp_path / "survey.csv"
    survey.write_text("tool,department,users\nYammer,Sales,12\n")
    _import(planner, survey, "survey")
    tools = list_tools(planner.workspace, "acme")
    assert [(t.slug, t.product) for t in tools] == [("viva-engage", "viva-engage")]
    assert tools[0].users == 12
