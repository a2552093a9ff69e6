"""What to offer instead of an unofficial or banned tool: an official tool that
serves its purposes first, else a leading candidate in its category, else nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.bootstrap import Planner, Settings, bootstrap
from planner.domain.alternatives import alternatives
from planner.domain.catalog import Category
from planner.domain.plan import Tool, ToolStatus
from planner.domain.scoring import Candidate
from planner.services.demo import build_demo
from planner.services.inventory import offer_instead
from planner.services.report import render_markdown

TODAY = dt.date(2026, 11, 23)
OFFICIAL = ToolStatus.OFFICIAL


def _candidate(product: str, name: str, score: float, eligible: bool = True) -> Candidate:
    return Candidate(product, name, score, {}, {}, eligible)


def test_an_official_tool_serving_its_purposes_comes_first(planner: Planner) -> None:
    tools = [
        Tool("slack", "Slack", "slack", Category.INTERNAL, purposes=("project-coordination",)),
        Tool("teams", "Teams", None, Category.INTERNAL, OFFICIAL, ("project-coordination",)),
        Tool("wiki", "Wiki", None, Category.INTERNAL, OFFICIAL, ("knowledge-management",)),
        Tool("big", "Big", None, Category.INTERNAL, OFFICIAL, ("innovation",), log_users=900),
    ]
    found = alternatives(tools, planner.catalog, [_candidate("jive", "Jive", 0.9)])
    assert set(found) == {"slack"}  # official tools need none
    assert (found["slack"].offer, found["slack"].official) == ("Teams", True)
    assert found["slack"].why == "official; serves project coordination"


def test_a_banned_tool_with_no_official_match_gets_a_leading_candidate(planner: Planner) -> None:
    tools = [
        Tool("ideas", "Ideas", None, Category.INTERNAL, ToolStatus.BANNED, ("innovation",)),
        Tool("tweets", "Tweets", None, Category.PUBLIC, purposes=("visibility-brand",)),
        Tool("crm", "CRM", None, Category.EXTERNAL, OFFICIAL, ("customer-relations",)),
    ]
    ranked = [
        _candidate("linkedin", "LinkedIn", 0.95, eligible=False),  # not eligible: skipped
        _candidate("jive", "Jive", 0.8),
        _candidate("jamespot", "Jamespot", 0.7),
    ]
    found = alternatives(tools, planner.catalog, ranked)
    assert (found["ideas"].offer, found["ideas"].official) == ("Jive", False)
    assert found["ideas"].why.startswith("candidate #1 (score 0.80)")
    # A public network used for brand visibility: no internal candidate is offered.
    assert "tweets" not in found


def test_the_demo_offers_something_and_the_report_says_it(tmp_path: Path) -> None:
    app = bootstrap(Settings(db=str(tmp_path / "demo.sqlite"), today=lambda: TODAY))
    try:
        build_demo(app.workspace, app.catalog, app.pseudonym_key, TODAY)
        found = offer_instead(app.workspace, app.catalog, None)
        assert found["slack"].offer == "Microsoft Teams" and found["slack"].official
        report = render_markdown(app.workspace, app.catalog, None, TODAY)
        section = report.split("## What to offer instead", 1)[1].split("\n## ", 1)[0]
        assert "| Slack |" in section and "| Microsoft Teams | official; serves" in section
    finally:
        app.close()


def _german_shop(**jive: object) -> list[Tool]:
    """A Google Workspace company with an old Jive: Slack in engineering."""
    return [
        Tool("slack", "Slack", "slack", Category.INTERNAL, purposes=("project-coordination",)),
        Tool(
            "jive",
            "Jive",
            "jive",
            Category.INTERNAL,
            OFFICIAL,
            ("knowledge-management", "project-coordination"),
            log_users=2400,
        ),
        Tool(
            "google-chat",
            "Google Chat",
            "google-chat",
            Category.INTERNAL,
            OFFICIAL,
            ("project-coordination",),
            log_users=900,
        ),
    ]


def test_the_strategic_platform_comes_before_a_standalone_official(planner: Planner) -> None:
    found = alternatives(_german_shop(), planner.catalog, [])
    assert found["slack"].offer == "Google Chat"  # Jive has more users, but no suite


def test_an_official_the_plan_is_leaving_is_never_offered(planner: Planner) -> None:
    tools = [t for t in _german_shop() if t.slug != "google-chat"]
    assert alternatives(tools, planner.catalog, [])["slack"].offer == "Jive"
    ranked = [_candidate("google-chat", "Google Chat", 0.9)]
    found = alternatives(tools, planner.catalog, ranked, leaving={"jive"})
    assert (found["slack"].offer, found["slack"].official) == ("Google Chat", False)


def test_a_purpose_served_beats_a_suite_sharing_only_the_category(planner: Planner) -> None:
    tools = _german_shop()
    tools[2] = Tool("google-chat", "Google Chat", "google-chat", Category.INTERNAL, OFFICIAL)
    assert alternatives(tools, planner.catalog, [])["slack"].offer == "Jive"


def test_retiring_the_legacy_tool_sends_people_elsewhere(planner: Planner) -> None:
    from planner.domain.records.inventory import ToolChanges
    from planner.services.exits import retire_tool
    from planner.services.plans import create_plan
    from planner.services.tools import add_tool

    ws, cat = planner.workspace, planner.catalog
    create_plan(ws, "acme", dt.date(2027, 1, 4))
    add_tool(ws, cat, "acme", "Slack", ToolChanges(purposes=["project-coordination"]))
    add_tool(
        ws,
        cat,
        "acme",
        "Jive",
        ToolChanges(status="official", purposes=["project-coordination"]),
    )
    assert offer_instead(ws, cat, "acme")["slack"].offer == "Jive"
    retire_tool(ws, cat, "acme", "jive", dt.date(2027, 6, 30), TODAY, target="google-chat")
    assert offer_instead(ws, cat, "acme")["slack"].offer != "Jive"
