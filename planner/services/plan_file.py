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
from planner.adapters.repository import Repository
from planner.adapters.yamlsafe import dump_yaml
from planner.domain.inventory import VendorReview
from planner.domain.plan import Tool
from planner.domain.risks import Risk
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


def _vendor(review: VendorReview) -> dict[str, Any]:
    return {
        "product": review.product,
        "shortlisted": review.shortlisted,
        "rating": review.rating.value if review.rating else None,
        "note": review.note,
        "reviewer": review.reviewer,
        "reviewed_on": review.reviewed_on,
        "status_at_review": review.status_at_review.value if review.status_at_review else None,
    }


def _risk(risk: Risk) -> dict[str, Any]:
    return {
        "id": risk.id,
        "title": risk.title,
        "likelihood": risk.likelihood.value,
        "impact": risk.impact.value,
        "mitigation": risk.mitigation,
        "owner": risk.owner,
        "status": risk.status.value,
        "evidence": risk.evidence,
    }


def plan_document(ws: Workspace, name: str | None, today: dt.date) -> dict[str, Any]:
    view = overview(ws, name, today)
    plan = view.plan
    with ws.read() as session:
        repo = Repository(session)
        record = repo.plan_record(plan.name)
        assert record.id is not None
        needs = repo.needs(record.id)
        reviews = repo.vendor_reviews(record.id)
        risks = repo.risks(record.id)
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
        "needs": {"capabilities": dict(sorted(needs.items()))},
        "vendors": [_vendor(reviews[p]) for p in sorted(reviews)],
        "risks": [_risk(r) for r in sorted(risks, key=lambda r: r.id)],
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
