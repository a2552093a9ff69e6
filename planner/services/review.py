"""The review loop's comparisons: the plan as it stands against this workspace's last
export of it (remembered per plan), or against a plan file; and whether an export may
overwrite a file without asking (only one this workspace wrote and nobody changed since)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.adapters.store.db import Workspace
from planner.adapters.store.plan_store import export_paths, find_export
from planner.adapters.store.repository import Repository
from planner.adapters.yamlsafe import load_yaml, load_yaml_file
from planner.domain.catalog import Catalog
from planner.domain.plan_diff import Change, ThreeWay, diff_plans, keyed_texts, three_way
from planner.errors import InputError, PlannerError
from planner.services.plan_file import default_export_path, plan_document, render_plan

# Plan files as large as an import accepts.
_MAX_BYTES = 64 * 1024 * 1024


def current_text(ws: Workspace, catalog: Catalog, plan: str | None, today: dt.date) -> str:
    return render_plan(ws, plan, today, catalog)


def review_view(
    ws: Workspace,
    catalog: Catalog,
    plan: str,
    today: dt.date,
    path: Path | None = None,
    compared: Callable[[Comparison | PlannerError], None] | None = None,
) -> tuple[str, Comparison | PlannerError]:
    """Screen 6's two halves: its comparison with ``path`` or the last export (or why that
    comparison failed), handed to ``compared`` as soon as it is known, then the plan's
    text. The comparison comes first because it is what the screen opens on: with nothing
    to compare with it is known at once, otherwise after one read of the plan's tools as
    JSON text (a 60,000-tool plan's document takes seconds, its YAML as long again); the
    text reuses that read's document but for the tools, which it reads once more."""
    from planner.services.plan_file import plan_text, streamed_document

    document: dict[str, Any] | None = None

    def now() -> tuple[dict[str, Any], dict[str, str]]:
        nonlocal document
        document = streamed_document(ws, plan, today, catalog)
        texts = keyed_texts("tools", document["tools"])
        document["tools"] = iter(())  # read again for the text
        head = {key: value for key, value in document.items() if key != "tools"}
        return _plain(head), texts

    found: Comparison | PlannerError
    try:
        found = compare(ws, catalog, plan, today, path, read_now=now)
    except PlannerError as exc:
        found = exc
    if compared is not None:
        compared(found)
    return plan_text(ws, plan, today, catalog, document), found


def _plain(data: Any) -> Any:
    """Data as JSON would keep it (dates as ISO strings): an export remembered in the
    workspace, a file read back and the plan now compare alike."""
    return json.loads(json.dumps(data, default=str))


def _data(text: str, source: str) -> dict[str, Any]:
    doc = load_yaml(text, source=source, max_bytes=_MAX_BYTES)
    if not isinstance(doc.data, dict):
        raise InputError("not a plan file: expected a mapping", file=source, line=1)
    return doc.data


def file_data(path: Path) -> dict[str, Any]:
    doc = load_yaml_file(path, max_bytes=_MAX_BYTES)
    if not isinstance(doc.data, dict):
        raise InputError("not a plan file: expected a mapping", file=str(path), line=1)
    return doc.data


def _now(ws: Workspace, catalog: Catalog, plan: str, today: dt.date) -> dict[str, Any]:
    data: dict[str, Any] = _plain(plan_document(ws, plan, today, catalog))
    return data


@dataclass(frozen=True)
class Comparison:
    """What screen 6 shows: the changes from ``source`` to the plan now (None: nothing to
    compare with yet)."""

    source: str  # "the last export (plans/x.yaml, 2026-11-23)" or the file's path
    changes: list[Change] | None
    exported: bool  # compared with this workspace's last export (else with a file)


def compare(
    ws: Workspace,
    catalog: Catalog,
    plan: str,
    today: dt.date,
    path: Path | None = None,
    *,
    now: dict[str, Any] | None = None,
    now_tools: dict[str, str] | None = None,
    read_now: Callable[[], tuple[dict[str, Any], dict[str, str]]] | None = None,
) -> Comparison:
    """The plan now against ``path``, or (no path) against this workspace's last export of
    the plan — not against whatever file sits under plans/ (a repository's tracked copy).
    ``now``: the plan's document, if read already; its tools may be given apart, as JSON
    text by id (``now_tools``, see ``plan_file.text_and_data``), or read by ``read_now``
    (both at once) only once there is something to compare with."""
    if now is None and read_now is not None:

        def read() -> None:
            nonlocal now, now_tools
            now, now_tools = read_now()

    else:

        def read() -> None:
            nonlocal now
            if now is None:
                now = _now(ws, catalog, plan, today)

    if path is not None:
        if not path.exists():
            return Comparison(str(path), None, exported=False)
        read()
        assert now is not None
        if now_tools is not None:
            now = {**now, "tools": [json.loads(t) for t in now_tools.values()]}
        return Comparison(str(path), diff_plans(_plain(file_data(path)), now), False)
    from planner.adapters.store.plan_store import latest_export

    with ws.read() as session:
        record = Repository(session).plan_record(plan)
        assert record.id is not None
        if latest_export(session, record.id) is None:
            return Comparison("the last export", None, exported=True)
    read()
    assert now is not None
    with ws.read() as session:
        record = Repository(session).plan_record(plan)
        assert record.id is not None
        found = latest_export(session, record.id)
        if found is None:  # forgotten meanwhile (only the latest 20 are kept)
            return Comparison("the last export", None, exported=True)
        export_id, on, where = found
        if now_tools is None:
            exported, given = _exported(session, export_id, now), None
        else:
            exported, given = _exported_apart(session, export_id, now_tools)
    source = f"the last export ({where or 'standard output'}, {on})"
    return Comparison(source, diff_plans(exported, now, given), True)


def _exported_apart(
    session: Any, export_id: int, now_tools: dict[str, str]
) -> tuple[dict[str, Any], dict[str, list[Change]]]:
    """The remembered export but for its tools, and the tools' changes, found as its
    tools are read one at a time (neither side's tools held as records)."""
    from planner.adapters.store.export_json import export_records
    from planner.domain.plan_diff import keyed_changes

    head, records, found = export_records(session, export_id, ("tools",))
    old = records("tools") if "tools" in found else iter(())
    return head, {"tools": keyed_changes("tools", old, now_tools, json.loads)}


def _exported(session: Any, export_id: int, now: dict[str, Any]) -> dict[str, Any]:
    """The remembered export as its JSON reads, its tools read one at a time and each one
    equal to the plan's now shared with it: a large plan's export is never held twice."""
    from planner.adapters.store.export_json import export_records

    head, records, found = export_records(session, export_id, ("tools",))
    if "tools" in found:
        mine = {t.get("id"): t for t in now.get("tools") or [] if isinstance(t, dict)}
        head["tools"] = [
            mine[t.get("id")] if isinstance(t, dict) and mine.get(t.get("id")) == t else t
            for t in records("tools")
        ]
    return head


def changes_since(
    ws: Workspace, catalog: Catalog, plan: str, today: dt.date, path: Path | None = None
) -> tuple[Path, list[Change] | None]:
    """Changes from the file (default: plans/NAME.yaml) to the plan now; None when there is
    no such file yet."""
    path = path or default_export_path(plan)
    if not path.exists():
        return path, None
    return path, diff_plans(_plain(file_data(path)), _now(ws, catalog, plan, today))


def changes_on_import(
    ws: Workspace, catalog: Catalog, plan: str, today: dt.date, path: Path
) -> list[Change]:
    """What importing ``path`` would change in the plan as it stands."""
    now = _data(current_text(ws, catalog, plan, today), "current plan")
    return diff_plans(now, file_data(path))


def export_target(plan: str, path: Path | None) -> Path:
    return path if path is not None else default_export_path(plan)


def overwrite_warning(ws: Workspace, plan: str, target: Path) -> str | None:
    """Why exporting to ``target`` needs a confirmation, or None when it may go ahead: the
    file does not exist, or this workspace wrote it (an export of this plan remembers that
    path) and its content is still exactly what was written."""
    if not target.exists():
        return None
    with ws.read() as session:
        record = Repository(session).plan_record(plan)
        assert record.id is not None
        written = export_paths(session, record.id)
    mine = [doc for where, doc in written if _same_file(Path(where), target)]
    if not mine:
        return f"{target} exists and was not written by this workspace: overwrite it?"
    try:
        content = _plain(file_data(target))
    except (PlannerError, OSError):
        content = None
    if content != json.loads(mine[0]):
        return f"{target} was changed since this workspace exported it: overwrite it?"
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def three_way_view(
    ws: Workspace, path: Path, today: dt.date
) -> tuple[str, dt.date | None, list[ThreeWay]]:
    """The reviewed file at ``path`` against the export it was taken from and the plan now:
    (plan name, export date, rows). An InputError when the file has no base this workspace
    remembers (hand-written, another workspace's, or an export rotated out): then only a
    two-way ``plan diff OLD NEW`` can say anything."""
    from planner.services.plan_file import base_digest, document_json

    doc = load_yaml_file(path)
    data = doc.data if isinstance(doc.data, dict) else {}
    header = data.get("plan")
    name = header.get("name") if isinstance(header, dict) else None
    base = data.get("base")
    if not isinstance(name, str) or not isinstance(base, dict):
        raise InputError(
            "the file records no base: compare two files with plan diff OLD NEW", file=str(path)
        )
    with ws.read() as session:
        record = Repository(session).plan_record(name)
        assert record.id is not None
        found = find_export(session, record.id, base_digest(base))
    if found is None:
        raise InputError(
            "this workspace does not remember the export the file was taken from: "
            "compare two files with plan diff OLD NEW",
            file=str(path),
        )
    exported, exported_on = json.loads(found[0]), found[1]
    now = json.loads(document_json(plan_document(ws, name, today)))
    file_data = json.loads(json.dumps(data, default=str))
    return name, exported_on, three_way(exported, now, file_data)
