"""Undo for a front end: the records a change may touch, kept as they were, and a stack
of labelled steps that put them back.

Why this shape: the services are many (a tool, a risk, a pilot, a training milestone, a
contract…) and each record kind is described once in the store. Rather than an inverse
written for each service call, a front end asks :func:`before` for the records it is
about to change (and the sections it may add to), calls the service as usual, and keeps
a :class:`Step` whose undo is :func:`put_back`. Triage decisions, which touch evidence
rather than plan records, have their own inverses in ``discover.undecide``.

Headless on purpose: the TUI's undo key calls :meth:`UndoStack.pop`, a script could too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from planner.adapters.store import snapshots
from planner.adapters.store.db import Workspace
from planner.adapters.store.repository import Repository
from planner.adapters.store.snapshots import ACTIVITY, NEEDS, RecordShot
from planner.errors import InputError, NotFoundError

__all__ = [
    "ACTIVITY",
    "NEEDS",
    "Before",
    "Step",
    "UndoStack",
    "before",
    "delete_record",
    "put_back",
]


@dataclass(frozen=True)
class Before:
    """Records as they were before a change, and the keys each added-to section had."""

    plan: str | None
    records: tuple[RecordShot, ...] = ()
    keys: dict[str, frozenset[str]] = field(default_factory=dict)


def before(
    ws: Workspace,
    plan: str | None,
    records: Iterable[tuple[str, str]] = (),
    adds: Iterable[str] = (),
) -> Before:
    """Keep ``records`` ((section, key) pairs, e.g. ``("risks", "gdpr")``) as they are now,
    and which keys the sections in ``adds`` hold (a record added later is then removed)."""
    with ws.read() as session:
        plan_id = Repository(session).plan_record(plan).id
        assert plan_id is not None
        shots = tuple(snapshots.take(session, plan_id, s, k) for s, k in records)
        known = {section: snapshots.keys(session, plan_id, section) for section in adds}
    return Before(plan, shots, known)


def put_back(ws: Workspace, kept: Before) -> None:
    """Return the records to what :func:`before` saw, in one transaction: records added
    since are removed, changed ones rewritten, deleted ones re-created."""
    with ws.write() as session:
        plan_id = Repository(session).plan_record(kept.plan).id
        assert plan_id is not None
        for section, known in kept.keys.items():
            for key in snapshots.keys(session, plan_id, section) - known:
                snapshots.remove(session, plan_id, section, key)
        for shot in kept.records:
            snapshots.restore(session, plan_id, shot)


def delete_record(ws: Workspace, plan: str | None, section: str, key: str) -> None:
    """Delete one record of the plan (a risk, a feature, a pilot with its KPIs…).

    A tool with evidence from the logs is refused: its hosts would feed it again at the
    next import; ban it or mark it instead."""
    with ws.write() as session:
        plan_id = Repository(session).plan_record(plan).id
        assert plan_id is not None
        if section == "tools":
            shot = snapshots.take(session, plan_id, section, key)
            if shot.rows and (shot.rows[0].get("log_users") or shot.rows[0].get("requests")):
                raise InputError(
                    f"tool '{key}' is seen in the logs: ban it or set its status instead"
                )
        if not snapshots.remove(session, plan_id, section, key):
            raise NotFoundError(f"no {section} record '{key}' in this plan")


@dataclass(frozen=True)
class Step:
    """One change that can be undone: what it was, in words, and how to undo it."""

    label: str  # "Marked Slack official"
    undo: Callable[[], object]


class UndoStack:
    """The changes made in this session, latest last (at most ``limit`` kept)."""

    def __init__(self, limit: int = 100) -> None:
        self.limit = limit
        self._steps: list[Step] = []

    def push(self, step: Step) -> None:
        self._steps.append(step)
        del self._steps[: -self.limit]

    def pop(self) -> Step | None:
        return self._steps.pop() if self._steps else None

    def peek(self) -> Step | None:
        return self._steps[-1] if self._steps else None

    def __len__(self) -> int:
        return len(self._steps)
