"""A reviewed plan file is refused for the same values the CLI refuses, at their line.

Each case is the shipped plan edited as a reviewer would (one value changed in place),
run through ``planner plan validate`` and ``planner plan import`` as a user would; the
workspace is then exported and validated again, which is what failed before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import planner
from tests.conftest import ROOT

SHIPPED = ROOT / "plans" / "hexaline-2027.yaml"


def _edited(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The shipped plan with ``old`` replaced once, and the line where ``new``'s last line
    lands."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    at = text.index(old)
    line = text[:at].count("\n") + new.rstrip("\n").count("\n") + 1
    target = tmp_path / "reviewed.yaml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target, line


CASES = {
    "trained beyond the audience": (
        "  audience: 35\n  trained: 35\n",
        "  audience: 35\n  trained: 3500\n",
        "3500 trained is more than the audience of 35",
    ),
    "a feature due two years out": (
        "  due: 2027-02-21\n",
        "  due: 2029-02-21\n",
        "due 2029-02-21 is outside the plan year (2026-04-20 to 2027-04-20)",
    ),
    "a training due before the plan starts": (
        "  due: 2026-09-03\n",
        "  due: 2025-09-03\n",
        "due 2025-09-03 is outside the plan year",
    ),
    "a decision on a pilot that never ran": (
        "  status: failed\n  decision: reject\n",
        "  status: approved\n  decision: reject\n",
        "the pilot is approved: it cannot be decided before it has run",
    ),
    "a pilot ending after the plan year": (
        "  end: 2026-07-13\n",
        "  end: 2027-07-13\n",
        "end 2027-07-13 is outside the plan year",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_validate_and_import_refuse_what_the_cli_refuses(
    case: str, workspace_db: str, tmp_path: Path
) -> None:
    old, new, message = CASES[case]
    reviewed, line = _edited(tmp_path, old, new)
    out = planner("plan", "validate", str(reviewed))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    first = out.stderr.splitlines()[0]
    assert first.startswith(f"{reviewed}:{line}:") and message in first, out.stderr
    # The workspace has the plan as shipped; the reviewed file does not get in.
    assert planner("plan", "import", str(SHIPPED), "--db", workspace_db).returncode == 0
    out = planner("plan", "import", str(reviewed), "--db", workspace_db)
    assert out.returncode == 2 and out.stderr.startswith(f"{reviewed}:{line}:"), out.stderr
    exported = tmp_path / "exported.yaml"
    planner("plan", "export", "-o", str(exported), "--db", workspace_db)
    assert planner("plan", "validate", str(exported)).returncode == 0


def test_a_decision_without_rationale_is_refused_at_the_pilot(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index("  rationale: 'Below target")
    end = text.index("\n", start)
    reviewed = tmp_path / "reviewed.yaml"
    reviewed.write_text(text[:start] + "  rationale: ''" + text[end:], encoding="utf-8")
    out = planner("plan", "validate", str(reviewed))
    line = text[:start].count("\n") + 1
    assert out.returncode == 2
    assert out.stderr.splitlines()[0].startswith(f"{reviewed}:{line}:")
    assert "a decision needs a rationale" in out.stderr


def test_the_cli_refuses_a_kpi_target_a_plan_file_cannot_hold(workspace_db: str) -> None:
    planner("plan", "new", "p", "--start", "2027-01-04", "--db", workspace_db)
    out = planner("pilot", "add", "slack", "--kpi", "weekly-active-pct=nan", "--db", workspace_db)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "weekly-active-pct: expected a number" in out.stderr
    assert "0 pilots" in planner("pilot", "list", "--db", workspace_db).stdout
