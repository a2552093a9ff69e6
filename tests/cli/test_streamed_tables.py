"""Long listings are written as they are produced (not laid out whole by Rich), and the
fast tool reader builds the same tools as the row-by-row one.

A plan of 1,200 generated tools (more than ``streamed.STREAM_ROWS``) plus one tool whose
name holds an OSC title sequence: ``tools list`` must list every tool once, in id order,
under one header, with the control characters shown, never sent.
"""

from __future__ import annotations

import json
import sys

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from planner.adapters.store.db import open_workspace
from planner.adapters.store.mapping import tool_from_record
from planner.adapters.store.repository import Repository
from planner.adapters.store.tables import ToolRecord
from planner.cli import main
from planner.cli.streamed import STREAM_ROWS, show_table
from tests.conftest import ROOT

TOOLS = 1_200
EVIL = "Evil\x1b]0;owned\x07 wiki"


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_large_plan import large_plan

    from planner.adapters.yamlsafe import dump_yaml

    tmp = tmp_path_factory.mktemp("big")
    source = tmp / "big.yaml"
    source.write_text(dump_yaml(large_plan(TOOLS, 5, 20, contracts=TOOLS // 200)), encoding="utf-8")
    db = str(tmp / "ws.sqlite")
    assert main(["--db", db, "plan", "import", str(source)]) == 0
    assert main(["--db", db, "tools", "add", EVIL]) == 0
    return db


def test_a_long_tools_list_streams_every_tool_once(
    big_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert TOOLS > STREAM_ROWS
    capsys.readouterr()
    assert main(["--db", big_db, "tools", "list", "--format", "json"]) == 0
    ids = [r["id"] for r in json.loads(capsys.readouterr().out)]
    assert len(ids) == TOOLS + 1
    assert main(["--db", big_db, "tools", "list"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"{TOOLS + 1:,} tools (? = status not yet decided)"
    assert lines[1].split() == [
        "id",
        "name",
        "product",
        "category",
        "status",
        "users",
        "blocked",
        "departments",
        "purposes",
    ]
    assert set(lines[2]) <= {"-", " "}
    assert [line.split()[0] for line in lines[3:]] == ids  # every tool once, in id order
    assert "\x1b" not in out and "\x07" not in out
    assert "Evil\\x1b]0;owned\\x07 wiki" in out


def test_costs_stream_the_lists_that_grow_with_the_plan(
    big_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """1,200 tools, six under contract: the list of overlapping tools with no contract
    (hundreds, over a streaming threshold of 100 rows) is written row by row, every name
    once, as the JSON gives them; the short tables (per category, the total) are still
    Rich's."""
    import planner.cli.streamed as streamed

    monkeypatch.setattr(streamed, "STREAM_ROWS", 100)
    capsys.readouterr()
    assert main(["--db", big_db, "costs", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    unpriced = data["unpriced"]
    assert len(unpriced) > 100
    assert main(["--db", big_db, "costs"]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = lines.index("overlapping tools with no contract (unknown cost)")
    assert set(lines[at + 1]) <= {"-", " "}  # the streamed header's rule, not a box
    assert [line.strip() for line in lines[at + 2 :]] == unpriced
    assert any("per category" in line for line in lines[:at])
    assert any("┃" in line for line in lines[:at])  # a short table: Rich's box


def test_a_short_table_is_still_laid_out_by_rich(capsys: pytest.CaptureFixture[str]) -> None:
    show_table("few", ["a", "b"], [("x", 1), ("y", None)])
    out = capsys.readouterr().out
    assert "┃" in out or "│" in out  # Rich's box, not the streamed columns
    assert "—" in out


def test_a_streamed_table_aligns_columns_and_keeps_long_cells_whole(
    capsys: pytest.CaptureFixture[str],
) -> None:
    long_cell = "w" * 100
    rows = [(f"r{i:04d}", ["a", "b"], None) for i in range(STREAM_ROWS + 5)]
    rows.append(("last", [long_cell], 3))
    show_table("many", ["id", "list", "n"], rows)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "many"
    assert len(lines) == 3 + len(rows)
    first = lines[3]
    assert first.startswith("r0000  a, b") and first.endswith("—")
    assert lines[-1].startswith("last") and long_cell in lines[-1] and lines[-1].endswith("3")


def test_the_fast_tool_reader_builds_the_same_tools(big_db: str) -> None:
    ws = open_workspace(big_db)
    try:
        with ws.read() as session:
            repo = Repository(session)
            plan = repo.plan_record(None)
            assert plan.id is not None
            table = SQLModel.metadata.tables[ToolRecord.__tablename__]
            query = select(table).where(table.c.plan_id == plan.id).order_by(table.c.slug)
            one_by_one = [tool_from_record(row) for row in session.execute(query)]
            fast = repo.tools(plan.id)
            streamed = list(repo.iter_tools(plan.id, batch=100))
            assert repo.count_tools(plan.id) == TOOLS + 1
    finally:
        ws.dispose()
    assert fast == one_by_one == streamed
    assert [t.version for t in fast] == [t.version for t in one_by_one]
    assert {type(t.purposes) for t in fast} == {tuple}
