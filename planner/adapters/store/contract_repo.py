"""Licence contracts and exit steps in one session, moved between rows and domain objects by their
definition (``domain.records.values``): a field added to it needs no change here."""

from __future__ import annotations

from functools import partial

from sqlmodel import Session, delete, select

from planner.adapters.store import reads
from planner.adapters.store.tables import ContractRecord, ExitStepRecord
from planner.adapters.store.upsert import save_versioned
from planner.domain.contracts import Contract
from planner.domain.exits import ExitMilestone
from planner.domain.records.contract import ContractFields, ExitStepFields
from planner.domain.records.values import row_values


class ContractRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def contracts(self, plan_id: int) -> list[Contract]:
        return reads.contracts(self.session, plan_id)

    def save(self, plan_id: int, contract: Contract) -> None:
        record = self.session.exec(
            select(ContractRecord).where(
                ContractRecord.plan_id == plan_id, ContractRecord.slug == contract.id
            )
        ).first()
        values = row_values(ContractFields, contract)
        make = partial(ContractRecord, plan_id=plan_id, slug=contract.id)
        save_versioned(self.session, record, make, values)

    def delete(self, plan_id: int, slug: str) -> None:
        self.session.exec(
            delete(ContractRecord).where(
                ContractRecord.plan_id == plan_id,  # type: ignore[arg-type]
                ContractRecord.slug == slug,  # type: ignore[arg-type]
            )
        )

    def exit_steps(self, plan_id: int) -> list[ExitMilestone]:
        return reads.exit_steps(self.session, plan_id)

    def save_step(self, plan_id: int, step: ExitMilestone) -> None:
        record = self.session.exec(
            select(ExitStepRecord).where(
                ExitStepRecord.plan_id == plan_id, ExitStepRecord.slug == step.id
            )
        ).first()
        values = row_values(ExitStepFields, step)
        make = partial(ExitStepRecord, plan_id=plan_id, slug=step.id)
        save_versioned(self.session, record, make, values)

    def replace_exit(self, plan_id: int, tool: str, steps: list[ExitMilestone]) -> None:
        """The tool's exit steps become ``steps`` (a step kept by id keeps counting its
        versions)."""
        current = {
            r.slug: r
            for r in self.session.exec(
                select(ExitStepRecord).where(
                    ExitStepRecord.plan_id == plan_id, ExitStepRecord.tool == tool
                )
            )
        }
        for step in steps:
            values = row_values(ExitStepFields, step)
            make = partial(ExitStepRecord, plan_id=plan_id, slug=step.id)
            save_versioned(self.session, current.pop(step.id, None), make, values)
        for record in current.values():
            self.session.delete(record)
