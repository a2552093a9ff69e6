"""Import a reviewed plan file: validate everything first, then write it all or nothing.

The file is loaded with the strict YAML loader, validated against the schema, then checked
against the catalog and against itself (unique ids, references to the plan's own pilots).
Every problem is reported as ``file:line:col: message`` and nothing is written; otherwise
the plan is created, or its reviewable content replaced, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.adapters.db import Workspace
from planner.adapters.plan_schema import (
    FeatureEntry,
    PilotEntry,
    PlanFile,
    ToolEntry,
    TrainingEntry,
)
from planner.adapters.plan_store import VERSIONED, find_export, record_versions, replace_content
from planner.adapters.repository import Repository
from planner.adapters.yamlsafe import YamlDocument, load_yaml, load_yaml_file, pydantic_errors
from planner.domain.catalog import Catalog
from planner.domain.pilots import KPIS
from planner.domain.plan import PURPOSES, Plan
from planner.domain.plan_diff import Change, show
from planner.domain.plan_merge import (
    RECORD,
    RECORDS,
    UNKNOWN,
    Conflict,
    editable,
    merge,
    rebuild_needs,
    resolve,
)
from planner.domain.plan_merge import changes as plan_changes
from planner.domain.rollout import TARGET_SYSTEMS
from planner.domain.text import visible
from planner.errors import InputError, InputErrors, NotFoundError, PlannerError

MAX_PLAN_BYTES = 64 * 1024 * 1024
SCHEMA = "planner.plan/1"


def _load(path: Path | str, text: str | None) -> YamlDocument:
    if text is None:
        doc = load_yaml_file(Path(path), max_bytes=MAX_PLAN_BYTES)
    else:
        doc = load_yaml(text, source=str(path), max_bytes=MAX_PLAN_BYTES)
    if not isinstance(doc.data, dict):
        raise doc.error((), "not a plan file: expected a mapping with schema, plan, tools…")
    if doc.data.get("schema") != "planner.plan/1":
        raise doc.error(
            ("schema",),
            f"unsupported schema {doc.data.get('schema')!r} (this planner reads planner.plan/1)",
        )
    return doc


def _records(data: dict[str, Any], section: str) -> list[tuple[int, dict[str, Any]]]:
    items = data.get(section)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _list(value: object) -> list[Any]:
    """A section's list, or nothing when it is something else (the schema reports that)."""
    return value if isinstance(value, list) else []


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _unique(doc: YamlDocument, section: str, key: str, errors: list[InputError]) -> None:
    # Indexes, not lines: a line needs the document's position index, which is built on the
    # first lookup and costs about as much memory as the data (a 60,000-tool plan doubled its
    # peak) — so it is only built when there is an error to locate.
    seen: dict[object, int] = {}
    for index, item in _records(doc.data, section):
        value = item.get(key)
        if not isinstance(value, str):
            continue
        if value in seen:
            first = doc.mark((section, seen[value]))[0]
            errors.append(
                doc.error(
                    (section, index, key),
                    f"duplicate id '{value}' in {section} (first at line {first})",
                )
            )
        else:
            seen[value] = index


