"""A licence contract and a tool's exit steps, written down once: the tables, the plan
file's ``contracts`` and ``exits`` entries and the repository mapping derive from these.

The annual cost is a ``Decimal`` validated from text or a number (never kept as a float)
and stored as its exact text (``column_types.ExactDecimal``); the currency is checked against
ISO 4217. Dates are checked together (end after start, notice within the term) by the
entry and the service, which can say which field is wrong.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Field, SQLModel

from planner.domain.contracts import Decision
from planner.domain.exits import ExitStep, StepStatus
from planner.domain.records.column_types import ExactDecimal
from planner.domain.records.types import (
    Amount,
    Count,
    Currency,
    Id,
    Name,
    NoticeDays,
    Short,
    text_column,
)
from planner.domain.records.values import changes_of


class ContractFields(SQLModel):
    product: Id  # a catalog product or one of the plan's tools
    seats: Count = 0
    annual_cost: Amount = Field(default=Decimal("0.00"), sa_type=ExactDecimal)
    currency: Currency = Field(default="EUR", max_length=3)
    tier: Short | None = None
    start: dt.date
    end: dt.date
    notice_days: NoticeDays = 0
    auto_renew: bool = False
    owner: Short | None = None
    reference: Short | None = None
    decision: Decision | None = Field(default=None, sa_type=text_column())


class ExitStepFields(SQLModel):
    """A dated step of a tool's exit plan (``domain.exits``)."""

    tool: Id  # the plan's tool being switched off
    step: ExitStep = Field(sa_type=text_column())
    title: Name
    due: dt.date
    owner: Short | None = None
    target: Id | None = None  # the product people move to
    status: StepStatus = Field(default=StepStatus.PLANNED, sa_type=text_column())


_CONTRACT_EDITABLE = ("product", "seats", "annual_cost", "currency", "tier", "start", "end",
                      "notice_days", "auto_renew", "owner", "reference", "decision")  # fmt: skip


# A dynamic base (its fields come from the definition), hence the ignore.
class ContractChanges(changes_of(ContractFields, _CONTRACT_EDITABLE, "ContractFieldsEditable")):  # type: ignore[misc]
    """What ``contract set`` may change."""
