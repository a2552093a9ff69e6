"""A three-way import writes what it changes, and compares computed sections with what
was exported: the tools a reviewer left alone keep their rows (same row, same version, same
log evidence), the edited, added and removed ones are written; an edited roadmap is reported
as ignored whether or not the workspace still remembers the export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from planner.adapters.store import tables
from planner.adapters.store.plan_store import EXPORT
from planner.adapters.store.record_kinds import table_of
from planner.bootstrap import Planner
from planner.services.plan_file import export_plan
from planner.services.plan_import import ImportResult, import_plan
from tests.services.conftest import DEMO_TODAY

TODAY = DEMO_TODAY  # the day the shared ``demo`` fixture builds the demo on
PLAN = "hexaline-2027"
TOOL = table_of(tables.ToolRecord)


def _export(planner: Planner, path: Path) -> str:
    export_plan(planner.workspace, PLAN, TODAY, path, planner.catalog)
    return path.read_text(encoding="utf-8")


def _import(planner: Planner, path: Path) -> ImportResult:
    return import_plan(planner.workspace, planner.catalog, path, today=TODAY)


def _rows(planner: Planner) -> dict[str, dict[str, Any]]:
    """Each tool's row as stored, row id included, by slug."""
    with planner.workspace.rows() as conn:
        return {r.slug: dict(r._mapping) for r in conn.execute(select(TOOL))}


def _record(text: str, ident: str) -> tuple[int, int]:
    start = text.index(f"- id: {ident}\n")
    return start, text.find("\n- ", start + 1) + 1


def test_only_the_tools_the_file_changes_are_written(
    demo: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("planner.adapters.store.plan_store.DELETE_CHUNK", 1)  # one per DELETE
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    start, end = _record(text, "sharepoint")
    edited = text[start:end].replace("\n  notes: ", "\n  notes: reviewed ", 1)
    assert edited != text[start:end]
    text = text[:start] + edited + text[end:]
    for gone in ("jive", "linkedin"):
        start, end = _record(text, gone)
        text = text[:start] + text[end:]
    start, _ = _record(text, "facebook")
    text = text[:start] + "- id: padlet\n  name: Padlet\n" + text[start:]
    path.write_text(text, encoding="utf-8")
    before = _rows(demo)

    result = _import(demo, path)

    assert result.written and not result.conflicts and result.three_way
    after = _rows(demo)
    assert set(after) == set(before) - {"jive", "linkedin"} | {"padlet"}
    for slug in set(before) - {"jive", "linkedin", "sharepoint"}:
        assert after[slug] == before[slug], slug  # the same row: not deleted, not inserted
    was, now = before["sharepoint"], after["sharepoint"]
    assert now["notes"].startswith("reviewed ") and now["version"] == was["version"] + 1
    evidence = ("log_users", "survey_users", "requests", "bytes", "blocked")
    assert {k: now[k] for k in evidence} == {k: was[k] for k in evidence}
    assert after["padlet"]["version"] == 1 and after["padlet"]["log_users"] == 0


def _roadmap_edited(text: str) -> str:
    start = text.index("\nroadmap:\n")
    at = text.index("\n  progress: ", start) + len("\n  progress: ")
    end = text.index("\n", at)
    assert text[at:end] != "0.42"
    return text[:at] + "0.42" + text[end:]


ROADMAP_NOTE = "roadmap: edits ignored (computed on export)"


@pytest.mark.parametrize("export", ["remembered", "forgotten", "forgotten while importing"])
def test_an_edited_roadmap_is_reported_as_ignored(
    demo: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, export: str
) -> None:
    """Compared with the remembered export's roadmap, else with the workspace's."""
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    if export != "remembered":
        with demo.workspace.write() as session:
            session.execute(delete(EXPORT))
    if export == "forgotten while importing":  # after the import found it remembered
        monkeypatch.setattr("planner.services.plan_import.merge._remembered", lambda *a: True)
    assert ROADMAP_NOTE not in [n.message for n in _import(demo, path).notes]
    path.write_text(_roadmap_edited(text), encoding="utf-8")
    assert ROADMAP_NOTE in [n.message for n in _import(demo, path).notes]


def test_json_types_is_the_json_round_trip() -> None:
    from planner.services.plan_import.computed import json_types

    value = {
        "on": dt.date(2027, 1, 4),
        "at": dt.datetime(2027, 1, 4, 9, 30),
        "tools": [{"id": "a", "purposes": ("x", "y"), "seen": [dt.date(2026, 12, 31), None]}],
        "n": 1.5,
        "flag": True,
    }
    expected = json.loads(json.dumps(value, default=str))
    assert json_types(value) == expected
