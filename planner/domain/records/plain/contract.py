"""Plain copies of ``records.contract`` (generated: see the package)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from planner.domain.contracts import Decision
from planner.domain.exits import ExitStep, StepStatus
from planner.domain.records.plain import Plain
from planner.domain.records.types import Amount, Count, Currency, Id, Name, NoticeDays, Short


class ContractFields(Plain):
    product: Id
    seats: Count = 0
    annual_cost: Amount = Decimal("0.00")
    currency: Currency = Field(default="EUR", max_length=3)
    tier: Short | None = None
    start: dt.date
    end: dt.date
    notice_days: NoticeDays = 0
    auto_renew: bool = False
    owner: Short | None = None
    reference: Short | None = None
    decision: Decision | None = None


class ExitStepFields(Plain):
    """A dated step of a tool's exit plan (``domain.exits``)."""

    tool: Id
    step: ExitStep
    title: Name
    due: dt.date
    owner: Short | None = None
    target: Id | None = None
    status: StepStatus = StepStatus.PLANNED
