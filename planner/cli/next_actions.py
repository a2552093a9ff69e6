"""The command line's words for a next action: its sentence, then the command that does it.

Services give next actions a target (a screen and a record), not a way there; the TUI
names its screen and key, and here each target becomes the command to run.
"""

from __future__ import annotations

from planner.domain.next_actions import NextAction, Screen, Subject

COMMANDS: dict[Subject, str] = {
    Subject.DATA_PROTECTION: "planner privacy set",
    Subject.EVIDENCE: "planner discover import FILE",
    Subject.TOOL: "planner tools list",
    Subject.HOST: "planner discover hosts",
    Subject.VENDOR: "planner vendors list",
    Subject.RISK: "planner risks list",
    Subject.CANDIDATE: "planner candidates",
    Subject.PILOT: "planner pilot list",
    Subject.FEATURE: "planner feature list",
    Subject.TRAINING: "planner training list",
    Subject.READINESS: "planner readiness list",
    Subject.ADOPTION: "planner rollout show",
    Subject.CHAMPION: "planner training list",
    Subject.CONTRACT: "planner contract list",
    Subject.EXIT: "planner exit list",
    Subject.RETIREMENT: "planner retire TOOL --by YYYY-MM-DD",
}

# A late phase is caught up where its screen's work is listed.
PHASE_COMMANDS: dict[Screen, str] = {
    Screen.PRIVACY: "planner privacy set",
    Screen.DISCOVER: "planner discover hosts",
    Screen.INVENTORY: "planner inventory report",
    Screen.PILOTS: "planner pilot list",
    Screen.ROLLOUT: "planner timeline",
    Screen.MONEY: "planner costs",
}


def command_for(action: NextAction) -> str:
    """The command that shows (or does) what ``action`` asks."""
    target = action.target
    if target.subject is Subject.PHASE:
        return PHASE_COMMANDS[target.screen]
    if target.subject is Subject.PILOT and target.record is not None:
        return f"planner pilot show {target.record}"
    if target.subject is Subject.CONTRACT and target.record is not None:
        return f"planner contract show {target.record}"
    if target.subject is Subject.EXIT and target.record is not None:
        return f"planner exit done {target.record}"
    if target.subject is Subject.RETIREMENT and target.record is not None:
        options = "".join(f" --{name} {value}" for name, value in target.params)
        return f"planner retire {target.record}{options or ' --by YYYY-MM-DD'}"
    return COMMANDS[target.subject]


def describe(action: NextAction) -> str:
    """``action`` as one line of ``plan show``."""
    return f"{action.text}  → {command_for(action)}"
