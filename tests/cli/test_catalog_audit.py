"""``planner catalog audit`` on a catalog made to hold every kind of finding, and on the
shipped one; ``planner catalog new`` and its skeleton."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from planner.adapters.catalog_files import load_catalog, shipped_catalog_dir
from planner.cli import main
from planner.domain.catalog_audit import SEVERITY, Kind, Severity
from tests.conftest import DATA

AUDIT = DATA / "catalog_audit"
TODAY = "2026-12-06"

# product -> (kind, the key its line must be on)
EXPECTED = {
    "past-end": (Kind.PAST_EVENT, "end_of_support:"),
    "retired-too-soon": (Kind.PAST_EVENT, "retired_on:"),
    "undated-deal": (Kind.UNDATED_ACQUISITION, "status:"),
    "unknown-residency": (Kind.UNKNOWN_RESIDENCY, "security:"),
    "secondary-only": (Kind.SECONDARY_SOURCE, "checked:"),
    "unverified-news": (Kind.SECONDARY_SOURCE, "checked:"),
    "stale-fact": (Kind.STALE, "checked:"),
    "never-checked": (Kind.UNCHECKED, "strategy:"),
    "stamped-01": (Kind.BULK_STAMPED, "checked:"),
    "child-host": (Kind.SHARED_HOST, "domains:"),
    "app-two": (Kind.SHARED_APP, "apps:"),
    "renamed-nowhere": (Kind.SUCCESSOR, "status:"),
    "unsourced-capabilities": (Kind.CAPABILITIES_UNSOURCED, "capabilities:"),
    "todo-left": (Kind.UNFINISHED, "summary:"),
}


@pytest.fixture
def audit_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> tuple[int, list[dict[str, object]]]:
    monkeypatch.setenv("PLANNER_TODAY", TODAY)
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "unused.sqlite"))
    code = main(["catalog", "audit", "--catalog", str(AUDIT), "--format", "json"])
    out, _ = capsys.readouterr()
    records = json.loads(out)
    inside = [r for r in records if Path(str(r["file"])).resolve().is_relative_to(AUDIT)]
    return code, inside


def _line_of(path: Path, key: str) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text.lstrip().startswith(key) or f" {key}" in text or f"{{{key}" in text:
            return number
    raise AssertionError(f"{key} not in {path}")


def test_every_kind_of_finding_is_reported_where_it_is(
    audit_json: tuple[int, list[dict[str, object]]],
) -> None:
    code, records = audit_json
    assert code == 1  # errors among them
    assert {r["kind"] for r in records} == {k.value for k in Kind}
    for product, (kind, key) in EXPECTED.items():
        found = [r for r in records if r["product"] == product and r["kind"] == kind.value]
        assert found, f"{product}: no {kind.value} finding in {records}"
        path = Path(str(found[0]["file"]))
        assert path.name == f"{product}.yaml"
        assert found[0]["line"] == _line_of(path, key), found[0]
        assert found[0]["severity"] == SEVERITY[kind].value
    assert not [r for r in records if r["product"] == "clean"]
    # one bulk finding for the 21 products stamped on one day, not 21
    bulk = [r for r in records if r["kind"] == Kind.BULK_STAMPED.value]
    assert len(bulk) == 1 and "21 products checked on 2026-11-20" in str(bulk[0]["finding"])


def test_text_lines_are_file_line_severity_kind(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("PLANNER_TODAY", TODAY)
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "unused.sqlite"))
    assert main(["catalog", "audit", "--catalog", str(AUDIT / "findings")]) == 1
    out, err = capsys.readouterr()
    past = AUDIT / "findings" / "past-end.yaml"
    line = _line_of(past, "end_of_support:")
    expected = f"{os.path.relpath(past)}:{line}: error: past-event: end of support 2026-06-30"
    assert f"{expected} has passed" in out
    assert re.search(r"products audited on [\d-]+: \d+ errors?, \d+ warnings?", err)


def test_the_date_override_moves_the_audit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Before the announced end, nothing has passed: CI pins the day it audits."""
    monkeypatch.setenv("PLANNER_TODAY", "2026-06-01")
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "unused.sqlite"))
    main(["catalog", "audit", "--catalog", str(AUDIT / "findings"), "--format", "json"])
    records = json.loads(capsys.readouterr().out)
    ended = [r for r in records if r["product"] == "past-end" and r["kind"] == "past-event"]
    assert [r["field"] for r in ended] == ["strategy.checked.on"]  # checked "in the future"


def test_the_shipped_catalog_has_no_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("PLANNER_TODAY", TODAY)
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "unused.sqlite"))
    code = main(["catalog", "audit", "--format", "json"])
    records = json.loads(capsys.readouterr().out)
    errors = [r for r in records if r["severity"] == Severity.ERROR.value]
    assert (code, errors) == (0, [])
    # honest gaps stay visible
    assert any(r["kind"] == Kind.UNKNOWN_RESIDENCY.value for r in records)
    assert main(["catalog", "audit", "--strict", "--format", "json"]) == 1


def test_catalog_new_writes_a_skeleton_that_loads_and_audits_as_unfinished(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("PLANNER_TODAY", TODAY)
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "unused.sqlite"))
    family = tmp_path / "mine" / "sovereign"
    family.mkdir(parents=True)
    assert main(["catalog", "new", "acme-talk", "-o", str(family)]) == 0
    text = (family / "acme-talk.yaml").read_text(encoding="utf-8")
    # every field of the schema is there, each line with a comment or under one
    for key in ("certifications:", "checked:", "kind:", "verified:", "apps:", "ids:"):
        assert key in text
    for key in ("acquired_on:", "announced_on:", "end_of_support:", "retired_on:"):
        assert f"# {key}" in text
    product = load_catalog([tmp_path / "mine"], shipped=shipped_catalog_dir()).get("acme-talk")
    assert product is not None and product.family == "sovereign"
    assert main(["catalog", "audit", "--catalog", str(tmp_path / "mine")]) == 1
    out, _ = capsys.readouterr()
    assert "acme-talk.yaml:" in out and "unfinished" in out
    # an existing file is kept unless --force
    assert main(["catalog", "new", "acme-talk", "-o", str(family)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["catalog", "new", "acme-talk", "-o", str(tmp_path / "nowhere")]) == 2
    assert "not a directory" in capsys.readouterr().err
