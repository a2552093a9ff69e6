"""Three-way plan import, on SQLite and PostgreSQL: edits made on both sides
since an export are kept, true conflicts are refused with located lines and write nothing,
a reviewer's `trained` survives, and every import says what it did."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.domain.records.inventory import ToolChanges
from planner.services.plan_file import export_plan, render_plan
from planner.services.plan_import import ImportResult, import_plan
from planner.services.rollout import rollout
from planner.services.tools import get_tool, list_tools, update_tool
from tests.services.conftest import DEMO_TODAY

TODAY = DEMO_TODAY  # the day the shared ``demo`` fixture builds the demo on
PLAN = "hexaline-2027"


def _export(planner: Planner, path: Path) -> str:
    export_plan(planner.workspace, PLAN, TODAY, path, planner.catalog)
    return path.read_text(encoding="utf-8")


def _record(text: str, ident: str) -> tuple[int, int]:
    """Start and end offsets of the record ``- id: ident`` in an exported file."""
    start = text.index(f"- id: {ident}\n")
    end = text.find("\n- ", start + 1)
    return start, end


def _set(text: str, ident: str, field: str, value: str) -> str:
    start, end = _record(text, ident)
    body = text[start:end]
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(f"  {field}:"):
            lines[i] = f"  {field}: {value}"
            break
    else:
        raise AssertionError(f"{ident} has no {field}")
    return text[:start] + "\n".join(lines) + text[end:]


def _remove(text: str, ident: str) -> str:
    start, end = _record(text, ident)
    return text[:start] + text[end + 1 :]


def _import(planner: Planner, path: Path, **kw: object) -> ImportResult:
    kw.setdefault("today", TODAY)
    return import_plan(planner.workspace, planner.catalog, path, **kw)  # type: ignore[arg-type]


def test_edits_on_both_sides_are_kept(demo: Planner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    update_tool(demo.workspace, demo.catalog, None, "sharepoint", ToolChanges(owner="IT Ops"))
    path.write_text(_set(text, "sharepoint", "notes", "reviewed by the board"), encoding="utf-8")
    result = _import(demo, path)
    assert result.written and not result.conflicts and result.three_way
    tool = get_tool(demo.workspace, None, "sharepoint")
    assert (tool.owner, tool.notes) == ("IT Ops", "reviewed by the board")
    assert [(c.section, c.id, c.field) for c in result.changes] == [
        ("tools", "sharepoint", "notes")
    ]
    assert result.describe() == "tools: 1 changed"
    # The same file again: nothing left to change, nothing written.
    again = _import(demo, path)
    assert not again.written and again.describe() == "nothing to change"


def test_a_true_conflict_writes_nothing_and_is_located(demo: Planner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    update_tool(
        demo.workspace, demo.catalog, None, "sharepoint", ToolChanges(owner="Platform team")
    )
    edited = _set(text, "sharepoint", "owner", "Board")
    edited = _set(edited, "jive", "notes", "keep")
    path.write_text(edited, encoding="utf-8")
    before = render_plan(demo.workspace, PLAN, TODAY, demo.catalog)
    result = _import(demo, path)
    assert not result.written
    assert render_plan(demo.workspace, PLAN, TODAY, demo.catalog) == before
    [conflict] = result.conflicts
    line = edited[: edited.index("  owner: Board")].count("\n")
    assert conflict.line == line + 1
    assert str(conflict).endswith("tools sharepoint owner: workspace Platform team, file Board")
    assert str(conflict).startswith(f"{path}:{line + 1}: ")


@pytest.mark.parametrize(("take", "owner"), [("theirs", "Board"), ("ours", "Platform team")])
def test_conflicts_settled_one_side(demo: Planner, tmp_path: Path, take: str, owner: str) -> None:
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    update_tool(
        demo.workspace, demo.catalog, None, "sharepoint", ToolChanges(owner="Platform team")
    )
    path.write_text(
        _set(_set(text, "sharepoint", "owner", "Board"), "jive", "notes", "kept"), encoding="utf-8"
    )
    result = _import(demo, path, take=take)
    assert result.conflicts and result.written
    assert get_tool(demo.workspace, None, "sharepoint").owner == owner
    assert get_tool(demo.workspace, None, "jive").notes == "kept"


def _two_conflicts(demo: Planner, tmp_path: Path) -> Path:
    """sharepoint owner and facebook notes edited on both sides since the export."""
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    update_tool(
        demo.workspace, demo.catalog, None, "sharepoint", ToolChanges(owner="Platform team")
    )
    update_tool(demo.workspace, demo.catalog, None, "facebook", ToolChanges(notes="ours"))
    edited = _set(_set(text, "sharepoint", "owner", "Board"), "facebook", "notes", "theirs")
    path.write_text(_set(edited, "jive", "notes", "kept"), encoding="utf-8")
    return path


def test_conflicts_settled_one_by_one(demo: Planner, tmp_path: Path) -> None:
    path = _two_conflicts(demo, tmp_path)
    listed = _import(demo, path, dry_run=True)
    assert [(d.key, d.ours, d.theirs) for d in listed.details] == [
        (("tools", "facebook", "notes"), "ours", "theirs"),
        (("tools", "sharepoint", "owner"), "Platform team", "Board"),
    ]
    assert all(d.file == str(path) and d.line > 1 for d in listed.details)
    result = _import(
        demo,
        path,
        resolutions={
            ("tools", "sharepoint", "owner"): "theirs",
            ("tools", "facebook", "notes"): "ours",
        },
    )
    assert result.written
    assert get_tool(demo.workspace, None, "sharepoint").owner == "Board"
    assert get_tool(demo.workspace, None, "facebook").notes == "ours"
    assert get_tool(demo.workspace, None, "jive").notes == "kept"


def test_a_conflict_left_unsettled_writes_nothing(demo: Planner, tmp_path: Path) -> None:
    path = _two_conflicts(demo, tmp_path)
    before = render_plan(demo.workspace, PLAN, TODAY, demo.catalog)
    result = _import(demo, path, resolutions={("tools", "sharepoint", "owner"): "theirs"})
    assert not result.written and len(result.conflicts) == 2
    assert render_plan(demo.workspace, PLAN, TODAY, demo.catalog) == before
    # ``take`` settles the ones the resolutions do not name.
    result = _import(
        demo, path, take="ours", resolutions={("tools", "sharepoint", "owner"): "theirs"}
    )
    assert result.written
    assert get_tool(demo.workspace, None, "sharepoint").owner == "Board"
    assert get_tool(demo.workspace, None, "facebook").notes == "ours"


def test_a_removed_record_settled_by_key(demo: Planner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    update_tool(
        demo.workspace, demo.catalog, None, "facebook", ToolChanges(notes="still used by HR")
    )
    path.write_text(_remove(text, "facebook"), encoding="utf-8")
    [detail] = _import(demo, path, dry_run=True).details
    assert detail.key == ("tools", "facebook", "(record)")
    result = _import(demo, path, resolutions={detail.key: "theirs"})
    assert result.written
    assert "facebook" not in {t.slug for t in list_tools(demo.workspace, None)}


def test_a_resolution_is_ours_or_theirs(demo: Planner, tmp_path: Path) -> None:
    path = _two_conflicts(demo, tmp_path)
    with pytest.raises(ValueError, match="'mine'"):
        _import(demo, path, resolutions={("tools", "sharepoint", "owner"): "mine"})


def test_removed_records(demo: Planner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    update_tool(
        demo.workspace, demo.catalog, None, "facebook", ToolChanges(notes="still used by HR")
    )
    path.write_text(_remove(_remove(text, "jive"), "facebook"), encoding="utf-8")
    result = _import(demo, path)
    assert [(str(c).split(": ", 1)[1]) for c in result.conflicts] == [
        "tools facebook: workspace edited, file removed"
    ]
    assert "jive" in {t.slug for t in list_tools(demo.workspace, None)}
    result = _import(demo, path, take="ours")
    slugs = {t.slug for t in list_tools(demo.workspace, None)}
    assert "jive" not in slugs and "facebook" in slugs
    assert ("tools", "jive", "removed") in {(c.section, c.id, c.kind) for c in result.changes}


def test_added_on_either_side_are_kept(demo: Planner, tmp_path: Path) -> None:
    from planner.services.tools import add_tool

    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    add_tool(demo.workspace, demo.catalog, None, "Mattermost")
    extra = "- id: padlet\n  name: Padlet\n"
    start = text.index("- id: facebook\n")
    path.write_text(text[:start] + extra + text[start:], encoding="utf-8")
    result = _import(demo, path)
    assert result.written and not result.conflicts
    slugs = {t.slug for t in list_tools(demo.workspace, None)}
    assert {"mattermost", "padlet"} <= slugs


def test_a_reviewers_trained_becomes_a_dated_update(demo: Planner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    path.write_text(_set(text, "marketing-e-learning", "trained", "40"), encoding="utf-8")
    result = _import(demo, path, today=TODAY + dt.timedelta(days=9))
    [note] = result.notes
    assert note.line == text[: text.index("- id: marketing-e-learning")].count("\n") + 5
    assert TODAY.isoformat() in note.message  # the file's export date, not today
    [milestone] = [
        t for t in rollout(demo.workspace, None).trainings if t.id == "marketing-e-learning"
    ]
    assert milestone.trained == 40
    assert [(u.on, u.trained) for u in milestone.updates][-1] == (TODAY, 40)


def test_computed_fields_edited_are_reported_as_ignored(demo: Planner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    users = get_tool(demo.workspace, None, "sharepoint").users
    path.write_text(_set(text, "sharepoint", "users", str(users + 1000)), encoding="utf-8")
    result = _import(demo, path)
    [note] = result.notes
    assert "tools sharepoint users" in note.message
    assert "\n  users: " in text and note.line > 1
    assert not result.written
    assert get_tool(demo.workspace, None, "sharepoint").users == users


def test_export_import_export_is_byte_identical_with_a_base(demo: Planner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    assert "\nbase:\n  revision: " in text
    assert not _import(demo, path).written
    assert render_plan(demo.workspace, PLAN, TODAY, demo.catalog) == text


def test_a_file_without_a_base_replaces_and_says_so_first(demo: Planner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    exported = get_tool(demo.workspace, None, "sharepoint").owner
    update_tool(demo.workspace, demo.catalog, None, "sharepoint", ToolChanges(owner="IT Ops"))
    without = text[: text.index("\nbase:\n") + 1]
    path.write_text(without, encoding="utf-8")
    seen: list[ImportResult] = []
    result = _import(demo, path, before_replace=seen.append)
    assert result.replaced and seen and seen[0].changes
    assert get_tool(demo.workspace, None, "sharepoint").owner == exported


def test_a_pilot_without_title_is_named_after_its_product(demo: Planner, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = _export(demo, path)
    start = text.index("pilots:\n")
    first = text.index("  title: ", start)
    end = text.index("\n", first)
    path.write_text(text[:first] + text[end + 1 :], encoding="utf-8")
    result = _import(demo, path, take="theirs")
    assert not result.conflicts
    from planner.services.pilots import list_pilots

    titles = {p.product: p.title for p in list_pilots(demo.workspace, None)}
    at = text.index("  product: ", start) + len("  product: ")
    product = text[at : text.index("\n", at)]
    assert titles[product] == demo.catalog.products[product].name


def test_a_need_removed_in_the_file_is_removed(demo: Planner, tmp_path: Path) -> None:
    """A capability need the reviewer deleted goes (it was once merged as None and refused)."""
    from planner.domain.plan_merge import merge, resolve

    bases = {"needs": {"needs": {"capabilities.ideation": 4, "capabilities.wiki": 2}}}
    ours = {"needs": {"needs": {"capabilities.ideation": 4, "capabilities.wiki": 3}}}
    theirs = {"needs": {"needs": {}}}
    merged, conflicts = merge(bases, ours, theirs)
    assert merged["needs"]["needs"] == {"capabilities.wiki": 3}
    assert [(c.field, c.ours, c.theirs) for c in conflicts] == [("capabilities.wiki", 3, None)]
    resolve(merged, conflicts, theirs, "theirs")
    assert merged["needs"]["needs"] == {}
    path = tmp_path / "plan.yaml"
    export_plan(demo.workspace, "hexaline-2027", TODAY, path)
    text = path.read_text(encoding="utf-8")
    assert "    ideation: 4\n" in text
    path.write_text(text.replace("    ideation: 4\n", "", 1), encoding="utf-8")
    import_plan(demo.workspace, demo.catalog, path)
    assert "    ideation:" not in render_plan(demo.workspace, "hexaline-2027", TODAY)
