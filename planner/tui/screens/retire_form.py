"""Plan a tool's exit from the Money screen: which tool, switched off by when, and where
its people go — what ``planner retire`` does, so a manager never needs the command line
to act on "Workplace from Meta ended: plan its exit".

The form is filled from the proposal the plan already makes for an ended product (its
proposed day and target), and completes tool ids and catalog products as they are typed;
the service checks the rest and its errors show beside their field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input

from planner.domain.exits import ExitProposal
from planner.domain.text import visible
from planner.tui.screens.dialog import REQUIRED
from planner.tui.screens.forms import _Form, field


class RetireForm(_Form):
    """The exit plan of one tool: its six dated steps are written by the service."""

    def __init__(
        self,
        tools: Sequence[str],
        products: Sequence[str],
        proposal: ExitProposal | None = None,
    ) -> None:
        super().__init__()
        self.tools = list(tools)
        self.products = list(products)
        self.proposal = proposal

    def dialog_title(self) -> Text:
        p = self.proposal
        return Text(f"Plan the exit of {visible(p.name)}" if p else "Plan a tool's exit")

    def dialog_buttons(self) -> ComposeResult:
        yield Button("Plan the exit", variant="primary", id="ok")
        yield Button("Cancel", id="cancel")

    def body(self) -> ComposeResult:
        p = self.proposal
        yield from field(
            "Tool to retire (its id in the plan)",
            Input(
                p.tool if p else "",
                placeholder="e.g. workplace-meta",
                suggester=SuggestFromList(self.tools, case_sensitive=False),
                id="tool",
            ),
        )
        yield from field(
            "Switched off by (YYYY-MM-DD)",
            Input(p.by.isoformat() if p else "", placeholder="YYYY-MM-DD", id="by"),
        )
        yield from field(
            "People move to (a catalog product; empty: not decided)",
            Input(
                (p.target or "") if p else "",
                placeholder="e.g. microsoft-teams",
                suggester=SuggestFromList(self.products, case_sensitive=False),
                id="target",
            ),
        )
        yield from field(
            "Owner (empty: the tool's owner)", Input("", placeholder="e.g. IT", id="owner")
        )

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        errors: dict[str | None, str] = {}
        tool = self.text_of("tool").strip()
        if not tool:
            errors["tool"] = REQUIRED
        by = self.read_date("by", errors, required=True)
        if errors:
            self.show_errors(errors)
            return
        values: dict[str, Any] = {
            "tool": tool,
            "by": by,
            "target": self.text_of("target").strip() or None,
            "owner": self.text_of("owner").strip() or None,
        }
        self.finish(values)
