"""A reviewer's edits of fields the planner computes: ``trained`` becomes a dated training
update, the others (users, KPI actuals, roadmap, candidates) are reported as ignored."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import Any

from planner.adapters.plan_schema import PlanFile
from planner.adapters.yamlsafe import YamlDocument
from planner.domain.plan_merge import RECORDS, editable, editable_records
from planner.services.plan_import.validation import _list


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


_PLAIN = (str, int, float, bool, type(None))


def json_types(value: Any) -> Any:
    """What ``json.loads(json.dumps(value, default=str))`` gives, made in place (dicts and
    lists reused): the text of a 60,000-tool plan and its parsed copy are never held."""
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return _json(value)
        for key, item in value.items():
            if not isinstance(item, _PLAIN):
                value[key] = json_types(item)
        return value
    if isinstance(value, list | tuple):
        items = value if isinstance(value, list) else list(value)
        for i, item in enumerate(items):
            if not isinstance(item, _PLAIN):
                items[i] = json_types(item)
        return items
    if isinstance(value, _PLAIN):
        return value
    if value.__class__ is dt.date:  # as the round trip writes it (str), without the text
        return value.isoformat()  # a 60,000-tool plan has 120,000 dates
    return _json(value)


def ours_document(document: dict[str, Any]) -> dict[str, Any]:
    """The workspace's streamed document (its tools an iterator) in JSON types, each tool
    made so as it is read: the plan's tools are split into units one at a time."""
    tools, document["tools"] = document["tools"], []
    document = json_types(document)
    document["tools"] = map(json_types, tools)
    return document


def split_document(
    document: dict[str, Any],
    like: Mapping[str, Mapping[str, Any]] | None = None,
    records: Callable[[str], Iterable[Any]] | None = None,
) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """A full plan document (the workspace's, or a remembered export) as its editable units
    and the little the import still asks of it (versions, computed values, small sections).
    Its records are handed over one at a time (the document is emptied), or come one at a
    time from ``records(section)`` (a remembered export read from the database), so a large
    plan is held once, as units, not twice; a record equal to ``like``'s is shared with it."""
    if records is None:
        records = partial(_drained_section, document)
    reference: dict[str, Any] = {"base": document.get("base")}
    for key in ("roadmap", "candidates"):
        reference[key] = list(document.get(key) or [])
    units = editable({"plan": document.get("plan"), "needs": document.get("needs")})
    users: list[dict[str, Any]] = []
    for section in RECORDS:
        found: Iterable[Any] = records(section)
        if section in ("pilots", "training"):  # small, and kept whole for the notes
            found = reference[section] = list(found)
        elif section == "tools":
            found = _users_noted(found, users)
        same = like.get(section) if like is not None else None
        units[section] = editable_records(section, found, same)
    reference["tools"] = users
    return units, reference


def _drained_section(document: dict[str, Any], section: str) -> Iterator[Any]:
    records = document.get(section) or []
    document[section] = []
    return _handed_over(records) if isinstance(records, list) else iter(records)


def _users_noted(tools: Iterable[Any], users: list[dict[str, Any]]) -> Iterator[Any]:
    """The tools as they pass, each one's id and computed users noted in ``users``."""
    for t in tools:
        if isinstance(t, dict):
            users.append({"id": t.get("id"), "users": t.get("users", 0)})
        yield t


def _handed_over(records: list[Any]) -> Iterator[Any]:
    for i, record in enumerate(records):
        records[i] = None
        yield record


def _dump(model: Any) -> dict[str, Any]:
    # mode="json" already gives JSON types (ISO dates, lists): no round trip through text.
    data: dict[str, Any] = model.model_dump(mode="json", by_alias=True)
    return data


def file_units(pf: PlanFile, doc: YamlDocument) -> dict[str, dict[str, Any]]:
    """The file's editable units (what :func:`editable` gives for its full dump), built one
    record at a time. The tools' models, the one section that grows large, are dropped as
    they are dumped (from ``pf`` and from the loaded document, which shares them): the
    models and their units are never held together. Ask :func:`file_tool_users` first."""
    head: dict[str, Any] = pf.model_dump(mode="json", by_alias=True, include={"plan", "needs"})
    head["needs"] = effective_needs(head["needs"])
    units = editable(head)
    for section in RECORDS:
        models = getattr(pf, section)
        if section == "tools" and isinstance(doc.data, dict):
            doc.data.pop("tools", None)
            pf.tools = []
            units[section] = editable_records(section, _drained(models))
        else:
            units[section] = editable_records(section, (_dump(m) for m in models))
    return units


def effective_needs(needs: dict[str, Any]) -> dict[str, Any]:
    """The needs a file's ``needs`` section stands for, as the workspace keeps and exports
    them: a criterion left out weighs its default (the workspace stores none), a capability
    weighted 0 is not needed (the workspace stores none). Compared as written, a file
    without ``criteria`` listed every default weight as ``0.3 -> —`` on every import."""
    from planner.domain.scoring import DEFAULT_WEIGHTS

    criteria = needs.get("criteria") or {}
    return {
        "capabilities": {c: w for c, w in (needs.get("capabilities") or {}).items() if w},
        "criteria": {c.value: criteria.get(c.value, w) for c, w in DEFAULT_WEIGHTS.items()},
    }


