"""Three-way merge of a reviewed plan file with the plan as it stands.

Works on plain data (no database): three documents in the plan file's shape, made
canonical by :func:`editable` — the base (what was exported, or ``None`` when unknown),
the workspace now, and the reviewed file. A field changed only in the file is taken; a
field changed only in the workspace is kept; changed on both sides to different values is
a :class:`Conflict`. Records removed in the file and untouched in the workspace go; removed
in the file but edited in the workspace is a conflict; added on either side are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from planner.domain.plan_diff import ORDER, Change

# The plan file's record sections, in its order: the rest is the header, the needs (one
# record each) and what the planner computes.
RECORDS = tuple(s for s in ORDER if s not in ("schema", "plan", "roadmap", "needs", "candidates"))
# Fields the planner computes: never merged (the import reports a reviewer's edit of them).
COMPUTED = {"tools": ("users",), "training": ("trained",)}
_SORTED = {
    "tools": ("purposes", "departments", "capabilities", "sources"),
    "pilots": ("departments",),
    "features": ("departments",),
}


class _Unknown:
    """The base of a record is not known (edited in the workspace since an export whose
    content this workspace did not keep): every difference is a conflict."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()
_ABSENT: Any = object()  # a field one side of a merge does not have
RECORD = "(record)"


@dataclass(frozen=True)
class Conflict:
    section: str
    id: str
    field: str  # RECORD for a whole record (removed on one side, edited on the other)
    ours: Any  # the workspace's value ("removed" / "edited" for a whole record)
    theirs: Any  # the file's


def record_key(section: str, record: Mapping[str, Any]) -> str:
    if section == "vendors":
        return str(record.get("product"))
    if section == "champions":
        return f"{record.get('department')} / {record.get('name')}"
    if section == "triage":
        return str(record.get("domain"))
    if section == "readiness":
        return f"{record.get('department')} / {record.get('on')}"
    if section == "activity":
        return f"{record.get('subject')} / {record.get('digest')}"
    return str(record.get("id"))


