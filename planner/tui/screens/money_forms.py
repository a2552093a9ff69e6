"""The contract form of the Money screen: one input per shown field of the contract's
definition (``CONTRACT_FIELDS``), the product, auto-renewal and, when editing, the
decision taken. What is typed goes to the service as text, which says which field is
wrong (the form stays open with the error beside it)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input, Select

from planner.domain.contracts import CONTRACT_FIELDS, Contract, Decision
from planner.domain.text import visible
from planner.tui.screens.dialog import REQUIRED
from planner.tui.screens.forms import _Form, field
from planner.tui.screens.record_fields import field_inputs


def _text(contract: Contract | None) -> dict[str, str]:
    if contract is None:
        return {"currency": "EUR", "notice_days": "0", "seats": "0"}
    values = {name: getattr(contract, name) for name in CONTRACT_FIELDS}
    return {name: "" if value is None else str(value) for name, value in values.items()}


class ContractForm(_Form):
    """Add a contract (``contract`` None) or change one."""

    def __init__(self, contract: Contract | None = None) -> None:
        super().__init__()
        self.contract = contract

    WIDE = True

    def dialog_buttons(self) -> ComposeResult:
        yield Button(Text("Save" if self.contract else "Add"), variant="primary", id="ok")
        yield Button("Cancel", id="cancel")

    def dialog_title(self) -> Text:
        c = self.contract
        return Text(f"Contract {visible(c.id)}" if c else "New contract")

    def body(self) -> ComposeResult:
        c = self.contract
        yield from field(
            "Product (a catalog product or one of the plan's tools)",
            Input(c.product if c else "", placeholder="e.g. jive", id="product"),
        )
        yield from field_inputs(CONTRACT_FIELDS, _text(c))
        yield from field(
            "Auto-renewal",
            Select(
                [("renews unless notice is given", "yes"), ("ends unless renewed", "no")],
                value="yes" if c and c.auto_renew else "no",
                allow_blank=False,
                id="auto_renew",
            ),
        )
        if c is not None:
            yield from field(
                "Decision",
                Select(
                    [("not yet", "none"), *((d.value, d.value) for d in Decision)],
                    value=c.decision.value if c.decision else "none",
                    allow_blank=False,
                    id="decision",
                ),
            )

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        values: dict[str, Any] = {"product": self.query_one("#product", Input).value}
        for name in CONTRACT_FIELDS:
            values[name] = self.query_one(f"#{name}", Input).value
        values["auto_renew"] = self.query_one("#auto_renew", Select).value == "yes"
        if self.contract is not None:
            decision = self.query_one("#decision", Select).value
            values["decision"] = None if decision == "none" else decision
        if not str(values["product"]).strip():
            self.show_error(REQUIRED, "product")
            return
        self.finish(values)
