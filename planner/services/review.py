"""The review loop's comparisons: the plan as it stands against a plan file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from planner.adapters.db import Workspace
from planner.adapters.yamlsafe import load_yaml, load_yaml_file
from planner.domain.catalog import Catalog
from planner.domain.plan_diff import Change, diff_plans
from planner.errors import InputError
from planner.services.plan_file import default_export_path, render_plan


def current_text(ws: Workspace, catalog: Catalog, plan: str | None, today: dt.date) -> str:
    return render_plan(ws, plan, today, catalog)


def _data(text: str, source: str) -> dict[str, Any]:
    doc = load_yaml(text, source=source)
    if not isinstance(doc.data, dict):
        raise InputError("not a plan file: expected a mapping", file=source, line=1)
    return doc.data


def file_data(path: Path) -> dict[str, Any]:
    doc = load_yaml_file(path)
    if not isinstance(doc.data, dict):
        raise InputError("not a plan file: expected a mapping", file=str(path), line=1)
    return doc.data


def changes_since(
    ws: Workspace, catalog: Catalog, plan: str, today: dt.date, path: Path | None = None
) -> tuple[Path, list[Change] | None]:
    """Changes from the file (default: the last export under plans/) to the plan now;
    None when there is no such file yet."""
    path = path or default_export_path(plan)
    if not path.exists():
        return path, None
    now = _data(current_text(ws, catalog, plan, today), "current plan")
    return path, diff_plans(file_data(path), now)


def changes_on_import(
    ws: Workspace, catalog: Catalog, plan: str, today: dt.date, path: Path
) -> list[Change]:
    """What importing ``path`` would change in the plan as it stands."""
    now = _data(current_text(ws, catalog, plan, today), "current plan")
    return diff_plans(now, file_data(path))
