"""Pilots, their KPIs and measurements, and the plan's criteria weights, in one session.

Kept apart from ``repository`` so each stays small; same contract: records in, domain
objects out. The fields move by the pilot's definition (``domain.records.values``), so a
field added to it is stored and read with no change here.
"""

from __future__ import annotations

from functools import partial

from sqlmodel import Session, col, delete, select

from planner.adapters.store import reads, reads_rollout
from planner.adapters.store.tables import (
    CriterionRecord,
    MeasurementRecord,
    PilotKpiRecord,
    PilotRecord,
)
from planner.adapters.store.upsert import save_versioned
from planner.domain.pilots import Pilot
from planner.domain.records.pilot import KpiFields, MeasurementFields, PilotFields
from planner.domain.records.values import row_values
from planner.domain.scoring import Criterion


class PilotRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # criteria weights ----------------------------------------------------------------------
    def weights(self, plan_id: int) -> dict[Criterion, float]:
        return reads.weights(self.session, plan_id)

    def set_weight(self, plan_id: int, criterion: Criterion, weight: float) -> None:
        query = select(CriterionRecord).where(
            CriterionRecord.plan_id == plan_id, CriterionRecord.criterion == criterion.value
        )
        record = self.session.exec(query).first() or CriterionRecord(
            plan_id=plan_id, criterion=criterion.value
        )
        record.weight = weight
        self.session.add(record)

    # pilots --------------------------------------------------------------------------------
    def _record(self, plan_id: int, slug: str) -> PilotRecord | None:
        query = select(PilotRecord).where(PilotRecord.plan_id == plan_id, PilotRecord.slug == slug)
        return self.session.exec(query).first()

    def lock(self, plan_id: int, slug: str) -> None:
        """Lock the pilot's row for this transaction (PostgreSQL; SQLite writers are
        serialised already)."""
        self.session.exec(
            select(PilotRecord.id)
            .where(PilotRecord.plan_id == plan_id, PilotRecord.slug == slug)
            .with_for_update()
        )

    def pilots(self, plan_id: int) -> list[Pilot]:
        return reads_rollout.pilots(self.session, plan_id)

    def save(self, plan_id: int, pilot: Pilot) -> None:
        """Insert or update the pilot with its KPIs and measurements (replaced whole)."""
        record = self._record(plan_id, pilot.id)
        values = row_values(PilotFields, pilot)
        make = partial(PilotRecord, plan_id=plan_id, slug=pilot.id)
        record = save_versioned(self.session, record, make, values)
        self.session.flush()
        assert record.id is not None
        self.session.exec(delete(PilotKpiRecord).where(col(PilotKpiRecord.pilot_id) == record.id))
        self.session.exec(
            delete(MeasurementRecord).where(col(MeasurementRecord.pilot_id) == record.id)
        )
        self.session.add_all(
            PilotKpiRecord(pilot_id=record.id, **row_values(KpiFields, k)) for k in pilot.criteria
        )
        self.session.add_all(
            MeasurementRecord(pilot_id=record.id, **row_values(MeasurementFields, m))
            for m in pilot.measurements
        )
