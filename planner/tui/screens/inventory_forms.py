"""Forms of the Inventory step: review a vendor, edit or add a risk, weigh a need."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from planner.domain.inventory import Rating, VendorReview
from planner.domain.risks import RISK_FIELDS, Level, Risk, RiskStatus
from planner.domain.text import visible
from planner.domain.vendor_review import VENDOR_REVIEW_FIELDS
from planner.tui.screens.dialog import CHOOSE, REQUIRED
from planner.tui.screens.forms import _Form, field
from planner.tui.widgets.data_input import DataInput


class VendorReviewForm(_Form):
    def __init__(self, product_name: str, review: VendorReview | None) -> None:
        super().__init__()
        self.product_name, self.review = product_name, review

    def dialog_title(self) -> Text:
        return Text(f"Vendor strategy: {visible(self.product_name)}")

    def body(self) -> ComposeResult:
        r = self.review
        yield from field(
            VENDOR_REVIEW_FIELDS["rating"].label,
            Select(
                [(x.value, x.value) for x in Rating],
                prompt="choose a rating",
                value=r.rating.value if r and r.rating else Select.NULL,
                id="rating",
            ),
        )
        yield from field(
            VENDOR_REVIEW_FIELDS["note"].label, DataInput(r.note if r else "", id="note")
        )
        reviewer = VENDOR_REVIEW_FIELDS["reviewer"]
        yield from field(
            reviewer.label,
            DataInput(
                (r.reviewer or "") if r else "", placeholder=reviewer.placeholder, id="reviewer"
            ),
        )

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        rating = self.query_one("#rating", Select).value
        if rating is Select.NULL:
            self.show_error(CHOOSE, "rating")
            return
        self.finish(
            {
                "rating": rating,
                "note": self.query_one("#note", DataInput).data,
                "reviewer": self.query_one("#reviewer", DataInput).data or None,
            }
        )


class RiskForm(_Form):
    def __init__(self, risk: Risk | None) -> None:
        super().__init__()
        self.risk = risk

    WIDE = True

    def dialog_title(self) -> str:
        return "Edit risk" if self.risk else "New risk"

    def body(self) -> ComposeResult:
        r = self.risk
        levels = [(x.value, x.value) for x in Level]
        yield from field(RISK_FIELDS["title"].label, DataInput(r.title if r else "", id="title"))
        with Horizontal(classes="field-row"):
            for key, value, choices in (
                ("likelihood", (r.likelihood if r else Level.MEDIUM), levels),
                ("impact", (r.impact if r else Level.MEDIUM), levels),
                (
                    "status",
                    (r.status if r else RiskStatus.OPEN),
                    [(x.value, x.value) for x in RiskStatus],
                ),
            ):
                with Vertical(classes="field-cell"):
                    yield from field(
                        RISK_FIELDS[key].label,
                        Select(choices, value=value.value, allow_blank=False, id=key),
                    )
        yield from field(
            RISK_FIELDS["mitigation"].label,
            DataInput(r.mitigation if r else "", id="mitigation"),
        )
        yield from field(
            RISK_FIELDS["owner"].label,
            DataInput((r.owner or "") if r else "", placeholder="e.g. CISO", id="owner"),
        )
        if r and r.evidence:
            yield Label(Text(visible(r.evidence), style="dim"))

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        title = self.query_one("#title", DataInput).data.strip()
        if not title:
            self.show_error(REQUIRED, "title")
            return
        result: dict[str, Any] = {"title": title}
        for key in ("likelihood", "impact", "status"):
            result[key] = str(self.query_one(f"#{key}", Select).value)
        for key in ("mitigation", "owner"):
            result[key] = self.query_one(f"#{key}", DataInput).data
        self.finish(result)


class NeedForm(_Form):
    LABELS = ("not needed", "nice to have", "useful", "important", "very important", "essential")

    def __init__(self, capability: str, weight: int) -> None:
        super().__init__()
        self.capability, self.weight = capability, weight

    def dialog_title(self) -> Text:
        return Text(f"Need for {visible(self.capability)}")

    def body(self) -> ComposeResult:
        # String values: Select treats a falsy value (weight 0) as no selection.
        yield from field(
            "How much it is needed (0-5)",
            Select(
                [(f"{w} — {label}", str(w)) for w, label in enumerate(self.LABELS)],
                value=str(self.weight),
                allow_blank=False,
                id="weight",
            ),
        )

    @on(Button.Pressed, "#ok")
    def save(self) -> None:
        self.finish({"weight": int(str(self.query_one("#weight", Select).value))})
