"""planner workspace copy: SQLite → (PostgreSQL when available) → SQLite, verified."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.bootstrap import Settings, bootstrap, data_dir
from planner.errors import PlannerError
from planner.services.demo import build_demo
from planner.services.discover import import_file
from planner.services.plan_file import render_plan
from planner.services.tools import get_tool
from planner.services.workspace_copy import copy_workspace
from tests.conftest import DATA

TODAY = dt.date(2026, 11, 23)


def test_copy_there_and_back(workspace_db: str, tmp_path: Path) -> None:
    src = str(tmp_path / "src.sqlite")
    source = bootstrap(Settings(db=src, today=lambda: TODAY))
    build_demo(source.workspace, source.catalog, source.pseudonym_key, TODAY)
    before = render_plan(source.workspace, None, TODAY, source.catalog)
    users_before = get_tool(source.workspace, None, "facebook").log_users
    source.close()

    # workspace_db is an empty SQLite file, or an empty PostgreSQL schema.
    report = copy_workspace(src, workspace_db, source.catalog, data_dir(), TODAY)
    assert report.plans == ["hexaline-2027"] and report.rows > 500
    middle = bootstrap(Settings(db=workspace_db, today=lambda: TODAY))
    assert render_plan(middle.workspace, None, TODAY, middle.catalog) == before
    # The key moved with the evidence: re-importing the same people counts nobody twice,
    # and new rows get fresh ids (sequences moved past the copied ones).
    import_file(
        middle.workspace,
        middle.catalog,
        middle.pseudonym_key,
        None,
        DATA / "discover" / "week2.squid.log",
    )
    assert get_tool(middle.workspace, None, "facebook").log_users >= users_before
    middle.close()

    back = str(tmp_path / "back.sqlite")
    copy_workspace(workspace_db, back, source.catalog, data_dir(), TODAY)
    returned = bootstrap(Settings(db=back, today=lambda: TODAY))
    assert render_plan(returned.workspace, None, TODAY, returned.catalog) == render_plan(
        bootstrap(Settings(db=workspace_db, today=lambda: TODAY)).workspace,
        None,
        TODAY,
        returned.catalog,
    )


def test_copy_refuses_a_destination_with_plans(tmp_path: Path) -> None:
    a, b = str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite")
    for path in (a, b):
        planner = bootstrap(Settings(db=path, today=lambda: TODAY))
        build_demo(planner.workspace, planner.catalog, planner.pseudonym_key, TODAY)
        planner.close()
    with pytest.raises(PlannerError, match="already holds plans"):
        copy_workspace(a, b, bootstrap(Settings(db=a)).catalog, data_dir(), TODAY)
