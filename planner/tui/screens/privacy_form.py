"""The data-protection step's form, opened from the dashboard's next action.

Phase 1's first task is recorded where the dashboard names it: legal basis, purpose, DPIA
reference and date, works-council consultation, retention of evidence, key holder.
Dates are typed as YYYY-MM-DD and checked here; the service does the rest.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input, Select

from planner.domain.privacy import STEP, DataProtection, LegalBasis
from planner.tui.screens.forms import _Form, field
from planner.tui.widgets.data_input import DataInput

DATES = (("dpia_date", "DPIA date"), ("works_council_date", "Works council consulted on"))
TEXTS = (
    ("purpose", "Purpose", "why the traffic is analysed"),
    ("dpia_reference", "DPIA reference (Art. 35)", "e.g. DPIA-2027-04"),
    ("key_holder", "Pseudonym key holder", "e.g. DPO office"),
)


class DataProtectionForm(_Form):
    def __init__(self, current: DataProtection) -> None:
        super().__init__()
        self.current = current

    WIDE = True

    def dialog_title(self) -> str:
        return STEP

    def body(self) -> ComposeResult:
        dp = self.current
        yield from field(
            "Legal basis (GDPR Art. 6(1))",
            Select(
                [(f"{b.article} {b.value}", b.value) for b in LegalBasis],
                prompt="choose a basis",
                value=dp.legal_basis.value if dp.legal_basis else Select.NULL,
                id="legal_basis",
            ),
        )
        for key, label, hint in TEXTS:
            yield from field(label, DataInput(getattr(dp, key) or "", placeholder=hint, id=key))
        for key, label in DATES:
            value = getattr(dp, key)
            yield from field(
                label,
                DataInput(value.isoformat() if value else "", placeholder="YYYY-MM-DD", id=key),
            )
        yield from field(
            "Retention of evidence (days)",
            DataInput(
                str(dp.retention_days) if dp.retention_days else "",
                placeholder="e.g. 180",
                id="retention_days",
            ),
        )

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        result: dict[str, Any] = {}
        errors: dict[str | None, str] = {}
        basis = self.query_one("#legal_basis", Select).value
        result["legal_basis"] = None if basis is Select.NULL else LegalBasis(str(basis))
        for key, _, _ in TEXTS:
            text = self.query_one(f"#{key}", DataInput).data.strip()
            result[key] = text if key == "purpose" else text or None
        for key, _ in DATES:
            result[key] = self.read_date(key, errors)
        result["retention_days"] = self.read_whole(
            "retention_days", errors, 1, 3650, required=False
        )
        if errors:
            self.show_errors(errors)
            return
        self.finish(result)
