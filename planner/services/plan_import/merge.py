"""The import itself: the file merged three ways with the plan as it stands (or replacing
it, for a file without a base), conflicts settled as asked, then written in one
transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from planner.adapters.plan_schema import PlanFile
from planner.adapters.store.db import Workspace
from planner.adapters.store.plan_store import (
    VERSIONED,
    find_export_records,
    has_export,
    record_versions,
    replace_content,
)
from planner.adapters.store.repository import Repository
from planner.domain.catalog import Catalog
from planner.domain.plan import Plan
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
from planner.errors import NotFoundError, PlannerError
from planner.services.plan_import.computed import (
    _computed_notes,
    file_tool_users,
    file_units,
    json_types,
    ours_document,
    self_reference,
    split_document,
)
from planner.services.plan_import.report import ConflictAt, ImportResult, Located, conflict_line
from planner.services.plan_import.validation import SCHEMA, _validated

if TYPE_CHECKING:
    from planner.services.discover.undecide import Returned


def _entry(section: str) -> type[Any]:
    """The model of one record of ``section`` (``list[ToolEntry]`` -> ``ToolEntry``)."""
    entry: type[Any] = get_args(PlanFile.model_fields[section].annotation)[0]
    return entry


def _loc(
    positions: dict[str, dict[str, int]], section: str, ident: str, name: str
) -> tuple[str | int, ...]:
    """Where in the file a conflict sits (``positions``: each record's index in its
    section, from :func:`_positions`)."""
    if section == "plan":
        return ("plan", name) if name != RECORD else ("plan",)
    if section == "needs":
        kind, _, key = name.partition(".")
        return ("needs", kind, key)
    index = positions.get(section, {}).get(ident)
    if index is None:
        return (section,)
    return (section, index) if name == RECORD else (section, index, name)


def _positions(theirs: dict[str, dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Each record's index in its section: ``theirs`` keeps the file's records in order."""
    return {section: {key: i for i, key in enumerate(units)} for section, units in theirs.items()}


