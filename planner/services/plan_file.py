"""The plan as a reviewable document (DESIGN.md §4): built here, written by the adapters.

Determinism is the point: keys in a fixed order, lists sorted by id, ISO dates, no
database ids and no export timestamp, so that two exports of the same data give the same
bytes and a reviewer's diff shows only real changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from planner.adapters.db import Workspace
from planner.adapters.files import write_atomic
from planner.adapters.yamlsafe import dump_yaml
from planner.domain.plan import Tool
from planner.services.plans import overview

SCHEMA = "planner.plan/1"


def _tool(tool: Tool) -> dict[str, Any]:
    return {
        "id": tool.slug,
        "name": tool.name,
        "product": tool.product,
        "category": tool.category.value if tool.category else None,
        "status": tool.status.value,
        "classified": tool.classified,
        "purposes": sorted(tool.purposes),
        "departments": sorted(tool.departments),
        "capabilities": sorted(tool.capabilities),
        "users": tool.users,
        "sources": sorted(tool.sources),
        "first_seen": tool.first_seen,
        "last_seen": tool.last_seen,
        "owner": tool.owner,
        "notes": tool.notes,
    }


def plan_document(ws: Workspace, name: str | None, today: dt.date) -> dict[str, Any]:
    view = overview(ws, name, today)
    plan = view.plan
    return {
        "schema": SCHEMA,
        "plan": {
            "name": plan.name,
            "organisation": plan.organisation,
            "owner": plan.owner,
            "start": plan.start,
            "eu_residency_required": plan.eu_residency_required,
        },
        "roadmap": [
            {
                "phase": s.phase.value,
                "due": s.due,
                "progress": round(s.progress, 2),
                "status": s.status.value,
            }
            for s in view.phases
        ],
        "tools": [_tool(t) for t in sorted(view.tools, key=lambda t: t.slug)],
    }


def render_plan(ws: Workspace, name: str | None, today: dt.date) -> str:
    return dump_yaml(plan_document(ws, name, today))


def default_export_path(plan_name: str) -> Path:
    return Path("plans") / f"{plan_name}.yaml"


def export_plan(ws: Workspace, name: str | None, today: dt.date, path: Path | None) -> Path:
    """Write the plan file atomically; returns where it went (``-`` for stdout)."""
    document = plan_document(ws, name, today)
    target = path if path is not None else default_export_path(document["plan"]["name"])
    write_atomic(target, dump_yaml(document))
    return target
