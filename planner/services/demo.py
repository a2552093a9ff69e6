"""The demo workspace: a fictional company part-way through its first month.

Hexaline Industries (a made-up European manufacturer, 2,400 staff) started its plan three
weeks before today, so the dashboard has a live phase, a due date close by and real next
actions. The evidence covers the systems named in the source documents (Yammer, Facebook,
LinkedIn, Jive, SharePoint, Twitter…) and the shadow IT an IT team meets today.
"""

from __future__ import annotations

import datetime as dt

from planner.adapters.db import Workspace
from planner.domain.catalog import Catalog, Category
from planner.domain.plan import Plan, Source, Tool, ToolStatus
from planner.services.plans import create_plan
from planner.services.tools import save_tools

DEMO_PLAN = "hexaline-2027"
DEMO_ORGANISATION = "Hexaline Industries"
DEPARTMENTS = ("R&D", "Sales", "Marketing", "Customer Service", "HR", "IT", "Finance", "Operations")


def demo_start(today: dt.date) -> dt.date:
    """The Monday three weeks before ``today``: the plan is in its first month."""
    day = today - dt.timedelta(days=21)
    return day - dt.timedelta(days=day.weekday())


def _tools(today: dt.date, catalog: Catalog) -> list[Tool]:
    seen = today - dt.timedelta(days=2)
    first = today - dt.timedelta(days=60)
    proxy, survey = Source.PROXY_LOG.value, Source.SURVEY.value
    rows: list[Tool] = [
        Tool(
            "yammer",
            "Yammer",
            "yammer",
            status=ToolStatus.UNOFFICIAL,
            classified=True,
            purposes=("internal-sharing", "expertise-location"),
            departments=("R&D", "Sales"),
            users=161,
            sources=(proxy, survey),
            first_seen=first,
            last_seen=seen,
        ),
        Tool(
            "facebook",
            "Facebook",
            "facebook",
            status=ToolStatus.TOLERATED,
            classified=True,
            purposes=("visibility-brand", "customer-relations"),
            departments=("Marketing", "Customer Service"),
            users=412,
            sources=(proxy,),
            first_seen=first,
            last_seen=seen,
            owner="Head of Marketing",
        ),
        Tool(
            "linkedin",
            "LinkedIn",
            "linkedin",
            status=ToolStatus.TOLERATED,
            classified=True,
            purposes=("recruiting", "social-selling"),
            departments=("HR", "Sales"),
            users=530,
            sources=(proxy, survey),
            first_seen=first,
            last_seen=seen,
        ),
        Tool(
            "sharepoint",
            "SharePoint",
            "sharepoint",
            status=ToolStatus.OFFICIAL,
            classified=True,
            purposes=("knowledge-management", "project-coordination"),
            departments=DEPARTMENTS,
            users=1870,
            sources=(proxy,),
            first_seen=first,
            last_seen=seen,
            owner="IT collaboration team",
        ),
        Tool(
            "jive",
            "Jive",
            "jive",
            status=ToolStatus.OFFICIAL,
            classified=True,
            purposes=("knowledge-management",),
            departments=("R&D",),
            users=96,
            sources=(proxy, survey),
            first_seen=first,
            last_seen=seen,
            owner="R&D PMO",
        ),
        Tool(
            "twitter",
            "Twitter / X",
            "twitter",
            purposes=("visibility-brand",),
            departments=("Marketing",),
            users=38,
            sources=(proxy,),
            first_seen=first,
            last_seen=seen,
        ),
        Tool(
            "slack",
            "Slack",
            "slack",
            departments=("R&D", "IT"),
            users=74,
            sources=(proxy,),
            first_seen=first,
            last_seen=seen,
        ),
        Tool(
            "workplace-meta",
            "Workplace from Meta",
            "workplace-meta",
            departments=("Operations",),
            users=23,
            sources=(survey,),
            first_seen=first,
            last_seen=seen,
        ),
        Tool(
            "ideas-box",
            "Hexaline Ideas Box",
            None,
            category=Category.INTERNAL,
            status=ToolStatus.OFFICIAL,
            classified=True,
            purposes=("innovation",),
            capabilities=("ideation",),
            departments=("R&D", "Operations"),
            users=210,
            sources=(Source.INTERVIEW.value,),
            owner="Innovation office",
        ),
    ]
    # Keep the demo honest if the catalog lacks a product (e.g. a trimmed user catalog).
    return [
        t
        if t.product is None or catalog.get(t.product)
        else Tool(
            t.slug, t.name, None, category=Category.INTERNAL, users=t.users, sources=t.sources
        )
        for t in rows
    ]


def build_demo(ws: Workspace, catalog: Catalog, today: dt.date) -> Plan:
    """Fill an empty workspace with the demo plan; returns the plan."""
    plan = create_plan(ws, DEMO_PLAN, demo_start(today), DEMO_ORGANISATION, owner="CIO office")
    save_tools(ws, plan.name, _tools(today, catalog))
    return plan
