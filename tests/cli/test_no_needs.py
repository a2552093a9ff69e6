"""With no capability needs, the inventory and the candidates say so and how to set them,
rather than "No gaps"."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli import main


def test_no_needs_says_how_to_set_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    db = ["--db", str(tmp_path / "ws.sqlite")]
    assert main(["plan", "new", "acme", "--start", "2027-01-04", *db]) == 0
    assert main(["tools", "add", "Yammer", *db]) == 0
    capsys.readouterr()
    assert main(["inventory", "report", *db]) == 0
    out = capsys.readouterr().out
    assert "No gaps" not in out
    assert "No capability needs are set" in out
    assert "planner needs --benefits" in out and "planner inventory need CAP --weight N" in out
    assert main(["candidates", *db]) == 0
    out = capsys.readouterr().out
    assert "no capability needs are set, so every capability fit is 0" in out
    assert main(["plan", "report", *db]) == 0
    assert "no capability needs set yet" in capsys.readouterr().out

    assert main(["inventory", "need", "microblogging", "--weight", "4", *db]) == 0
    capsys.readouterr()
    assert main(["inventory", "report", *db]) == 0
    out = capsys.readouterr().out
    assert "No capability needs are set" not in out
    assert main(["candidates", *db]) == 0
    assert "no capability needs are set" not in capsys.readouterr().out
