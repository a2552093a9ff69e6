"""Next actions as values: what is to be done, why, and where it is done.

The rules that find next actions (a phase late, a pilot ending unmeasured, a department
short of champions) know the record they are about but not how a person gets to it: the
TUI goes there with a key, the command line names a command, a report only says it. So a
rule returns a :class:`NextAction` whose :class:`Target` names the roadmap screen and the
record; each front end words the way there itself, and navigation never depends on the
words of the message.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Screen(StrEnum):
    """Where the work of an action is done: one per roadmap step, and the data-protection
    record kept from the dashboard."""

    PRIVACY = "privacy"
    DISCOVER = "discover"
    INVENTORY = "inventory"
    PILOTS = "pilots"
    ROLLOUT = "rollout"
    MONEY = "money"  # contracts, spend and exit plans (phase 2b, vendor strategies)


class Subject(StrEnum):
    """The kind of record an action is about (a front end may take the user to it)."""

    DATA_PROTECTION = "data-protection"
    PHASE = "phase"
    EVIDENCE = "evidence"  # nothing imported yet: a log or a survey
    TOOL = "tool"
    HOST = "host"
    VENDOR = "vendor"
    RISK = "risk"
    CANDIDATE = "candidate"
    PILOT = "pilot"
    FEATURE = "feature"
    TRAINING = "training"
    READINESS = "readiness"
    ADOPTION = "adoption"
    CHAMPION = "champion"
    CONTRACT = "contract"  # a licence contract's renewal decision
    EXIT = "exit"  # a step of a tool's exit plan
    RETIREMENT = "retirement"  # a tool whose product has ended, with no exit plan yet


@dataclass(frozen=True)
class Target:
    """The screen where an action is done and the record it is about (its id, or None
    when the action is about several records or none yet)."""

    screen: Screen
    subject: Subject
    record: str | None = None
    # what the action proposes, as (name, value) pairs a front end fills in: a retirement's
    # ("by", "2027-03-06") and ("to", "microsoft-teams")
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NextAction:
    """One next action. ``what`` is the finding or the thing to do, ``why`` the detail
    behind it (counts, dates) when there is one; :attr:`text` is the sentence every front
    end shows before adding its own way there."""

    what: str
    target: Target
    why: str = ""

    @property
    def text(self) -> str:
        return f"{self.what}: {self.why}" if self.why else self.what

    def __str__(self) -> str:
        return self.text


def texts(actions: list[NextAction]) -> list[str]:
    """The sentences of ``actions``, in order (for reports and plain lists)."""
    return [a.text for a in actions]
