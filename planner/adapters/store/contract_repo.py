"""Licence contracts in one session, moved between rows and domain objects by their
definition (``domain.records.values``): a field added to it needs no change here."""

from __future__ import annotations

from sqlmodel import Session, delete, select

from planner.adapters.store.tables import ContractRecord
from planner.domain.contracts import Contract
from planner.domain.records.contract import ContractFields
from planner.domain.records.values import domain_values, row_values


class ContractRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def contracts(self, plan_id: int) -> list[Contract]:
        query = (
            select(ContractRecord)
            .where(ContractRecord.plan_id == plan_id)
            .order_by(ContractRecord.slug)
        )
        return [
            Contract(id=r.slug, **domain_values(ContractFields, r, Contract), version=r.version)
            for r in self.session.exec(query)
        ]

    def save(self, plan_id: int, contract: Contract) -> None:
        record = self.session.exec(
            select(ContractRecord).where(
                ContractRecord.plan_id == plan_id, ContractRecord.slug == contract.id
            )
        ).first()
        values = row_values(ContractFields, contract)
        if record is None:
            record = ContractRecord(plan_id=plan_id, slug=contract.id, **values)
        else:
            record.version += 1
            record.sqlmodel_update(values)
        self.session.add(record)

    def delete(self, plan_id: int, slug: str) -> None:
        self.session.exec(
            delete(ContractRecord).where(
                ContractRecord.plan_id == plan_id,  # type: ignore[arg-type]
                ContractRecord.slug == slug,  # type: ignore[arg-type]
            )
        )
