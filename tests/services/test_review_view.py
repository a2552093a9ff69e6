"""Screen 6's read: the comparison is handed over before the plan's text is written, and
what each half says is what the plan's export and a whole-document comparison say."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.domain.records.inventory import ToolChanges
from planner.errors import PlannerError
from planner.services import plan_file
from planner.services.plan_file import export_plan, render_plan
from planner.services.review import Comparison, compare, review_view
from planner.services.tools import update_tool
from tests.services.conftest import DEMO_TODAY

TODAY = DEMO_TODAY  # the day the shared ``demo`` fixture builds the demo on
PLAN = "hexaline-2027"


def _view(
    planner: Planner, path: Path | None, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], str, Comparison | PlannerError]:
    """review_view's text and comparison, and in which order the comparison and the
    text came ("compared" before "text": the screen shows the comparison first)."""
    order: list[str] = []
    real = plan_file.plan_text

    def text(*args: object, **kwargs: object) -> str:
        order.append("text")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plan_file, "plan_text", text)
    shown, found = review_view(
        planner.workspace,
        planner.catalog,
        PLAN,
        TODAY,
        path,
        compared=lambda found: order.append("compared"),
    )
    return order, shown, found


def test_compared_with_the_last_export_before_the_text_is_written(
    demo: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export_plan(demo.workspace, PLAN, TODAY, tmp_path / "out.yaml", demo.catalog)
    update_tool(demo.workspace, demo.catalog, PLAN, "facebook", ToolChanges(owner="CMO"))
    order, text, found = _view(demo, None, monkeypatch)
    assert order == ["compared", "text"]
    assert text == render_plan(demo.workspace, PLAN, TODAY, demo.catalog)
    assert isinstance(found, Comparison) and found.changes is not None
    assert [(c.section, c.id, c.field, c.new) for c in found.changes] == [
        ("tools", "facebook", "owner", "CMO")
    ]
    # the same as compared with the whole document, read as records
    assert found.changes == compare(demo.workspace, demo.catalog, PLAN, TODAY).changes


def test_compared_with_a_file_and_with_nothing_yet(
    demo: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order, text, found = _view(demo, None, monkeypatch)
    assert order == ["compared", "text"]
    assert isinstance(found, Comparison) and found.changes is None and found.exported
    assert text == render_plan(demo.workspace, PLAN, TODAY, demo.catalog)

    reviewed = tmp_path / "reviewed.yaml"
    reviewed.write_text(text.replace("  owner: Head of Marketing", "  owner: CMO", 1), "utf-8")
    monkeypatch.undo()
    order, again, found = _view(demo, reviewed, monkeypatch)
    assert order == ["compared", "text"] and again == text
    assert isinstance(found, Comparison) and found.changes is not None
    assert [(c.id, c.field, c.old, c.new) for c in found.changes] == [
        ("facebook", "owner", "CMO", "Head of Marketing")
    ]