def check_references(doc: YamlDocument, catalog: Catalog) -> list[InputError]:
    """Ids unique per section; references to the catalog and to the plan's own pilots;
    vocabularies. Works on the raw data, so it runs even when the schema check fails."""
    data = doc.data
    errors: list[InputError] = []
    for section, key in (
        ("tools", "id"),
        ("pilots", "id"),
        ("features", "id"),
        ("training", "id"),
        ("risks", "id"),
        ("vendors", "product"),
    ):
        _unique(doc, section, key, errors)

    def vocabulary(
        loc: tuple[str | int, ...], value: object, known: Container[str], what: str
    ) -> None:
        if isinstance(value, str) and value not in known:
            errors.append(doc.error(loc, f"unknown {what} '{value}'"))

    products = catalog.products
    for section in ("tools", "pilots", "features", "vendors"):
        for i, item in _records(data, section):
            vocabulary((section, i, "product"), item.get("product"), products, "catalog product")
    for i, tool in _records(data, "tools"):
        for j, purpose in enumerate(_list(tool.get("purposes"))):
            vocabulary(("tools", i, "purposes", j), purpose, PURPOSES, "purpose")
        for j, cap in enumerate(_list(tool.get("capabilities"))):
            vocabulary(("tools", i, "capabilities", j), cap, catalog.capabilities, "capability")
    seen_champions: set[tuple[str | None, str | None]] = set()
    for i, champion in _records(data, "champions"):
        pair = (_str(champion.get("department")), _str(champion.get("name")))
        if pair in seen_champions:
            errors.append(doc.error(("champions", i), "the same champion is listed twice"))
        seen_champions.add(pair)
    needs = data.get("needs")
    if isinstance(needs, dict) and isinstance(needs.get("capabilities"), dict):
        for cap in needs["capabilities"]:
            vocabulary(("needs", "capabilities", cap), cap, catalog.capabilities, "capability")
    pilot_ids = {_str(p.get("id")) for _, p in _records(data, "pilots")}
    for i, pilot in _records(data, "pilots"):
        tracked = set()
        for j, kpi in enumerate(_list(pilot.get("criteria"))):
            if isinstance(kpi, dict) and (name := _str(kpi.get("kpi"))) is not None:
                vocabulary(("pilots", i, "criteria", j, "kpi"), name, KPIS, "KPI")
                if name in tracked:
                    errors.append(
                        doc.error(("pilots", i, "criteria", j, "kpi"), f"KPI '{name}' listed twice")
                    )
                tracked.add(name)
        for j, m in enumerate(_list(pilot.get("measurements"))):
            if isinstance(m, dict) and _str(m.get("kpi")) not in tracked:
                errors.append(
                    doc.error(
                        ("pilots", i, "measurements", j, "kpi"),
                        f"measurement of '{m.get('kpi')}', which the pilot does not track",
                    )
                )
        if pilot.get("decision") is not None and not pilot.get("measurements"):
            errors.append(
                doc.error(("pilots", i, "decision"), "a decision needs at least one measurement")
            )
        start, end = pilot.get("start"), pilot.get("end")
        if isinstance(start, str) and isinstance(end, str) and end < start:
            errors.append(doc.error(("pilots", i, "end"), "the pilot ends before it starts"))
    for i, feature in _records(data, "features"):
        vocabulary(
            ("features", i, "target_system"),
            feature.get("target_system"),
            TARGET_SYSTEMS,
            "target system",
        )
        if feature.get("pilot") is not None and _str(feature.get("pilot")) not in pilot_ids:
            errors.append(
                doc.error(
                    ("features", i, "pilot"), f"no pilot '{feature.get('pilot')}' in this plan"
                )
            )
    for i, milestone in _records(data, "training"):
        audience = milestone.get("audience")
        for j, u in enumerate(_list(milestone.get("updates"))):
            trained = u.get("trained") if isinstance(u, dict) else None
            if isinstance(trained, int) and isinstance(audience, int) and trained > audience:
                errors.append(
                    doc.error(
                        ("training", i, "updates", j, "trained"),
                        f"{trained} trained is more than the audience of {audience}",
                    )
                )
    return errors


_RECORDS: dict[str, type[BaseModel]] = {
    "tools": ToolEntry,
    "pilots": PilotEntry,
    "features": FeatureEntry,
    "training": TrainingEntry,
}


def _validate_records_in_place(data: object) -> None:
    """Turn each valid record of the large sections into its model, in its list slot.

    Memory, not speed: validating the whole file at once keeps the loaded data and the
    models alive together (a 60,000-tool plan peaked at 300 MB); replacing each record as
    it is validated frees its raw dict at once. A record that fails stays as it was, so the
    whole-file validation that follows reports it at its line, exactly as before (pydantic
    takes the model instances as they are).
    """
    if not isinstance(data, dict):
        return
    for section, model in _RECORDS.items():
        items = data.get(section)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if isinstance(item, dict):
                try:
                    items[i] = model.model_validate(item)
                except ValidationError:
                    continue


def _validated(
    path: Path | str, catalog: Catalog, text: str | None = None
) -> tuple[YamlDocument, PlanFile]:
    doc = _load(path, text)
    errors = check_references(doc, catalog)
    if not errors:
        _validate_records_in_place(doc.data)
    try:
        pf = PlanFile.model_validate(doc.data)
    except ValidationError as exc:
        errors += pydantic_errors(exc, doc).errors
        pf = None
    if errors or pf is None:
        raise InputErrors(sorted(errors, key=lambda e: (e.line or 0, e.col or 0)))
    for pilot in pf.pilots:  # not in the contract: named after its product
        if pilot.title is None:
            product = catalog.products.get(pilot.product)
            pilot.title = product.name if product is not None else pilot.product
    return doc, pf


def validate_plan_file(path: Path | str, catalog: Catalog, text: str | None = None) -> PlanFile:
    """The validated plan file; every problem of the file raised at once, located."""
    return _validated(path, catalog, text)[1]


