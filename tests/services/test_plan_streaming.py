"""A large plan is exported and re-imported without being held whole, on SQLite and
PostgreSQL: the export streams its tools (same bytes, same remembered JSON as the whole
document gives), refuses a plan changed under it, and the remembered export is read back in
pieces, record by record, exactly as the JSON parser reads it whole."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from planner.adapters.store import export_json, plan_stream
from planner.adapters.store.plan_store import EXPORT
from planner.adapters.yamlsafe import dump_yaml
from planner.bootstrap import Planner
from planner.domain.plan_merge import RECORDS
from planner.domain.records.inventory import ToolChanges
from planner.errors import PlannerError
from planner.services.plan_file import document_json, export_plan, plan_document
from planner.services.plan_import import import_plan
from planner.services.tools import update_tool
from tests.conftest import ROOT
from tests.services.conftest import DEMO_TODAY

TODAY = DEMO_TODAY  # the day the shared ``demo`` fixture builds the demo on
PLAN = "hexaline-2027"


def _remembered(planner: Planner) -> tuple[int, str]:
    with planner.workspace.read() as session:
        row = session.execute(
            select(EXPORT.c.id, EXPORT.c.document).order_by(EXPORT.c.id.desc()).limit(1)
        ).one()
    return row[0], row[1]


def test_the_streamed_export_is_the_whole_documents(demo: Planner, tmp_path: Path) -> None:
    whole = plan_document(demo.workspace, PLAN, TODAY, demo.catalog)
    path = tmp_path / "plan.yaml"
    export_plan(demo.workspace, PLAN, TODAY, path, demo.catalog)
    assert path.read_text(encoding="utf-8") == dump_yaml(whole)
    assert json.loads(_remembered(demo)[1]) == json.loads(document_json(whole))
    assert _remembered(demo)[1] == document_json(whole)


def test_text_that_ends_a_yaml_document_is_exported_whole(demo: Planner, tmp_path: Path) -> None:
    # "|+" text (a kept final line break) closes its part with "...": written in one dump.
    update_tool(
        demo.workspace, demo.catalog, PLAN, "sharepoint", ToolChanges(notes="kept break\n\n")
    )
    whole = plan_document(demo.workspace, PLAN, TODAY, demo.catalog)
    assert "\n...\n" in dump_yaml({"notes": "kept break\n\n"})
    path = tmp_path / "plan.yaml"
    export_plan(demo.workspace, PLAN, TODAY, path, demo.catalog)
    assert path.read_text(encoding="utf-8") == dump_yaml(whole)
    assert _remembered(demo)[1] == document_json(whole)


def test_a_plan_changed_while_exported_is_refused(
    demo: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("kept\n", encoding="utf-8")
    real = plan_stream.stored_tools

    def changed_first(ws, plan_id, name, versions):  # type: ignore[no-untyped-def]
        update_tool(demo.workspace, demo.catalog, PLAN, "sharepoint", ToolChanges(owner="X"))
        return real(ws, plan_id, name, versions)

    monkeypatch.setattr("planner.services.plan_file.stored_tools", changed_first)
    with pytest.raises(PlannerError, match="changed while it was being exported"):
        export_plan(demo.workspace, PLAN, TODAY, path, demo.catalog)
    assert path.read_text(encoding="utf-8") == "kept\n"  # the file is left as it was


@pytest.mark.parametrize("chunk", [7, 64, 1000])
def test_the_remembered_export_read_in_pieces(
    planner: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_large_plan import large_plan

    source = tmp_path / "large.yaml"
    plan = large_plan(60, 5, 20)
    # Characters of one, two, three and four bytes in UTF-8, across the pieces' ends.
    plan["tools"][3]["notes"] = 'é«»€𝄞 \\ " ] } ,' * 5
    source.write_text(dump_yaml(plan), encoding="utf-8")
    import_plan(planner.workspace, planner.catalog, source)
    export_plan(planner.workspace, "large", TODAY, tmp_path / "out.yaml", planner.catalog)
    export_id, text = _remembered(planner)
    whole = json.loads(text)
    monkeypatch.setattr(export_json, "CHUNK", chunk)
    with planner.workspace.read() as session:
        head, records, found = export_json.export_records(session, export_id, RECORDS)
        assert set(found) == {k for k in RECORDS if k in whole}
        assert head == {k: v for k, v in whole.items() if k not in RECORDS}
        for section in reversed(RECORDS):  # in any order, each read again
            assert list(records(section)) == whole.get(section, [])
        assert list(records("tools")) == whole["tools"]


def test_the_substr_reader_reads_the_same(planner: Planner, tmp_path: Path) -> None:
    # PostgreSQL's path, on SQLite too: pieces by character offsets.
    path = tmp_path / "plan.yaml"
    path.write_text(
        "schema: planner.plan/1\nplan:\n  name: p\n  start: 2027-01-04\n", encoding="utf-8"
    )
    import_plan(planner.workspace, planner.catalog, path)
    export_plan(planner.workspace, "p", TODAY, tmp_path / "out.yaml", planner.catalog)
    export_id, text = _remembered(planner)
    with planner.workspace.read() as session:
        fetch = export_json._substr_reader(session, export_id)
        pieces, at = [], 0
        while piece := fetch(at):
            pieces.append(piece)
            at += len(piece)
        assert "".join(pieces) == text
