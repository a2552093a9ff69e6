"""plan import / diff / report through the real entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import planner
from tests.conftest import ROOT

SHIPPED = ROOT / "plans" / "hexaline-2027.yaml"


@pytest.fixture
def db(workspace_db: str) -> str:
    return workspace_db


def test_import_the_shipped_plan_and_export_it_again(db: str, tmp_path: Path) -> None:
    out = planner("plan", "import", str(SHIPPED), "--db", db)
    assert out.returncode == 0, out.stderr
    assert out.stderr.startswith("created plan 'hexaline-2027'")
    target = tmp_path / "again.yaml"
    out = planner(
        "plan", "export", "-o", str(target), "--db", db, env={"PLANNER_TODAY": "2026-11-23"}
    )
    assert out.returncode == 0, out.stderr
    assert target.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")


def test_import_of_a_bad_file_reports_lines_and_writes_nothing(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = SHIPPED.read_text(encoding="utf-8")
    bad.write_text(
        text.replace("  status: tolerated", "  status: tolerable", 1).replace(
            "  product: jamespot", "  product: myspace", 1
        ),
        encoding="utf-8",
    )
    out = planner("plan", "import", str(bad), "--db", db)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith(f"{bad}:") for line in lines), lines
    assert "Traceback" not in out.stderr
    assert "0 plans" in planner("plan", "list", "--db", db).stdout


def test_diff_exit_codes_and_plain_output(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(
        SHIPPED.read_text(encoding="utf-8").replace(
            "  owner: Head of Marketing", "  owner: CMO", 1
        ),
        encoding="utf-8",
    )
    same = planner("plan", "diff", str(SHIPPED), str(SHIPPED))
    assert same.returncode == 0 and same.stdout == ""
    out = planner("plan", "diff", str(SHIPPED), str(new))
    assert out.returncode == 1
    assert out.stdout.strip() == "tools facebook: owner: Head of Marketing -> CMO"
    broken = tmp_path / "broken.yaml"
    broken.write_text("tools: [unclosed\n")
    out = planner("plan", "diff", str(SHIPPED), str(broken))
    assert out.returncode == 2 and out.stderr.startswith(str(broken))


def test_report_command(db: str, tmp_path: Path) -> None:
    planner("plan", "import", str(SHIPPED), "--db", db)
    target = tmp_path / "report.md"
    out = planner("plan", "report", "-o", str(target), "--db", db)
    assert out.returncode == 0, out.stderr
    assert target.read_text(encoding="utf-8").startswith("# Social software plan: hexaline-2027")


def test_a_tool_id_that_is_not_text_is_refused_at_its_line(tmp_path: Path) -> None:
    """Found by the plan-file fuzzer: a list where a tool's id goes crashed the reference
    check (unhashable list) instead of being reported at its line."""
    text = (ROOT / "plans" / "hexaline-2027.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("- id: facebook\n", "- id: []\n", 1), encoding="utf-8")
    db = str(tmp_path / "w.sqlite")
    out = planner("plan", "import", str(bad), "--db", db)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and "bad.yaml:42" in out.stderr