def _bases(
    pf: PlanFile, current_full: dict[str, Any], ours: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Each unit's base when no export is remembered: from the versions the file records
    (a record at the same version is unchanged since; another version: unknown)."""
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
    merged: dict[str, dict[str, Any]], users: dict[str, int], unchanged: dict[str, set[str]]
) -> PlanFile:
    """The merged plan as models, emptying ``merged`` as it goes: each record's dict is
    dropped as soon as its model exists (the models are not validated a second time).
    The ``unchanged`` records, which the write leaves as they are stored, get no model
    (60,000 tools' models took a second) and are not in the result."""
    data: dict[str, Any] = {"schema": SCHEMA, "plan": merged.pop("plan")["plan"]}
    data["needs"] = rebuild_needs(merged.pop("needs")["needs"])
    for section in RECORDS:
        records = merged.pop(section)
        entry = _entry(section)
        skipped = unchanged.get(section, set())
        models: list[Any] = []
        for ident in list(records):
            record = records.pop(ident)
            if ident in skipped:
                continue
            if section == "tools":
                record["users"] = users.get(record["id"], 0)
            models.append(entry.model_validate(record))
        data[section] = models
    return PlanFile.model_validate(data)


def import_plan(
    ws: Workspace,
    catalog: Catalog,
    path: Path | str,
    text: str | None = None,
    *,
    today: dt.date | None = None,
    take: str | None = None,
    resolutions: Mapping[tuple[str, str, str], str] | None = None,
    dry_run: bool = False,
    before_replace: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """Create or update the plan named in the file, all or nothing.

    A file that records its base is merged three ways with the plan as it stands; on a
    conflict nothing is written (``result.conflicts``) unless ``take`` is ``"ours"`` (the
    workspace wins) or ``"theirs"`` (the file wins), or each conflict is settled by
    ``resolutions[(section, id, field)]`` (``"ours"`` or ``"theirs"``; ``take`` settles
    the ones it does not name; the keys are ``result.details[i].key``). A file without a
    base replaces the plan's reviewable content, as it always did (``before_replace`` sees
    what it will change first)."""
    from planner.services.plan_file import base_digest, computed_roadmap, streamed_document

    choices = dict(resolutions or {})
    for choice in (take, *choices.values()):
        if choice not in (None, "ours", "theirs"):
            raise ValueError(f"a conflict is settled by 'ours' or 'theirs', not {choice!r}")
    today = today or dt.date.today()
    source = str(path)
    doc, pf = _validated(path, catalog, text)
    name = pf.plan.name
    file_users, given_users = file_tool_users(pf)
    theirs = file_units(pf, doc)
    exported: dict[str, Any] | None = None
    exported_on: dt.date | None = None
    # Each full document becomes its units plus a small reference (``*_full``), one after
    # the other, so no two of them are held whole at once.
    ours_full: dict[str, Any] | None = None
    digest = base_digest(pf.base.model_dump(mode="json")) if pf.base is not None else None
    # The workspace's roadmap is computed only when no export is remembered to compare a
    # reviewer's roadmap with (it reads every tool once more).
    remembered = digest is not None and _remembered(ws, name, digest)
    try:
        document = streamed_document(ws, name, today, roadmap=not remembered)
        ours, ours_full = split_document(ours_document(document), theirs)
    except NotFoundError:
        ours = editable({"plan": {}, "needs": {}})
    if ours_full is not None and digest is not None:
        with ws.read() as session:
            record = Repository(session).plan_record(name)
            assert record.id is not None
            # The remembered export's records come from the database one at a time, each
            # one equal to the workspace's shared with it: never a third copy of the plan.
            found = find_export_records(session, record.id, digest, RECORDS)
            if found is not None:
                head, exported_on, records = found
                exported_units, exported = split_document(head, ours, records)
        if exported is None and remembered:  # forgotten since: the workspace's, after all
            ours_full["roadmap"] = json_types(computed_roadmap(ws, name, today))
    result = ImportResult(name, created=ours_full is None)
    conflicts: list[Conflict]
    if ours_full is None:
        ours = {k: {} for k in theirs}
        merged, conflicts = {k: dict(v) for k, v in theirs.items()}, []
    elif pf.base is None:
        merged, conflicts = {k: dict(v) for k, v in theirs.items()}, []
        result.replaced = True
    else:
        result.three_way = True
        bases = exported_units if exported is not None else _bases(pf, ours_full, ours)
        merged, conflicts = merge(bases, ours, theirs)
        del bases
        exported_units = {}  # the remembered export's units: not needed past the merge
    if exported_on is not None:
        on, label = exported_on, "the file's export date"
    else:
        on, label = today, "today: this workspace does not know when the file was exported"
    notes = _computed_notes(
        doc,
        pf,
        given_users,
        exported or ours_full or self_reference(pf),
        ours_full or {},
        merged,
        on,
        label,
    )
    exported = None  # the remembered export's versions and computed sections: used
    result.notes = [Located(source, doc.mark(loc)[0], message) for loc, message in notes]
    positions = _positions(theirs) if conflicts else {}
    for c in conflicts:
        line = doc.mark(_loc(positions, c.section, c.id, c.field))[0]
        result.conflicts.append(conflict_line(source, line, c))
        result.details.append(ConflictAt(c.section, c.id, c.field, c.ours, c.theirs, source, line))

    def side(c: Conflict) -> str | None:
        return choices.get((c.section, c.id, c.field), take)

    if any(side(c) is None for c in conflicts):
        return result  # a conflict nobody settled: nothing is written
    resolve(merged, conflicts, theirs, side)
    result.changes = plan_changes(ours, merged)
    if not result.changes and ours_full is not None:
        return result
    if result.replaced and before_replace is not None:
        before_replace(result)
    if dry_run:
        if ours_full is not None:
            result.returned = _returned_preview(ws, name, set(merged["tools"]))
        return result
    base_versions = pf.base.model_dump() if pf.base is not None else {}
    now_versions: dict[str, Any] = (ours_full or {}).get("base") or {}
    existed = ours_full is not None
    versions = _next_versions(ours, merged, existed, now_versions, base_versions)
    rules = {d for d, rule in merged["triage"].items() if ours["triage"].get(d) != rule}
    removed = {d for d in ours["triage"] if d not in merged["triage"]}
    users = {t["id"]: t.get("users", 0) for t in (ours_full or {}).get("tools", [])}
    users |= file_users
    unchanged = {"tools": _unchanged(ours["tools"], merged["tools"], now_versions.get("tools"))}
    # Past this point only the merged records are needed: the file's models (also held by
    # the loaded document), both sides' units (``theirs`` shares its records with
    # ``merged``) and the workspace's document are freed, and the merged records are
    # dropped one by one as their models are built, so a large plan is never held twice.
    del doc, pf, ours_full, ours, theirs
    merged_pf = _to_plan_file(merged, users, unchanged)
    del merged
    returned = _write(
        ws, catalog, merged_pf, now_versions, base_versions, versions, rules, removed, unchanged
    )
    result.returned = str(returned) if returned.hosts else ""
    result.written = True
    return result


def _remembered(ws: Workspace, name: str, digest: str) -> bool:
    """Whether the plan has a remembered export of that base (False: no such plan)."""
    with ws.read() as session:
        try:
            record = Repository(session).plan_record(name)
        except NotFoundError:
            return False
        assert record.id is not None
        return has_export(session, record.id, digest)


def _returned_preview(ws: Workspace, name: str, tools: set[str]) -> str:
    """What :func:`return_orphans` will say of an import that keeps only ``tools``."""
    from planner.adapters.store import triage_store
    from planner.services.discover.undecide import returned_count

    with ws.read() as session:
        record = Repository(session).plan_record(name)
        assert record.id is not None
        returned = returned_count(triage_store.orphans(session, record.id, keep=tools))
    return str(returned) if returned.hosts else ""


def _unchanged(
    ours: dict[str, Any], merged: dict[str, Any], current: dict[str, int] | None
) -> set[str]:
    """The records the import leaves as the workspace has them: stored already, equal on
    both sides, so their version stays (as :func:`_next_versions` says) and their rows are
    not written again. None in a plan the import creates."""
    if not current:
        return set()
    return {
        ident
        for ident, record in merged.items()
        if ident in current and ((mine := ours.get(ident)) is record or mine == record)
    }


def _next_versions(
    ours: dict[str, dict[str, Any]],
    merged: dict[str, dict[str, Any]],
    existed: bool,
    now_versions: dict[str, Any],
    base_versions: dict[str, Any],
) -> dict[str, dict[str, int]]:
    """Each record's version after the import: one up where the import changed it."""
    versions: dict[str, dict[str, int]] = {}
    for section in VERSIONED:
        current = now_versions.get(section, {})
        out: dict[str, int] = {}
        for ident, record in merged[section].items():
            if ident in current:
                changed = ours[section].get(ident) != record
                out[ident] = current[ident] + (1 if changed else 0)
            elif not existed:
                out[ident] = max(1, base_versions.get(section, {}).get(ident, 1))
            else:
                out[ident] = 1
        versions[section] = out
    return versions


def _write(
    ws: Workspace,
    catalog: Catalog,
    pf: PlanFile,
    now_versions: dict[str, Any],
    base_versions: dict[str, Any],
    versions: dict[str, dict[str, int]],
    rules: set[str],
    removed: set[str],
    unchanged: dict[str, set[str]],
) -> Returned:
    """Write the merged plan; ``rules``: the triage domains whose rule the import adds or
    changes, ``removed``: those whose rule it removes, ``unchanged``: the records left as
    they are stored (per section). Returns the hosts that fed a tool the import deleted,
    now back in triage."""
    header = pf.plan
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
        record.employees = header.employees
        record.use_cases = ",".join(header.use_cases)
        record.excluded_deployments = ",".join(d.value for d in header.excluded_deployments)
        record.suites = ",".join(header.suites)
        record.countries = ",".join(header.countries)
        _save_protection(session, record.id, header.data_protection)
        if created:
            record.version = max(1, base_versions.get("revision", 1))
        else:
            record.version += 1
        session.add(record)
        session.flush()
        replace_content(session, record.id, pf, versions, unchanged)
        # Domain rules the file adds or changes reach the hosts already seen under them,
        # as a decision taken on the Discover screen would.
        changed = {r.domain: (r.decision, r.tool) for r in pf.triage if r.domain in rules}
        if changed:
            from planner.services.discover.triage import apply_rules

            apply_rules(session, catalog, record.id, changed)
        # A rule the reviewer deleted no longer decides the hosts it decided.
        if removed:
            from planner.services.discover.undecide import clear_rules

            clear_rules(session, catalog, record.id, removed)
        from planner.services.discover.undecide import return_orphans

        return return_orphans(session, catalog, record.id)


def _save_protection(session: Any, plan_id: int | None, entry: Any) -> None:
    """The plan's data-protection step as the merged file has it (None removes it)."""
    from planner.adapters.store.privacy_repo import PrivacyRepository
    from planner.domain.privacy import DataProtection

    assert plan_id is not None
    dp = DataProtection(**entry.model_dump()) if entry is not None else None
    PrivacyRepository(session).save(plan_id, dp)
