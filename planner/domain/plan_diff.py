"""What a reviewer changed between two plan files, grouped by section and id.

Works on the plain data of two plan files (no database), so it can compare any two
versions: lists of records are matched by their id (``product`` for vendors and
candidates, ``phase`` for the roadmap, department and name for champions); mappings are
compared field by field, nested values shown as text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from planner.domain.words import counted

# Section -> the field(s) that identify a record in it.
KEYS: dict[str, tuple[str, ...]] = {
    "roadmap": ("phase",),
    "tools": ("id",),
    "candidates": ("product",),
    "pilots": ("id",),
    "features": ("id",),
    "training": ("id",),
    "champions": ("department", "name"),
    "readiness": ("department", "on"),
    "activity": ("subject", "digest"),
    "vendors": ("product",),
    "risks": ("id",),
    "triage": ("domain",),
    "contracts": ("id",),
    "exits": ("id",),
    "audiences": ("id",),
}
ORDER = (
    "schema",
    "plan",
    "audiences",
    "roadmap",
    "tools",
    "needs",
    "candidates",
    "pilots",
    "features",
    "training",
    "champions",
    "readiness",
    "activity",
    "vendors",
    "risks",
    "triage",
    "contracts",
    "exits",
)


@dataclass(frozen=True)
class Change:
    section: str
    id: str  # the record's id, or the field path for mapping sections
    kind: str  # added | removed | changed
    field: str = ""
    old: Any = None
    new: Any = None


def _key(section: str, record: Any) -> str:
    if not isinstance(record, Mapping):
        return repr(record)
    return " / ".join(str(record.get(k)) for k in KEYS[section])


def _fields(section: str, ident: str, old: Any, new: Any, prefix: str = "") -> list[Change]:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        changes = []
        for name in [*old, *(k for k in new if k not in old)]:
            path = f"{prefix}{name}"
            if name not in new:
                changes.append(Change(section, ident, "changed", path, old[name], None))
            elif name not in old:
                changes.append(Change(section, ident, "changed", path, None, new[name]))
            elif old[name] != new[name]:
                changes += _fields(section, ident, old[name], new[name], f"{path}.")
        return changes
    if old != new:
        return [Change(section, ident, "changed", prefix.rstrip("."), old, new)]
    return []


def diff_plans(
    old: Mapping[str, Any], new: Mapping[str, Any], given: Mapping[str, list[Change]] | None = None
) -> list[Change]:
    """The changes from ``old`` to ``new``, section by section; ``given``: a section's
    changes already found (by :func:`keyed_changes`, for a section too large to hold
    twice), in their place."""
    changes: list[Change] = []
    given = given or {}
    sections = [s for s in ORDER if s in old or s in new or s in given]
    # ``base`` says what an export was taken from: for tools, not a reviewer's change.
    sections += sorted(s for s in {*old, *new} if s not in ORDER and s != "base")
    for section in sections:
        if section in given:
            changes += given[section]
            continue
        a, b = old.get(section), new.get(section)
        if section in KEYS and isinstance(a or [], list) and isinstance(b or [], list):
            before = {_key(section, r): r for r in a or []}
            after = {_key(section, r): r for r in b or []}
            for ident in before:
                if ident not in after:
                    changes.append(Change(section, ident, "removed"))
                else:
                    changes += _fields(section, ident, before[ident], after[ident])
            changes += [Change(section, i, "added") for i in after if i not in before]
        elif isinstance(a, Mapping) and isinstance(b, Mapping):
            changes += _fields(section, section, a, b)
        elif a != b:
            changes.append(Change(section, section, "changed", "", a, b))
    return changes


def keyed_changes(
    section: str,
    old: Iterable[Any],
    new: Mapping[str, str],
    load: Callable[[str], Any],
) -> list[Change]:
    """:func:`diff_plans`' changes of a keyed ``section`` whose old records come one at a
    time and whose new ones are held as text by key (``load`` reads one): a record whose
    text is its old one's is unchanged, the others are compared field by field. The same
    changes in the same order; neither side is ever held as records."""
    changes: list[Change] = []
    seen: set[str] = set()
    for record in old:
        ident = _key(section, record)
        if ident in seen:
            continue
        seen.add(ident)
        if ident not in new:
            changes.append(Change(section, ident, "removed"))
        elif _text(record) != new[ident]:
            changes += _fields(section, ident, record, load(new[ident]))
    return changes + [Change(section, i, "added") for i in new if i not in seen]


def keyed_texts(section: str, records: Iterable[Any]) -> dict[str, str]:
    """Each record of a keyed ``section`` as its JSON text, by its key, in order: the new
    side of :func:`keyed_changes`, a third of the records' size."""
    return {_key(section, r): _text(r) for r in records}