def _canonical(section: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """A new dict of ``record``'s editable fields, its unordered lists sorted."""
    computed = COMPUTED.get(section)
    out = {k: v for k, v in record.items() if k not in computed} if computed else dict(record)
    for name in _SORTED.get(section, ()):
        if isinstance(out.get(name), list):
            out[name] = sorted(out[name])
    if section == "pilots":
        out["criteria"] = [
            {"kpi": c.get("kpi"), "target": c.get("target")} for c in out.get("criteria") or []
        ]
        out["measurements"] = sorted(
            out.get("measurements") or [], key=lambda m: (str(m.get("on")), str(m.get("kpi")))
        )
    if section == "training":
        out["updates"] = sorted(
            out.get("updates") or [], key=lambda u: (str(u.get("on")), u.get("trained", 0))
        )
    return out


def editable(document: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """What a reviewer can change, per unit: ``plan`` and ``needs`` (one record each, by
    field) and each record section by id; computed fields and sections left out."""
    out: dict[str, dict[str, Any]] = {}
    out["plan"] = {"plan": dict(document.get("plan") or {})}
    needs = document.get("needs") or {}
    flat = {f"capabilities.{k}": v for k, v in (needs.get("capabilities") or {}).items()}
    flat |= {f"criteria.{k}": v for k, v in (needs.get("criteria") or {}).items()}
    out["needs"] = {"needs": flat}
    for section in RECORDS:
        out[section] = editable_records(section, document.get(section) or [])
    return out


def editable_records(
    section: str, records: Iterable[Any], like: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """One record section's editable units by id. ``records`` may be a generator: a plan
    file's 60,000 tools are then dumped and reduced one at a time, never all at once.
    A unit equal to the one ``like`` holds under its id is that one (the same object): a
    three-way import holds the file's, the workspace's and the remembered export's records,
    mostly equal, so each is held once (the merge only reads them)."""
    out: dict[str, Any] = {}
    for r in records:
        if not isinstance(r, Mapping):
            continue
        key = record_key(section, r)
        unit = _canonical(section, r)
        same = like.get(key) if like is not None else None
        out[key] = same if same is not None and same == unit else unit
    return out


def rebuild_needs(flat: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    needs: dict[str, dict[str, Any]] = {"capabilities": {}, "criteria": {}}
    for key, value in flat.items():
        kind, _, name = key.partition(".")
        needs[kind][name] = value
    return needs


def _merge_fields(
    section: str,
    ident: str,
    base: Any,
    ours: dict[str, Any],
    theirs: dict[str, Any],
    conflicts: list[Conflict],
) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for name in [*ours, *(k for k in theirs if k not in ours)]:
        # A field one side lacks is _ABSENT, not None: a need removed in the file is
        # removed, never set to None (which no need can be).
        mine, yours = ours.get(name, _ABSENT), theirs.get(name, _ABSENT)
        if mine == yours:
            merged[name] = mine
            continue
        if base is not UNKNOWN:
            was = base.get(name, _ABSENT)
            if yours == was:
                merged[name] = mine
                continue
            if mine == was:
                merged[name] = yours
                continue
        conflicts.append(
            Conflict(
                section,
                ident,
                name,
                None if mine is _ABSENT else mine,
                None if yours is _ABSENT else yours,
            )
        )
        merged[name] = mine
    return {k: v for k, v in merged.items() if v is not _ABSENT}


def merge(
    bases: Mapping[str, Mapping[str, Any]],
    ours: Mapping[str, Mapping[str, Any]],
    theirs: Mapping[str, Mapping[str, Any]],
) -> tuple[dict[str, dict[str, Any]], list[Conflict]]:
    """The merged units and the conflicts (where the merge kept the workspace's value).
    A merged record may be one of ``ours`` or ``theirs`` (not a copy): copy it to change it.

    ``bases[section][id]`` is the base record, ``UNKNOWN``, or absent (added since)."""
    merged: dict[str, dict[str, Any]] = {}
    conflicts: list[Conflict] = []
    for section, mine in ours.items():
        yours = theirs.get(section, {})
        base = bases.get(section, {})
        out: dict[str, Any] = {}
        for ident in [*mine, *(i for i in yours if i not in mine)]:
            b, c, f = base.get(ident), mine.get(ident), yours.get(ident)
            if c is not None and f is not None:
                # Equal on both sides (most records of a large plan): the workspace's record
                # itself, as the field-by-field merge would give an equal copy of it.
                same = c is f or c == f
                out[ident] = c if same else _merge_fields(section, ident, b or {}, c, f, conflicts)
            elif f is not None:  # not in the workspace
                if b is None:
                    out[ident] = f  # added in the file
                elif b is not UNKNOWN and f == b:
                    pass  # removed in the workspace, untouched in the file
                else:
                    conflicts.append(Conflict(section, ident, RECORD, "removed", "edited"))
            elif c is not None:  # not in the file
                if b is None:
                    out[ident] = c  # added in the workspace
                elif b is not UNKNOWN and c == b:
                    pass  # removed in the file, untouched in the workspace
                else:
                    conflicts.append(Conflict(section, ident, RECORD, "edited", "removed"))
                    out[ident] = c
        merged[section] = out
    return merged, conflicts


def resolve(
    merged: dict[str, dict[str, Any]],
    conflicts: list[Conflict],
    theirs: Mapping[str, Mapping[str, Any]],
    take: str | Callable[[Conflict], str | None],
) -> None:
    """Settle conflicts in ``merged``: ``ours`` keeps the workspace's side (what the merge
    already did), ``theirs`` takes the file's; ``take`` is one side for all, or chooses
    per conflict."""
    for c in conflicts:
        if (take if isinstance(take, str) else take(c)) != "theirs":
            continue
        section = merged.setdefault(c.section, {})
        if c.field == RECORD:
            record = theirs.get(c.section, {}).get(c.id)
            if record is None:
                section.pop(c.id, None)
            else:
                section[c.id] = record
        elif c.field in theirs.get(c.section, {}).get(c.id, {}):
            section[c.id][c.field] = c.theirs
        else:  # the file removed the field (a need): so does the merge
            section[c.id].pop(c.field, None)


def changes(
    before: Mapping[str, Mapping[str, Any]], after: Mapping[str, Mapping[str, Any]]
) -> list[Change]:
    """What going from ``before`` to ``after`` adds, changes and removes."""
    out: list[Change] = []
    for section in after:
        old, new = before.get(section, {}), after[section]
        for ident, record in new.items():
            if ident not in old:
                out.append(Change(section, ident, "added"))
                continue
            for name in [*old[ident], *(k for k in record if k not in old[ident])]:
                if old[ident].get(name) != record.get(name):
                    out.append(
                        Change(
                            section, ident, "changed", name, old[ident].get(name), record.get(name)
                        )
                    )
        out += [Change(section, i, "removed") for i in old if i not in new]
    return out
