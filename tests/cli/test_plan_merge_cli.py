"""plan import (three-way) / validate / diff --format md through planner.cli.main."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.inprocess import run as _run
from tests.conftest import ROOT

SHIPPED = ROOT / "plans" / "hexaline-2027.yaml"


def test_edits_on_both_sides_then_a_conflict(
    workspace_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", workspace_db)
    assert _run(capsys, "plan", "import", str(SHIPPED), *db)[0] == 0
    exported = tmp_path / "plan.yaml"
    assert _run(capsys, "plan", "export", "-o", str(exported), *db)[0] == 0
    text = exported.read_text(encoding="utf-8")
    assert _run(capsys, "tools", "set", "sharepoint", "--owner", "IT Ops", *db)[0] == 0
    at = text.index("- id: jive\n")
    notes = text.index("  notes: ", at)
    reviewed = text[:notes] + "  notes: reviewed" + text[text.index("\n", notes) :]
    exported.write_text(reviewed, encoding="utf-8")
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    assert code == 0, err
    assert "tools: 1 changed" in err and "tools jive notes" in err
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    assert code == 0 and "nothing to change" in err
    # A true conflict: both sides change sharepoint's owner.
    assert _run(capsys, "plan", "export", "-o", str(exported), *db)[0] == 0
    text = exported.read_text(encoding="utf-8")
    owner = text.index("  owner: IT Ops")
    exported.write_text(text.replace("  owner: IT Ops", "  owner: Board", 1), encoding="utf-8")
    assert _run(capsys, "tools", "set", "sharepoint", "--owner", "Platform", *db)[0] == 0
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    line = text[:owner].count("\n") + 1
    assert code == 2
    assert f"{exported}:{line}: tools sharepoint owner: workspace Platform, file Board" in err
    code, _, err = _run(capsys, "plan", "import", str(exported), "--theirs", *db)
    assert code == 0, err
    code, out, _ = _run(capsys, "tools", "show", "sharepoint", *db)
    assert "Board" in out


def test_validate_writes_nothing_and_locates_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "never.sqlite"
    assert _run(capsys, "plan", "validate", str(SHIPPED), "--db", str(db))[0] == 0
    bad = tmp_path / "bad.yaml"
    text = SHIPPED.read_text(encoding="utf-8")
    bad.write_text(text.replace("  audience: 35", "  audience: lots", 1), encoding="utf-8")
    code, _, err = _run(capsys, "plan", "validate", str(SHIPPED), str(bad), "--db", str(db))
    line = text[: text.index("  audience: 35")].count("\n") + 1
    assert code == 2
    assert err.splitlines()[0].startswith(f"{bad}:{line}:")
    assert not db.exists()


def test_diff_as_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "new.yaml"
    text = SHIPPED.read_text(encoding="utf-8")
    new.write_text(text.replace("  owner: IT manager", "  owner: a|b", 1), encoding="utf-8")
    code, out, _ = _run(capsys, "plan", "diff", "--format", "md", str(SHIPPED), str(new))
    assert code == 1
    assert "| id | change | field | old | new |" in out
    assert "a\\|b" in out


def test_diff_of_one_reviewed_file_is_a_three_way_view(
    workspace_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", workspace_db, "--format", "md")
    assert _run(capsys, "plan", "import", str(SHIPPED), "--db", workspace_db)[0] == 0
    exported = tmp_path / "plan.yaml"
    assert _run(capsys, "plan", "export", "-o", str(exported), "--db", workspace_db)[0] == 0
    assert _run(capsys, "plan", "diff", str(exported), *db)[0] == 0  # nothing on either side
    text = exported.read_text(encoding="utf-8")
    sp = text.index("- id: sharepoint\n")
    owner = text.index("  owner: ", sp)
    text = text[:owner] + "  owner: Board" + text[text.index("\n", owner) :]
    at = text.index("- id: jive\n")
    notes = text.index("  notes: ", at)
    text = text[:notes] + "  notes: reviewed" + text[text.index("\n", notes) :]
    exported.write_text(text, encoding="utf-8")
    for slug, owner in (("sharepoint", "Platform"), ("slack", "IT Ops")):
        assert _run(capsys, "tools", "set", slug, "--owner", owner, "--db", workspace_db)[0] == 0
    code, out, _ = _run(capsys, "plan", "diff", str(exported), *db)
    assert code == 1
    rows = {line.split(" | ")[1] + " " + line.split(" | ")[2]: line for line in out.splitlines()
            if line.startswith("| tools")}  # fmt: skip
    assert rows["jive notes"].endswith("import applies the file's |")
    assert rows["slack owner"].endswith("kept (changed here since) |")
    assert "| Platform | Board | CONFLICT |" in rows["sharepoint owner"]
    # A file whose base the workspace does not know: one line, exit 2.
    foreign = tmp_path / "foreign.yaml"
    foreign.write_text(text.replace("revision: ", "revision: 99", 1), encoding="utf-8")
    code, _, err = _run(capsys, "plan", "diff", str(foreign), *db)
    assert code == 2 and "does not remember the export" in err
