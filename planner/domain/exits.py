"""Exit plans: how a tool is switched off, as dated steps.

Retiring a tool used to be a status; people kept their content there and links kept
pointing at it, and the licence renewed on its own. An exit is a plan: announce it,
export and archive the content, move people and content to the target, redirect the
links, switch it off, and cancel the contract — each step a milestone with a date and an
owner, counted back from the switch-off day, with the cancellation due at the contract's
decision date (the last day notice can be given), whatever the switch-off day.

A product its vendor has ended (Workplace from Meta, Skype, Google Currents) and still
found in use is an exit nobody planned: :func:`retired_in_use` proposes one, with a
switch-off day and a target, until the tool has an exit plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from planner.domain.catalog import Catalog, Product, VendorStatus
from planner.domain.contracts import Contract
from planner.domain.plan import Tool


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


PROPOSAL_DAYS = 90  # a proposed exit: switched off a quarter from today (announce now)


@dataclass(frozen=True)
class ExitProposal:
    """An exit to plan: a tool of the plan whose catalog product has ended."""

    tool: str  # the plan's tool id
    name: str
    ended: dt.date | None  # when the vendor ended it, when the catalog dates it
    by: dt.date  # the proposed switch-off day
    target: str | None  # the product to move to: the plan's strategic one, else the successor
    target_name: str | None

    @property
    def advice(self) -> str:
        """'plan its exit by 2027-03-06, towards Microsoft Teams' (no front end's words)."""
        towards = f", towards {self.target_name or self.target}" if self.target else ""
        return f"plan its exit by {self.by.isoformat()}{towards}"

    @property
    def headline(self) -> str:
        """'Skype ended on 2025-05-05' (or 'Skype has ended' when the catalog gives no date)."""
        when = f" ended on {self.ended.isoformat()}" if self.ended else " has ended"
        return f"{self.name}{when}"


def ended_on(product: Product) -> dt.date | None:
    """When the vendor ended ``product``: its retirement, else its end of support."""
    return product.strategy.retired_on or product.strategy.end_of_support


def retired_in_use(
    tools: Iterable[Tool],
    catalog: Catalog,
    planned: Iterable[str],
    today: dt.date,
    strategic: dict[str, str] | None = None,
) -> list[ExitProposal]:
    """An exit to plan for each of ``tools`` (the plan's tools: ``slug``, ``name``,
    ``product``) whose catalog product is retired and that has no exit plan yet
    (``planned``: tool ids with exit steps). The target is the plan's strategic product
    for that tool (``strategic``: tool id -> product id, e.g. the tool kept where it
    overlaps), else the catalog's successor when that one still lives."""
    have = set(planned)
    out = []
    for tool in tools:
        slug, name = tool.slug, tool.name
        product = catalog.get(tool.product) if tool.product else None
        if product is None or product.strategy.status is not VendorStatus.RETIRED:
            continue
        if slug in have:
            continue
        target = (strategic or {}).get(slug)
        if target is None and product.strategy.successor:
            successor = catalog.get(product.strategy.successor)
            if successor is not None and successor.strategy.status is not VendorStatus.RETIRED:
                target = successor.id
        found = catalog.get(target) if target else None
        out.append(
            ExitProposal(
                slug,
                name,
                ended_on(product),
                today + dt.timedelta(days=PROPOSAL_DAYS),
                target,
                found.name if found else None,
            )
        )
    return sorted(out, key=lambda p: (p.ended or dt.date.max, p.tool))
