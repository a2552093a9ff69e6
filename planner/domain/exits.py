"""Exit plans: how a tool is switched off, as dated steps.

Retiring a tool used to be a status; people kept their content there and links kept
pointing at it, and the licence renewed on its own. An exit is a plan: announce it,
export and archive the content, move people and content to the target, redirect the
links, switch it off, and cancel the contract — each step a milestone with a date and an
owner, counted back from the switch-off day, with the cancellation due at the contract's
decision date (the last day notice can be given), whatever the switch-off day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from planner.domain.contracts import Contract


class ExitStep(StrEnum):
    ANNOUNCE = "announce"
    EXPORT = "export"
    MIGRATE = "migrate"
    REDIRECT = "redirect"
    SWITCH_OFF = "switch-off"
    CANCEL = "cancel"


class StepStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"


# Each step's title and how many days before the switch-off it is due.
_STEPS: tuple[tuple[ExitStep, str, int], ...] = (
    (ExitStep.ANNOUNCE, "announce the exit to its users", 90),
    (ExitStep.EXPORT, "export and archive its content", 60),
    (ExitStep.MIGRATE, "migrate people and content", 30),
    (ExitStep.REDIRECT, "redirect links and bookmarks", 7),
    (ExitStep.SWITCH_OFF, "switch it off", 0),
)


@dataclass(frozen=True)
class ExitMilestone:
    id: str
    tool: str
    step: ExitStep
    title: str
    due: dt.date
    owner: str | None = None
    target: str | None = None  # the product people move to
    status: StepStatus = StepStatus.PLANNED
    version: int = field(default=1, compare=False)

    def late(self, today: dt.date) -> bool:
        return self.status is StepStatus.PLANNED and self.due < today


def exit_plan(
    tool: str,
    name: str,
    by: dt.date,
    today: dt.date,
    target: str | None = None,
    target_name: str | None = None,
    owner: str | None = None,
    contracts: Sequence[Contract] = (),
) -> list[ExitMilestone]:
    """The steps of switching ``tool`` off by ``by``; a step that would fall before
    ``today`` is due today. Cancelling each contract is due at its decision date (or the
    switch-off day when that comes first and the notice can still be given)."""
    if by < today:
        raise ValueError(f"the switch-off day {by.isoformat()} is already past")
    onto = f" to {target_name or target}" if target else ""
    steps = []
    for step, title, days in _STEPS:
        due = max(today, by - dt.timedelta(days=days))
        text = f"{name}: {title}{onto if step is ExitStep.MIGRATE else ''}"
        steps.append(ExitMilestone(f"{tool}-{step.value}", tool, step, text, due, owner, target))
    for c in sorted(contracts, key=lambda c: c.id):
        due = max(today, c.decision_date)
        suffix = "" if len(contracts) == 1 else f"-{c.id}"
        title = f"{name}: cancel contract {c.id} (notice by {c.decision_date.isoformat()})"
        steps.append(
            ExitMilestone(
                f"{tool}-cancel{suffix}", tool, ExitStep.CANCEL, title, due, owner, target
            )
        )
    if not contracts:
        steps.append(
            ExitMilestone(
                f"{tool}-cancel", tool, ExitStep.CANCEL, f"{name}: cancel its licence", by, owner,
                target,
            )
        )  # fmt: skip
    return sorted(steps, key=lambda s: (s.due, list(ExitStep).index(s.step), s.id))


def exit_actions(steps: Iterable[ExitMilestone], today: dt.date, horizon: int = 14) -> list[str]:
    """'Jive: export and archive its content due 2027-05-01', late ones said so."""
    out = []
    for s in sorted(steps, key=lambda s: (s.due, s.id)):
        if s.status is StepStatus.DONE:
            continue
        if s.late(today):
            out.append(f"{s.title}: late since {s.due.isoformat()}")
        elif (s.due - today).days <= horizon:
            out.append(f"{s.title}: due {s.due.isoformat()}")
    return out


def exit_rows(
    steps: Iterable[ExitMilestone], today: dt.date
) -> list[tuple[str, dt.date, dt.date, str, str]]:
    """Each step as a one-day mark on the year's timeline (label, start, end, state,
    detail)."""
    rows = []
    for s in sorted(steps, key=lambda s: (s.due, s.id)):
        state = "done" if s.status is StepStatus.DONE else ("late" if s.late(today) else "planned")
        rows.append((s.title, s.due, s.due, state, f"exit: {s.step.value}"))
    return rows
