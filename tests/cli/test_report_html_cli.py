"""plan report --format html through the real entry point: file, stdout, --since."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import planner
from tests.conftest import ROOT

SHIPPED = ROOT / "plans" / "hexaline-2027.yaml"
DAY = {"PLANNER_TODAY": "2026-11-23"}


@pytest.fixture
def db(workspace_db: str) -> str:
    out = planner("plan", "import", str(SHIPPED), "--db", workspace_db)
    assert out.returncode == 0, out.stderr
    return workspace_db


def test_html_report_to_a_file_and_to_stdout(db: str, tmp_path: Path) -> None:
    target = tmp_path / "pack" / "review.html"
    out = planner("plan", "report", "--format", "html", "-o", str(target), "--db", db, env=DAY)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "" and out.stderr.strip() == f"wrote {target}"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<section id="risks">' in page
    assert not list(target.parent.glob(".*.tmp"))  # written atomically, nothing left over

    dash = planner(
        "plan", "report", "hexaline-2027", "--format", "html", "-o", "-", "--db", db, env=DAY
    )
    default = planner("plan", "report", "--format", "html", "--db", db, env=DAY)
    assert dash.returncode == default.returncode == 0
    assert dash.stdout == default.stdout == page


def test_since_shows_what_changed(db: str, tmp_path: Path) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(
        SHIPPED.read_text(encoding="utf-8").replace(
            "  owner: Head of Marketing", "  owner: CMO", 1
        ),
        encoding="utf-8",
    )
    out = planner("plan", "report", "--format", "html", "--since", str(base), "--db", db, env=DAY)
    assert out.returncode == 0, out.stderr
    assert '<section id="changes">' in out.stdout
    assert "<td>tools</td><td>facebook</td>" in out.stdout
    assert "<td>CMO</td><td>Head of Marketing</td>" in out.stdout


def test_since_errors_are_one_line(db: str, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    out = planner("plan", "report", "--format", "html", "--since", str(missing), "--db", db)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip() == f"planner: {missing}: no such plan file to compare with (--since)"
    out = planner("plan", "report", "--since", str(SHIPPED), "--db", db)
    assert out.returncode == 2 and "--since needs --format html" in out.stderr
    assert "Traceback" not in out.stderr
