"""The repository: table records in, domain objects out, inside one session.

Services talk to this class instead of to SQLModel, so converting between records and
domain objects happens in one place (as in elia's converters) and screens never hold a
record bound to a closed session. The conversions themselves (a plan or a tool from its
record, a tool's column values) are in :mod:`planner.adapters.store.mapping`; this module
holds the queries, by the part of a plan they read: plans, tools, needs, vendors, risks.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from planner.adapters.store import reads
from planner.adapters.store.mapping import tool_values
from planner.adapters.store.tables import (
    MetaRecord,
    NeedRecord,
    PlanRecord,
    RiskRecord,
    ToolRecord,
    VendorRecord,
)
from planner.adapters.store.upsert import save_versioned
from planner.domain.inventory import VendorReview
from planner.domain.plan import Plan, Tool
from planner.domain.records.inventory import RiskFields, VendorFields
from planner.domain.records.values import row_values
from planner.domain.risks import Risk
from planner.errors import ConflictError

# A report's services read a plan's tools once between them (``reads.sharing_tools``).
sharing_tools = reads.sharing_tools

# The key of the current plan (``planner plan use``): see ``reads``.
CURRENT_PLAN_KEY = reads.CURRENT_PLAN_KEY


class Repository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # plans -------------------------------------------------------------------------------
    def plan_names(
        self, *, containing: str = "", limit: int | None = None, offset: int = 0
    ) -> list[str]:
        return reads.plan_names(self.session, containing=containing, limit=limit, offset=offset)

    def plan_records(self, *, limit: int | None = None, offset: int = 0) -> list[PlanRecord]:
        """Plan records in name order, one page at a time (one query, not one per plan)."""
        query = select(PlanRecord).order_by(PlanRecord.name).offset(offset).limit(limit)
        return list(self.session.exec(query))

    def plan_count(self, containing: str = "") -> int:
        return reads.plan_count(self.session, containing)

    def current_plan_name(self) -> str | None:
        return reads.current_plan_name(self.session)

    def set_current_plan(self, name: str | None) -> None:
        """Record ``name`` as the current plan (None: no current plan)."""
        meta = self.session.get(MetaRecord, CURRENT_PLAN_KEY)
        if name is None:
            if meta is not None:
                self.session.delete(meta)
            return
        if meta is None:
            meta = MetaRecord(key=CURRENT_PLAN_KEY, value=name)
        meta.value = name
        self.session.add(meta)

    def plan_record(self, name: str | None) -> PlanRecord:
        """The plan called ``name``; with None, the current plan (``plan use``), else the
        workspace's only plan (``reads.plan_row`` says which, or why none)."""
        record = self.session.get(PlanRecord, reads.plan_id(self.session, name))
        assert record is not None
        return record

    def add_plan(self, plan: Plan) -> PlanRecord:
        record = PlanRecord(
            name=plan.name,
            organisation=plan.organisation,
            owner=plan.owner,
            start=plan.start,
            eu_residency_required=plan.eu_residency_required,
            employees=plan.employees,
            use_cases=",".join(plan.use_cases),
            excluded_deployments=",".join(plan.excluded_deployments),
            suites=",".join(plan.suites),
            countries=",".join(plan.countries),
        )
        self.session.add(record)
        self._flush_named(plan.name)
        return record

    def _flush_named(self, name: str) -> None:
        """Write the plan's row now, so that a name another plan has is a ConflictError
        here rather than a driver's error at commit."""
        try:
            self.session.flush()
        except IntegrityError as exc:
            raise ConflictError(f"a plan named '{name}' already exists") from exc

    def plan_changed(self, record: PlanRecord) -> None:
        """A setting of the plan changed: a new revision (what a plan file's base records)."""
        record.version += 1
        self.session.add(record)

    def rename_plan(self, record: PlanRecord, name: str) -> None:
        record.name = name
        self.plan_changed(record)
        self._flush_named(name)

    def delete_plan(self, name: str) -> None:
        """Remove the plan (its rows go with it: foreign keys cascade); a plan that was
        current is current no more."""
        if self.current_plan_name() == name:
            self.set_current_plan(None)
        self.session.delete(self.plan_record(name))

    # tools -------------------------------------------------------------------------------
    def suites_seen(self, plan_id: int) -> set[str]:
        return reads.suites_seen(self.session, plan_id)

    def tools(self, plan_id: int) -> list[Tool]:
        return reads.tools(self.session, plan_id)

    def iter_tools(self, plan_id: int, batch: int = 1_000) -> Iterator[Tool]:
        return reads.iter_tools(self.session, plan_id, batch)

    def count_tools(self, plan_id: int) -> int:
        return reads.count_tools(self.session, plan_id)

    def tool_names(self, plan_id: int) -> dict[str, str]:
        """slug -> name of the plan's tools: what choosing a new tool's id needs, without
        building every tool (a triage decision or a manual entry in a 60,000-tool plan)."""
        table = SQLModel.metadata.tables[ToolRecord.__tablename__]
        query = sa_select(table.c.slug, table.c.name).where(table.c.plan_id == plan_id)
        return {slug: name for slug, name in self.session.execute(query)}

    def tool_record(
        self, plan_id: int, slug: str, *, for_update: bool = False
    ) -> ToolRecord | None:
        """The tool's record; ``for_update`` locks its row until the transaction ends
        (PostgreSQL; SQLite writers are already serialised by BEGIN IMMEDIATE)."""
        query = select(ToolRecord).where(
            ToolRecord.plan_id == plan_id, col(ToolRecord.slug) == slug
        )
        if for_update:
            query = query.with_for_update()
        return self.session.exec(query).first()

    def save_tool(self, plan_id: int, tool: Tool) -> None:
        """Insert the tool, or update the one with the same slug in this plan."""
        record = self.tool_record(plan_id, tool.slug)
        values = tool_values(tool)
        if record is None:
            record = ToolRecord(plan_id=plan_id, slug=tool.slug, **values)  # type: ignore[arg-type]
        else:
            for key, value in values.items():
                setattr(record, key, value)
            record.version += 1
        self.session.add(record)

    # needs -------------------------------------------------------------------------------
    def needs(self, plan_id: int) -> dict[str, int]:
        return reads.needs(self.session, plan_id)

    def set_need(self, plan_id: int, capability: str, weight: int) -> None:
        query = select(NeedRecord).where(
            NeedRecord.plan_id == plan_id, NeedRecord.capability == capability
        )
        record = self.session.exec(query).first()
        if weight <= 0:
            if record is not None:
                self.session.delete(record)
            return
        record = record or NeedRecord(plan_id=plan_id, capability=capability)
        record.weight = weight
        self.session.add(record)

    # vendors -----------------------------------------------------------------------------
    def vendor_reviews(self, plan_id: int) -> dict[str, VendorReview]:
        return reads.vendor_reviews(self.session, plan_id)

    def save_vendor_review(self, plan_id: int, review: VendorReview) -> None:
        query = select(VendorRecord).where(
            VendorRecord.plan_id == plan_id, VendorRecord.product == review.product
        )
        record = self.session.exec(query).first()
        values = row_values(VendorFields, review)
        make = partial(VendorRecord, plan_id=plan_id, product=review.product)
        save_versioned(self.session, record, make, values)

    # risks -------------------------------------------------------------------------------
    def risks(self, plan_id: int) -> list[Risk]:
        return reads.risks(self.session, plan_id)

    def save_risk(self, plan_id: int, risk: Risk) -> None:
        query = select(RiskRecord).where(RiskRecord.plan_id == plan_id, RiskRecord.slug == risk.id)
        record = self.session.exec(query).first()
        values = row_values(RiskFields, risk)
        if record is None:
            record = RiskRecord(plan_id=plan_id, slug=risk.id, **values)
        else:
            record.version += 1
            record.sqlmodel_update(values)
        self.session.add(record)
