"""pilot activity, rollout and readiness commands through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import planner


@pytest.fixture
def db(workspace_db: str) -> str:
    path = workspace_db
    assert planner("--db", path, "plan", "new", "acme", "--start", "2027-01-04").returncode == 0
    out = planner(
        "pilot", "add", "viva-engage", "--title", "P", "--users", "4", "--start", "2027-02-01",
        "--end", "2027-04-30", "--kpi", "weekly-active-pct=50", "--db", path,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    for status in ("approved", "running"):
        assert planner("pilot", "set", "p", "--status", status, "--db", path).returncode == 0
    return path


def test_activity_errors_are_one_line_and_write_nothing(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("user,date,posts\nu1,2027-02-30,1\n", encoding="utf-8")
    out = planner("pilot", "activity", "p", str(bad), "--db", db)
    assert out.returncode == 2
    assert out.stderr.strip() == f"{bad}:2: date: expected a date, got '2027-02-30'"
    late = tmp_path / "late.csv"
    late.write_text("user,date,posts\nu1,2027-06-01,1\n", encoding="utf-8")
    out = planner("pilot", "activity", "p", str(late), "--db", db)
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    assert "2027-06-01 to 2027-06-01, after pilot 'p' ended" in out.stderr
    shown = planner("pilot", "show", "p", "--db", db)
    assert "typed in" not in shown.stdout and "generic" not in shown.stdout


def test_activity_then_rollout_and_readiness(db: str, tmp_path: Path) -> None:
    report = tmp_path / "r.csv"
    report.write_text("user,date,posts,reads\nu1,2027-02-20,3,9\nu2,2027-02-20,0,0\n")
    out = planner("pilot", "activity", "p", str(report), "--db", db)
    assert out.returncode == 0, out.stderr
    assert "weekly-active-pct 25" in out.stderr and "recorded: weekly-active-pct" in out.stderr
    again = planner("pilot", "activity", "p", str(report), "--db", db)
    assert again.returncode == 0 and "counted once" in again.stderr
    shown = planner("pilot", "show", "p", "--db", db).stdout
    assert "generic r.csv" in shown and "baseline and trend" in shown
    out = planner(
        "readiness", "set", "Sales", "--awareness", "4", "--desire", "2", "--knowledge", "3",
        "--ability", "4", "--reinforcement", "4", "--on", "2027-02-10", "--db", db,
    )  # fmt: skip
    assert out.returncode == 0 and "barrier: desire 2" in out.stderr
    bad = planner(
        "readiness", "set", "Sales", "--awareness", "6", "--desire", "2", "--knowledge", "3",
        "--ability", "4", "--reinforcement", "4", "--db", db,
    )  # fmt: skip
    assert bad.returncode == 2
    listed = json.loads(planner("readiness", "list", "--format", "json", "--db", db).stdout)
    assert listed == [
        {"department": "Sales", "on": "2027-02-10", "awareness": 4, "desire": 2, "knowledge": 3,
         "ability": 4, "reinforcement": 4, "barrier": "desire", "note": ""}
    ]  # fmt: skip
    view = planner("rollout", "show", "--format", "json", "--db", db)
    assert json.loads(view.stdout)[0]["readiness"] == "A4 D2 K3 A4 R4"
    table = planner("rollout", "show", "--db", db).stdout
    assert "- Sales: desire 2 — plan a sponsor message" in table
    not_adopted = planner("rollout", "activity", "viva-engage", str(report), "--db", db)
    assert not_adopted.returncode == 2
    assert "not adopted by a pilot of this plan" in not_adopted.stderr
