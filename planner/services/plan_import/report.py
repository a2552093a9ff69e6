"""What an import reports: the changes it made, the conflicts it refused (each located in
the file) and the computed fields it recorded or ignored."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.domain.plan_diff import Change, show
from planner.domain.plan_merge import RECORD, Conflict
from planner.domain.text import visible


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
    details: list[ConflictAt] = field(default_factory=list)  # the conflicts, with both values
    # Hosts that fed a tool the import deletes, back in triage: "21 hosts (340 people)…"
    returned: str = ""

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
        parts = [
            f"{section}: " + ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
            for section, kinds in self.counts().items()
        ]
        return "; ".join([*parts, self.returned] if self.returned else parts)


# Kept for callers of the earlier API.
ImportSummary = ImportResult


@dataclass(frozen=True)
class ConflictAt:
    """A conflict with both values and where it is in the file: what a merge view lists.
    ``key`` is what ``import_plan(resolutions=…)`` takes."""

    section: str
    id: str
    field: str  # RECORD for a whole record (removed on one side, edited on the other)
    ours: Any
    theirs: Any
    file: str
    line: int

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.section, self.id, self.field)


def _show(value: Any) -> str:
    return visible(show(value))


def conflict_line(source: str, line: int, c: Conflict) -> Located:
    """``file:line: section id field: workspace X, file Y``."""
    what = c.id if c.field == RECORD else f"{c.id} {c.field}"
    section = "" if c.section in ("plan", "needs") else f"{c.section} "
    if c.section == "needs":
        what = f"needs {c.field}"
    elif c.section == "plan":
        what = f"plan {c.field}"
    return Located(
        source, line, f"{section}{what}: workspace {_show(c.ours)}, file {_show(c.theirs)}"
    )
