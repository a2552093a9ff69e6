"""Inventory, vendors and risks commands through the real entry point."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.cli.test_cli import planner


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    out = planner("demo", "--no-tui", "--db", db)
    assert out.returncode == 0, out.stderr
    return db


def test_inventory_report_on_the_demo(demo: str) -> None:
    out = planner("inventory", "report", "--db", demo)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    for needle in (
        "Internal platform",
        "Public social media",
        "overlaps: rationalisation candidates",
        "crm-integration",
        "Workplace from Meta: retired — migrate to Workvivo",
        "shadow-it",
        "stale-review",
    ):
        assert needle in text, needle


def test_inventory_csv_export(demo: str, tmp_path: Path) -> None:
    target = tmp_path / "inv.csv"
    out = planner("inventory", "export", "--csv", str(target), "--db", demo)
    assert out.returncode == 0, out.stderr
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig", newline="")))
    assert {r["id"] for r in rows} >= {"facebook", "viva-engage", "hexaline-ideas-box"}
    # the survey's "Yammer" is the Viva Engage the logs show: one tool, not a renamed second
    assert "yammer" not in {r["id"] for r in rows}


def test_vendors_and_risks_commands(demo: str) -> None:
    out = planner(
        "vendors", "review", "jamespot", "--rating", "viable", "--note", "French RSE", "--db", demo
    )
    assert out.returncode == 0, out.stderr
    out = planner("vendors", "list", "--db", demo)
    assert "Jamespot (independent)" in out.stdout and "French RSE" in out.stdout
    out = planner("vendors", "review", "jamespot", "--rating", "superb", "--db", demo)
    assert out.returncode == 2
    out = planner("risks", "set", "cost", "--status", "mitigated", "--owner", "CFO", "--db", demo)
    assert out.returncode == 0, out.stderr
    out = planner(
        "risks",
        "add",
        "works-council",
        "--title",
        "Works council objects",
        "--likelihood",
        "high",
        "--db",
        demo,
    )
    assert out.returncode == 0, out.stderr
    out = planner("risks", "list", "--db", demo)
    assert "Works council objects" in out.stdout and "76%" in out.stdout


def test_needs_and_plan_settings(demo: str) -> None:
    out = planner("inventory", "need", "gamification", "--weight", "5", "--db", demo)
    assert out.returncode == 0, out.stderr
    out = planner("inventory", "need", "telepathy", "--db", demo)
    assert out.returncode == 2
    assert out.stderr.strip() == "planner: unknown capability 'telepathy'"
    out = planner("plan", "set", "--eu-residency", "not-required", "--db", demo)
    assert out.returncode == 0
    out = planner("inventory", "report", "--db", demo)
    assert "no-eu-residency" not in out.stdout