def _drained(models: list[Any]) -> Iterator[dict[str, Any]]:
    for i, model in enumerate(models):
        models[i] = None
        yield _dump(model)


def file_tool_users(pf: PlanFile) -> tuple[dict[str, int], list[tuple[int, str, int]]]:
    """The users each tool of the file gives (the computed value the write keeps), and the
    tools whose ``users`` the file sets explicitly (index, id, value), for the notes."""
    users = {t.id: t.users for t in pf.tools}
    given = [(i, t.id, t.users) for i, t in enumerate(pf.tools) if "users" in t.model_fields_set]
    return users, given


def self_reference(pf: PlanFile) -> dict[str, Any]:
    """What a new plan's file is compared with for computed fields: itself, so nothing is
    reported. Tools are left out (each would equal itself) to keep a large file's import
    from dumping them all a second time."""
    data: dict[str, Any] = pf.model_dump(
        mode="json", by_alias=True, include={"pilots", "training", "roadmap", "candidates"}
    )
    return data


def _given(pf: PlanFile, section: str) -> list[tuple[int, dict[str, Any]]]:
    """The file's records of a section as it gave them (fields left out stay out): the
    loaded data holds models by now (validated in place), so they are asked."""
    return [
        (i, m.model_dump(mode="json", exclude_unset=True))
        for i, m in enumerate(getattr(pf, section))
    ]


def _computed_notes(
    doc: YamlDocument,
    pf: PlanFile,
    given_users: list[tuple[int, str, int]],
    reference: dict[str, Any],
    ours_full: dict[str, Any],
    merged: dict[str, dict[str, Any]],
    on: dt.date,
    on_label: str,
) -> list[tuple[tuple[str | int, ...], str]]:
    """A reviewer's edits of computed fields: ``trained`` becomes a dated update in
    ``merged``; the others are reported as ignored. ``reference`` is what the file was
    exported with (the base, else the workspace now)."""
    notes: list[tuple[tuple[str | int, ...], str]] = []
    ref_tools = {t["id"]: t for t in reference.get("tools", [])}
    # The tools' models are gone by now (a plan may hold 60,000): what they gave is asked.
    for i, ident, users in given_users:
        ref = ref_tools.get(ident)
        if ref is not None and users != ref.get("users"):
            notes.append(
                (
                    ("tools", i, "users"),
                    f"tools {ident} users: {users} ignored "
                    f"(computed from the evidence: {ref.get('users')})",
                )
            )
    ref_pilots = {p["id"]: p for p in reference.get("pilots", [])}
    for i, pilot in _given(pf, "pilots"):
        ref_kpis = {
            k.get("kpi"): k.get("actual")
            for k in (ref_pilots.get(str(pilot.get("id"))) or {}).get("criteria", [])
        }
        for j, kpi in enumerate(_list(pilot.get("criteria"))):
            if (
                isinstance(kpi, dict)
                and "actual" in kpi
                and kpi["kpi"] in ref_kpis
                and kpi["actual"] != ref_kpis[kpi["kpi"]]
            ):
                notes.append(
                    (
                        ("pilots", i, "criteria", j, "actual"),
                        f"pilots {pilot['id']} {kpi['kpi']} actual: {kpi['actual']} "
                        "ignored (computed from the measurements)",
                    )
                )
    for section in ("roadmap", "candidates"):
        mine = doc.data.get(section)
        if mine and _json(mine) != reference.get(section):
            notes.append(((section,), f"{section}: edits ignored (computed on export)"))
    ref_training = {t["id"]: t for t in reference.get("training", [])}
    now_training = {t["id"]: t for t in ours_full.get("training", [])}
    for i, milestone in _given(pf, "training"):
        ident = str(milestone.get("id"))
        trained = milestone.get("trained")
        record = merged["training"].get(ident)
        if not isinstance(trained, int) or record is None:
            continue
        ref = ref_training.get(ident)
        now = now_training.get(ident)
        was = ref.get("trained") if ref is not None else 0
        latest = max(
            record.get("updates") or [{"on": "", "trained": 0}],
            key=lambda u: (str(u["on"]), u["trained"]),
        )["trained"]
        if trained in (was, latest) or (now is not None and trained == now.get("trained")):
            continue
        updates = [u for u in record.get("updates") or [] if u["on"] != on.isoformat()]
        # The merged record may be the workspace's or the file's own: changed as a copy.
        record = merged["training"][ident] = dict(record)
        record["updates"] = sorted(
            [*updates, {"on": on.isoformat(), "trained": trained}],
            key=lambda u: (u["on"], u["trained"]),
        )
        notes.append(
            (
                ("training", i, "trained"),
                f"training {ident} trained: {trained} recorded as an update on "
                f"{on.isoformat()} ({on_label})",
            )
        )
    return notes