def _text(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, default=str, separators=(",", ":"))


def show(value: Any) -> str:
    """A value as a reviewer reads it in a one-line diff."""
    if value is None:
        return "—"
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    return str(value)


def _cell(value: str) -> str:
    """A Markdown table cell: pipes escaped, line breaks and markup made inert."""
    from planner.domain.text import visible

    text = visible(value).replace("\\", "\\\\").replace("|", "\\|")
    for char in "`*_[]<>":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split()) or " "


def markdown(changes: list[Change], old: str, new: str) -> str:
    """One Markdown table per section, for a merge-request comment."""
    lines = [f"### Plan changes: {_cell(old)} → {_cell(new)}", ""]
    lines.append(f"{counted(len(changes), 'change')}.")
    for section in dict.fromkeys(c.section for c in changes):
        rows = [c for c in changes if c.section == section]
        lines += ["", f"#### {_cell(section)} ({len(rows)})", ""]
        lines += ["| id | change | field | old | new |", "| --- | --- | --- | --- | --- |"]
        for c in rows:
            before = show(c.old) if c.kind == "changed" else ""
            after = show(c.new) if c.kind == "changed" else ""
            cells = (_cell(c.id), c.kind, _cell(c.field), _cell(before), _cell(after))
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# Sections the planner computes: both sides always differ from an old export there.
COMPUTED = ("roadmap", "candidates")


@dataclass(frozen=True)
class ThreeWay:
    """One field (or record) seen from the export it started from, the workspace now and the
    reviewed file: who changed it, and what an import will do with it."""

    section: str
    id: str
    field: str
    kind: str  # added | removed | changed
    base: Any
    workspace: Any
    file: Any
    verdict: str  # file | workspace | same | conflict


def three_way(
    base: Mapping[str, Any], workspace: Mapping[str, Any], file: Mapping[str, Any]
) -> list[ThreeWay]:
    """Every change since ``base`` on either side, side by side, with its verdict: changed in
    the file only (the import applies it), in the workspace only (kept), on both sides alike,
    or on both sides differently (a conflict)."""

    def keyed(changes: list[Change]) -> dict[tuple[str, str, str], Change]:
        return {(c.section, c.id, c.field): c for c in changes if c.section not in COMPUTED}

    ours, theirs = keyed(diff_plans(base, workspace)), keyed(diff_plans(base, file))
    rows = []
    for key in dict.fromkeys([*theirs, *ours]):
        mine, yours = ours.get(key), theirs.get(key)
        change = yours or mine
        assert change is not None
        before = change.old if change.kind == "changed" else None
        now = mine.new if mine is not None else before
        filed = yours.new if yours is not None else before
        if mine is None:
            verdict = "file"
        elif yours is None:
            verdict = "workspace"
        elif mine.kind == yours.kind and mine.new == yours.new:
            verdict = "same"
        else:
            verdict = "conflict"
        kind = change.kind
        rows.append(ThreeWay(key[0], key[1], key[2], kind, before, now, filed, verdict))
    return rows
