"""``planner candidates`` says which use case heavy needs belong to, and how to add it."""

from __future__ import annotations

import pytest

from tests.cli.inprocess import run as _run


def test_candidates_names_the_use_case_the_needs_point_to(
    workspace_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    db = ("--db", workspace_db)
    assert _run(capsys, "plan", "new", "acme", "--start", "2027-01-04", *db)[0] == 0
    for capability in ("external-communities", "crm-integration"):
        assert _run(capsys, "inventory", "need", capability, "--weight", "5", *db)[0] == 0
    code, out, _ = _run(capsys, "candidates", *db)
    assert code == 0
    assert "Customer community" in out  # ranked as well
    assert "planner plan set --use-cases internal-network,customer-community" in out
    assert _run(capsys, "plan", "set", "--use-cases", "internal-network", *db)[0] == 0
    code, out, _ = _run(capsys, "candidates", *db)
    assert "which the plan does not pursue" in out