@dataclass(frozen=True)
class Located:
    """A line of the import's report that points into the file."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class ImportResult:
    plan: str
    created: bool
    written: bool = False
    three_way: bool = False  # the file's base was known: a field-level merge
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Located] = field(default_factory=list)
    notes: list[Located] = field(default_factory=list)  # computed fields ignored or recorded
    replaced: bool = False  # a file without a base: its sections replaced the plan's

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for c in self.changes:
            kind = out.setdefault(c.section, {"added": 0, "changed": 0, "removed": 0})
            kind[c.kind] += 0 if c.kind == "changed" else 1
        for section, ids in self._changed_ids().items():
            out[section]["changed"] = len(ids)
        return out

    def _changed_ids(self) -> dict[str, set[str]]:
        ids: dict[str, set[str]] = {}
        for c in self.changes:
            if c.kind == "changed":
                ids.setdefault(c.section, set()).add(c.id)
        return ids

    def describe(self) -> str:
        if not self.changes:
            return "nothing to change"
        return "; ".join(
            f"{section}: " + ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
            for section, kinds in self.counts().items()
        )


# Kept for callers of the earlier API.
ImportSummary = ImportResult


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _file_document(pf: PlanFile) -> dict[str, Any]:
    data: dict[str, Any] = _json(pf.model_dump(mode="json", by_alias=True, exclude={"base"}))
    return data


def _given(pf: PlanFile, section: str) -> list[tuple[int, dict[str, Any]]]:
    """The file's records of a section as it gave them (fields left out stay out): the
    loaded data holds models by now (validated in place), so they are asked."""
    return [
        (i, m.model_dump(mode="json", exclude_unset=True))
        for i, m in enumerate(getattr(pf, section))
    ]


def _index(pf: PlanFile, section: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, m in enumerate(getattr(pf, section)):
        if section == "vendors":
            out[m.product] = i
        elif section == "champions":
            out[f"{m.department} / {m.name}"] = i
        else:
            out[m.id] = i
    return out


def _loc(data: PlanFile, section: str, ident: str, name: str) -> tuple[str | int, ...]:
    if section == "plan":
        return ("plan", name) if name != RECORD else ("plan",)
    if section == "needs":
        kind, _, key = name.partition(".")
        return ("needs", kind, key)
    index = _index(data, section).get(ident)
    if index is None:
        return (section,)
    return (section, index) if name == RECORD else (section, index, name)


def _bases(
    pf: PlanFile,
    exported: dict[str, Any] | None,
    current_full: dict[str, Any],
    ours: dict[str, dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """Each unit's base: from the remembered export, else from the versions the file
    records (a record at the same version is unchanged since; another version: unknown)."""
    if exported is not None:
        return editable(exported)
    assert pf.base is not None
    versions = current_full["base"]
    same_revision = versions["revision"] == pf.base.revision
    bases: dict[str, dict[str, Any]] = {}
    for section, records in ours.items():
        recorded = getattr(pf.base, section, None) if section in VERSIONED else None
        out: dict[str, Any] = {}
        if recorded is None:  # plan, needs, champions: by the plan's revision
            out = {i: (r if same_revision else UNKNOWN) for i, r in records.items()}
        else:
            for ident, version in recorded.items():
                same = versions[section].get(ident) == version
                out[ident] = records[ident] if same and ident in records else UNKNOWN
        bases[section] = out
    return bases


def _to_plan_file(
    merged: dict[str, dict[str, Any]], theirs_full: dict[str, Any], ours_full: dict[str, Any]
) -> PlanFile:
    users = {t["id"]: t.get("users", 0) for t in ours_full.get("tools", [])}
    users |= {t["id"]: t.get("users", 0) for t in theirs_full.get("tools", [])}
    data: dict[str, Any] = {"schema": SCHEMA, "plan": merged["plan"]["plan"]}
    data["needs"] = rebuild_needs(merged["needs"]["needs"])
    for section in RECORDS:
        data[section] = list(merged[section].values())
    for tool in data["tools"]:
        tool["users"] = users.get(tool["id"], 0)
    return PlanFile.model_validate(data)


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
    for i, tool in _given(pf, "tools"):
        ref = ref_tools.get(str(tool.get("id")))
        if ref is not None and "users" in tool and tool["users"] != ref.get("users"):
            notes.append(
                (
                    ("tools", i, "users"),
                    f"tools {tool['id']} users: {tool['users']} ignored "
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


def import_plan(
    ws: Workspace,
    catalog: Catalog,
    path: Path | str,
    text: str | None = None,
    *,
    today: dt.date | None = None,
    take: str | None = None,
    dry_run: bool = False,
    before_replace: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """Create or update the plan named in the file, all or nothing.

    A file that records its base is merged three ways with the plan as it stands; on a
    conflict nothing is written (``result.conflicts``) unless ``take`` is ``"ours"`` (the
    workspace wins) or ``"theirs"`` (the file wins). A file without a base replaces the
    plan's reviewable content, as it always did (``before_replace`` sees what it will
    change first)."""
    from planner.services.plan_file import base_digest, plan_document

    today = today or dt.date.today()
    source = str(path)
    doc, pf = _validated(path, catalog, text)
    name = pf.plan.name
    theirs_full = _file_document(pf)
    exported: dict[str, Any] | None = None
    exported_on: dt.date | None = None
    try:
        ours_full = _json(plan_document(ws, name, today))
    except NotFoundError:
        ours_full = None
    if ours_full is not None and pf.base is not None:
        with ws.read() as session:
            record = Repository(session).plan_record(name)
            assert record.id is not None
            found = find_export(session, record.id, base_digest(pf.base.model_dump(mode="json")))
        if found is not None:
            exported, exported_on = json.loads(found[0]), found[1]
    result = ImportResult(name, created=ours_full is None)
    theirs = editable(theirs_full)
    ours = editable(ours_full or {"plan": {}, "needs": {}})
    conflicts: list[Conflict]
    if ours_full is None:
        ours = {k: {} for k in theirs}
        merged, conflicts = {k: dict(v) for k, v in theirs.items()}, []
    elif pf.base is None:
        merged, conflicts = {k: dict(v) for k, v in theirs.items()}, []
        result.replaced = True
    else:
        result.three_way = True
        merged, conflicts = merge(_bases(pf, exported, ours_full, ours), ours, theirs)
    if exported_on is not None:
        on, label = exported_on, "the file's export date"
    else:
        on, label = today, "today: this workspace does not know when the file was exported"
    notes = _computed_notes(
        doc,
        pf,
        theirs_full,
        exported or ours_full or theirs_full,
        ours_full or {},
        merged,
        on,
        label,
    )
    result.notes = [Located(source, doc.mark(loc)[0], message) for loc, message in notes]
    for c in conflicts:
        line = doc.mark(_loc(pf, c.section, c.id, c.field))[0]
        what = c.id if c.field == RECORD else f"{c.id} {c.field}"
        section = "" if c.section in ("plan", "needs") else f"{c.section} "
        if c.section == "needs":
            what = f"needs {c.field}"
        elif c.section == "plan":
            what = f"plan {c.field}"
        result.conflicts.append(
            Located(
                source,
                line,
                f"{section}{what}: workspace {_show(c.ours)}, file {_show(c.theirs)}",
            )
        )
    if conflicts and take not in ("ours", "theirs"):
        return result
    if take is not None:
        resolve(merged, conflicts, theirs, take)
    result.changes = plan_changes(ours, merged)
    if not result.changes and ours_full is not None:
        return result
    if result.replaced and before_replace is not None:
        before_replace(result)
    if dry_run:
        return result
    merged_pf = _to_plan_file(merged, theirs_full, ours_full or {})
    _write(ws, merged_pf, ours, merged, ours_full, pf)
    result.written = True
    return result


def _show(value: Any) -> str:
    return visible(show(value))


def _write(
    ws: Workspace,
    pf: PlanFile,
    ours: dict[str, dict[str, Any]],
    merged: dict[str, dict[str, Any]],
    ours_full: dict[str, Any] | None,
    theirs: PlanFile,
) -> None:
    header = pf.plan
    base_versions = theirs.base.model_dump() if theirs.base is not None else {}
    now_versions: dict[str, Any] = (ours_full or {}).get("base") or {}
    versions: dict[str, dict[str, int]] = {}
    for section in VERSIONED:
        current = now_versions.get(section, {})
        out: dict[str, int] = {}
        for ident, record in merged[section].items():
            if ident in current:
                changed = ours[section].get(ident) != record
                out[ident] = current[ident] + (1 if changed else 0)
            elif ours_full is None:
                out[ident] = max(1, base_versions.get(section, {}).get(ident, 1))
            else:
                out[ident] = 1
        versions[section] = out
    with ws.write() as session:
        repo = Repository(session)
        try:
            record = repo.plan_record(header.name)
            created = False
        except NotFoundError:
            record = repo.add_plan(Plan(header.name, header.start))
            created = True
        session.flush()
        assert record.id is not None
        if not created and (
            record.version != now_versions.get("revision")
            or {**record_versions(session, record.id)}
            != {k: v for k, v in now_versions.items() if k != "revision"}
        ):
            raise PlannerError(
                f"plan '{header.name}' changed while it was being imported: import it again"
            )
        record.organisation = header.organisation
        record.owner = header.owner
        record.start = header.start
        record.eu_residency_required = header.eu_residency_required
        if created:
            record.version = max(1, base_versions.get("revision", 1))
        else:
            record.version += 1
        session.add(record)
        session.flush()
        replace_content(session, record.id, pf, versions)
