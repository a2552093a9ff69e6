"""Candidates, needs and pilot commands through the real entry point."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import planner


@pytest.fixture
def db(workspace_db: str) -> str:
    path = workspace_db
    assert planner("--db", path, "plan", "new", "acme", "--start", "2026-11-02").returncode == 0
    return path


def test_candidates_explain_and_needs(db: str) -> None:
    out = planner("needs", "--benefits", "problem-solving,communication", "--apply", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "expertise-location" in out.stdout
    out = planner("candidates", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "sensitivity:" in out.stdout
    out = planner("candidates", "--explain", "jive", "--db", db)
    assert "capability_fit" in out.stdout and "contribution" in out.stdout
    out = planner("needs", "--weight", "security=0.5", "--db", db)
    assert out.returncode == 0
    out = planner("needs", "--weight", "security=lots", "--db", db)
    assert out.returncode == 2
    assert out.stderr.strip() == "planner: security: the weight must be a number, got 'lots'"


def test_pilot_commands(db: str) -> None:
    out = planner(
        "pilot",
        "add",
        "jive",
        "--title",
        "Jive for R&D",
        "--departments",
        "R&D",
        "--users",
        "50",
        "--start",
        "2026-12-07",
        "--end",
        "2027-01-29",
        "--kpi",
        "weekly-active-pct=60",
        "--db",
        db,
    )
    assert out.returncode == 0, out.stderr
    assert "warning" not in out.stderr
    for status in ("approved", "running"):
        assert (
            planner("pilot", "set", "jive-for-r-d", "--status", status, "--db", db).returncode == 0
        )
    out = planner("pilot", "decide", "jive-for-r-d", "adopt", "--rationale", "ok", "--db", db)
    assert out.returncode == 2
    assert "no measurement" in out.stderr
    out = planner(
        "pilot",
        "measure",
        "jive-for-r-d",
        "weekly-active-pct",
        "64",
        "--on",
        "2027-01-10",
        "--db",
        db,
    )
    assert out.returncode == 0, out.stderr
    out = planner(
        "pilot", "decide", "jive-for-r-d", "adopt", "--rationale", "target met", "--db", db
    )
    assert out.returncode == 0, out.stderr
    out = planner("pilot", "show", "jive-for-r-d", "--db", db)
    assert "met" in out.stdout and "target met" in out.stdout
    out = planner("pilot", "list", "--db", db)
    assert "succeeded" in out.stdout and "1/1" in out.stdout


def test_pilot_outside_phase_two_warns(db: str) -> None:
    out = planner("pilot", "add", "slack", "--start", "2027-06-01", "--db", db)
    assert out.returncode == 0
    assert out.stderr.startswith("warning: the pilot runs outside the phase-2 window")
