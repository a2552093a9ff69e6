"""Training, feature and timeline commands through the real entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import planner


@pytest.fixture
def db(workspace_db: str) -> str:
    path = workspace_db
    assert planner("--db", path, "plan", "new", "acme", "--start", "2026-11-02").returncode == 0
    return path


def test_training_commands_and_lms_import(db: str, tmp_path: Path) -> None:
    out = planner(
        "training",
        "add",
        "Sales training",
        "--department",
        "Sales",
        "--audience",
        "120",
        "--due",
        "2027-03-01",
        "--db",
        db,
    )
    assert out.returncode == 0, out.stderr
    out = planner("training", "update", "sales-training", "40", "--on", "2027-01-10", "--db", db)
    assert out.returncode == 0 and "40/120" in out.stderr
    lms = tmp_path / "lms.csv"
    lms.write_text("department,trained,date\nSales,60,2027-01-20\nSales,x,2027-01-21\n")
    out = planner("training", "import", str(lms), "--db", db)
    assert out.returncode == 2
    assert out.stderr.strip() == f"{lms}:3: trained: expected a whole number, got 'x'"
    lms.write_text("department,trained,date\nSales,60,2027-01-20\n")
    out = planner("training", "import", str(lms), "--db", db)
    assert out.returncode == 0, out.stderr
    out = planner("training", "champion", "Sales", "A.M.", "--db", db)
    assert out.returncode == 0
    out = planner("training", "list", "--db", db)
    assert "60/120" in out.stdout and "A.M." in out.stdout


def test_feature_commands_and_timeline(db: str) -> None:
    out = planner(
        "feature", "add", "Action e-mails", "--target", "email", "--due", "2027-05-01", "--db", db
    )
    assert out.returncode == 0, out.stderr
    out = planner("feature", "set", "action-e-mails", "--status", "in-progress", "--db", db)
    assert out.returncode == 0
    out = planner("feature", "list", "--db", db)
    assert "in-progress" in out.stdout
    out = planner("feature", "set", "action-e-mails", "--target", "pigeon", "--db", db)
    assert out.returncode == 2
    out = planner("timeline", "--db", db)
    assert out.returncode == 0
    assert "Action e-mails" in out.stdout and "Introduce & train" in out.stdout
