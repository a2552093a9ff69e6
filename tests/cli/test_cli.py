"""The command line through the real entry point, in a subprocess: exit codes and stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT


def planner(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {}), "COLUMNS": "160", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def db(workspace_db: str) -> str:
    return workspace_db


def test_version_and_help() -> None:
    out = planner("--version")
    assert out.returncode == 0
    assert out.stdout.startswith("planner 0.")
    out = planner("--help")
    assert out.returncode == 0
    for command in ("demo", "catalog", "plan", "tools"):
        assert command in out.stdout


def test_bad_usage_exits_2() -> None:
    out = planner("plan", "new", "x")
    assert out.returncode == 2
    assert "--start" in out.stderr
    out = planner("plan", "new", "x", "--start", "tomorrow", "--db", "/nonexistent/x.db")
    assert out.returncode == 2
    assert "not a date" in out.stderr


def test_plan_new_list_show_export(db: str, tmp_path: Path) -> None:
    out = planner(
        "--db", db, "plan", "new", "acme-2027", "--start", "2027-01-04", "--organisation", "Acme"
    )
    assert out.returncode == 0, out.stderr
    # --db is also accepted after the sub-command
    out = planner("plan", "list", "--db", db)
    assert out.returncode == 0
    assert "acme-2027" in out.stdout
    out = planner("plan", "show", "--db", db)
    assert out.returncode == 0
    assert "2027-02-04" in out.stdout and "2027-04-04" in out.stdout
    assert "2028-01-04" in out.stdout
    target = tmp_path / "out" / "acme.yaml"
    out = planner("plan", "export", "acme-2027", "-o", str(target), "--db", db)
    assert out.returncode == 0, out.stderr
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert document["schema"] == "planner.plan/1"
    assert document["plan"]["name"] == "acme-2027"
    assert [p["phase"] for p in document["roadmap"]] == ["discover", "inventory", "rollout"]
    # Same data, same bytes.
    again = planner("plan", "export", "acme-2027", "-o", "-", "--db", db)
    assert again.stdout == target.read_text(encoding="utf-8")


def test_export_default_path_is_plans_dir(db: str, tmp_path: Path) -> None:
    planner("--db", db, "plan", "new", "acme", "--start", "2027-01-04")
    out = planner("--db", db, "plan", "export", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "plans" / "acme.yaml").is_file()


def test_env_variable_chooses_the_workspace(db: str) -> None:
    out = planner("plan", "new", "envplan", "--start", "2027-01-04", env={"PLANNER_DB": db})
    assert out.returncode == 0, out.stderr
    assert "envplan" in planner("plan", "list", "--db", db).stdout


def test_duplicate_plan_and_missing_plan_are_one_line_errors(db: str) -> None:
    planner("--db", db, "plan", "new", "acme", "--start", "2027-01-04")
    out = planner("--db", db, "plan", "new", "acme", "--start", "2027-01-04")
    assert out.returncode == 1
    assert out.stderr.strip() == "planner: a plan named 'acme' already exists"
    out = planner("--db", db, "plan", "show", "ghost")
    assert out.returncode == 2
    assert out.stderr.strip() == "planner: no plan named 'ghost'"


def test_non_database_file_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "plan.txt"
    bogus.write_text("hello\n")
    out = planner("--db", str(bogus), "plan", "list")
    assert out.returncode == 2
    assert out.stderr.strip() == f"{bogus}: not a planner workspace (not a SQLite database)"
    assert "Traceback" not in out.stderr
    assert bogus.read_text() == "hello\n"


def test_catalog_list_show_validate() -> None:
    out = planner("catalog", "list")
    assert out.returncode == 0, out.stderr
    for product in ("jive", "yammer", "ibm-connections", "sharepoint", "linkedin"):
        assert product in out.stdout
    out = planner("catalog", "list", "--category", "public")
    assert "facebook" in out.stdout and "jive" not in out.stdout
    out = planner("catalog", "list", "--capability", "wiki")
    assert "jive" in out.stdout and "facebook" not in out.stdout
    out = planner("catalog", "show", "yammer")
    assert out.returncode == 0
    assert "viva-engage" in out.stdout
    out = planner("catalog", "show", "myspace")
    assert out.returncode == 2
    assert out.stderr.strip() == "planner: no product 'myspace' in the catalog"
    out = planner("catalog", "validate")
    assert out.returncode == 0, out.stderr
    assert ": ok" in out.stdout


def test_catalog_validate_reports_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "acme-social.yaml").write_text(
        "id: acme-social\nname: Acme Social\nvendor: Acme\ncategory: intranet\n"
        "summary: x\ncapabilities: [wiki, telepathy]\n"
        "strategy: {status: active, owner: Acme}\n",
        encoding="utf-8",
    )
    out = planner("catalog", "validate", str(tmp_path))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert any(
        line.startswith(f"{tmp_path / 'acme-social.yaml'}:4:") and "category" in line
        for line in lines
    ), lines
    assert "Traceback" not in out.stderr


def test_user_catalog_adds_products(tmp_path: Path) -> None:
    (tmp_path / "acme-social.yaml").write_text(
        "id: acme-social\nname: Acme Social\nvendor: Acme\ncategory: internal\n"
        "summary: Our own network.\ncapabilities: [wiki]\n"
        "strategy: {status: active, owner: Acme}\n",
        encoding="utf-8",
    )
    out = planner("--catalog", str(tmp_path), "catalog", "show", "acme-social")
    assert out.returncode == 0, out.stderr
    assert "Acme Social" in out.stdout


def test_demo_no_tui_builds_the_workspace(db: str) -> None:
    out = planner("demo", "--no-tui", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "demo workspace ready" in out.stderr
    out = planner("tools", "list", "--db", db)
    assert out.returncode == 0
    for name in ("Yammer", "Facebook", "LinkedIn", "Jive", "SharePoint"):
        assert name in out.stdout
    # Re-running without a terminal keeps the existing demo rather than resetting it.
    out = planner("demo", "--no-tui", "--db", db)
    assert out.returncode == 0
    out = planner("demo", "--no-tui", "--yes", "--db", db)
    assert out.returncode == 0
    assert "demo workspace ready" in out.stderr
