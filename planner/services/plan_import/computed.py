"""A reviewer's edits of fields the planner computes: ``trained`` becomes a dated training
update, the others (users, KPI actuals, roadmap, candidates) are reported as ignored."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from planner.adapters.plan_schema import PlanFile
from planner.adapters.yamlsafe import YamlDocument
from planner.services.plan_import.validation import _list


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _file_document(pf: PlanFile) -> dict[str, Any]:
    # mode="json" already gives JSON types (ISO dates, lists): no second round trip through
    # json text, which for a 60,000-tool plan briefly held two more copies of it.
    data: dict[str, Any] = pf.model_dump(mode="json", by_alias=True, exclude={"base"})
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
    theirs_full: dict[str, Any],
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
    # Asked of the models, not of a dump of each: a plan may hold 60,000 tools.
    for i, tool in enumerate(pf.tools):
        ref = ref_tools.get(tool.id)
        if ref is not None and "users" in tool.model_fields_set and tool.users != ref.get("users"):
            notes.append(
                (
                    ("tools", i, "users"),
                    f"tools {tool.id} users: {tool.users} ignored "
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
