"""The read-only commands' Core path gives what the table classes and definitions give.

The read-only commands query Core tables generated from the table classes
(``adapters/store/core_schema``, ``scripts/make_core_schema.py``) and build domain objects
from the domain classes' annotations (``adapters/store/rows``), without SQLModel. These
tests hold that path to the one definition: the generated schema is the table classes'
columns, and each object read through Core equals the one the definitions make from the
ORM record (``values.domain_values``), on the demo plus a contract, an audience and a
criterion weight the demo has none of.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

from sqlmodel import select

from planner.adapters.store import reads, reads_rollout
from planner.adapters.store.audience_repo import AudienceRepository
from planner.adapters.store.contract_repo import ContractRepository
from planner.adapters.store.pilot_repo import PilotRepository
from planner.adapters.store.tables import (
    AudienceRecord,
    ChampionRecord,
    ContractRecord,
    ExitStepRecord,
    FeatureRecord,
    MeasurementRecord,
    PilotKpiRecord,
    PilotRecord,
    PlanRecord,
    ReadinessRecord,
    RiskRecord,
    ToolRecord,
    TrainingRecord,
    TrainingUpdateRecord,
    VendorRecord,
)
from planner.bootstrap import Planner
from planner.domain.audiences import Audience
from planner.domain.catalog import VendorStatus
from planner.domain.contracts import Contract
from planner.domain.exits import ExitMilestone, ExitStep
from planner.domain.inventory import VendorReview
from planner.domain.pilots import Kpi, Measurement, Pilot
from planner.domain.plan import Tool
from planner.domain.readiness import Readiness
from planner.domain.records.adoption import ReadinessFields
from planner.domain.records.audience import AudienceFields
from planner.domain.records.contract import ContractFields, ExitStepFields
from planner.domain.records.inventory import RiskFields, ToolFields, VendorFields
from planner.domain.records.pilot import KpiFields, MeasurementFields, PilotFields
from planner.domain.records.rollout import (
    ChampionFields,
    FeatureFields,
    TrainingFields,
    TrainingUpdateFields,
)
from planner.domain.records.values import domain_values
from planner.domain.risks import Risk
from planner.domain.rollout import Champion, Feature, Training, TrainingUpdate
from planner.domain.scoring import Criterion
from tests.conftest import ROOT, DemoAt


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_core_schema", ROOT / "scripts" / "make_core_schema.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_core_schema"] = module
    spec.loader.exec_module(module)
    return module


def test_the_core_schema_is_generated_from_the_tables() -> None:
    script = _script()
    assert not script.stale(script.formatted(script.render())), (
        "planner/adapters/store/core_schema/ is stale: run python scripts/make_core_schema.py"
    )


def _demo_with_more(demo_at: DemoAt, path: Path) -> tuple[Planner, int]:
    app = demo_at(path)
    with app.workspace.write() as session:
        plan_id = session.exec(select(PlanRecord.id)).one()
        assert plan_id is not None
        ContractRepository(session).save(
            plan_id,
            Contract(
                id="jamespot",
                product="jamespot",
                annual_cost=Decimal("4800.10"),
                currency="EUR",
                start=dt.date(2026, 1, 1),
                end=dt.date(2026, 12, 31),
                seats=40,
                auto_renew=True,
            ),
        )
        AudienceRepository(session).save(
            plan_id,
            Audience(id="field-staff", name="Field staff", people=300, languages=("de", "pl")),
        )
        PilotRepository(session).set_weight(plan_id, Criterion.COST, 0.4)
        ContractRepository(session).save_step(
            plan_id,
            ExitMilestone(
                id="facebook-export",
                tool="facebook",
                step=next(iter(ExitStep)),
                title="Export the pages",
                due=dt.date(2027, 3, 1),
            ),
        )
    return app, plan_id


def test_core_reads_equal_the_definitions(demo_at: DemoAt, tmp_path: Path) -> None:
    app, plan_id = _demo_with_more(demo_at, tmp_path / "ws.sqlite")
    ws = app.workspace
    with ws.read() as session:
        tools = [
            Tool(
                slug=r.slug,
                **domain_values(ToolFields, r, Tool),
                **{n: getattr(r, n) for n in ("log_users", "survey_users", "requests")},
                bytes=r.bytes,
                blocked=r.blocked,
                version=r.version,
            )
            for r in session.exec(select(ToolRecord).order_by(ToolRecord.slug))
        ]
        risks = [
            Risk(id=r.slug, **domain_values(RiskFields, r, Risk), version=r.version)
            for r in session.exec(select(RiskRecord).order_by(RiskRecord.slug))
        ]
        contracts = [
            Contract(id=r.slug, **domain_values(ContractFields, r, Contract), version=r.version)
            for r in session.exec(select(ContractRecord))
        ]
        audiences = [
            Audience(id=r.slug, **domain_values(AudienceFields, r, Audience), version=r.version)
            for r in session.exec(select(AudienceRecord))
        ]
        steps = [
            ExitMilestone(
                id=r.slug, **domain_values(ExitStepFields, r, ExitMilestone), version=r.version
            )
            for r in session.exec(select(ExitStepRecord).order_by(ExitStepRecord.slug))
        ]
        reviews = {}
        for r in session.exec(select(VendorRecord)):
            values = domain_values(VendorFields, r, VendorReview)
            status = values["status_at_review"]
            values["status_at_review"] = VendorStatus(status) if status else None
            reviews[r.product] = VendorReview(product=r.product, **values)
    with ws.rows() as conn:
        assert reads.tools(conn, plan_id) == tools and len(tools) > 5
        assert [t.version for t in reads.tools(conn, plan_id)] == [t.version for t in tools]
        assert reads.risks(conn, plan_id) == risks and risks
        assert reads.contracts(conn, plan_id) == contracts and len(contracts) == 1
        assert reads.audiences(conn, plan_id) == audiences and len(audiences) == 1
        assert reads.vendor_reviews(conn, plan_id) == reviews and reviews
        assert reads.exit_steps(conn, plan_id) == steps
        assert reads.weights(conn, plan_id)[Criterion.COST] == 0.4
    # Typed as the domain wants them, not as stored.
    assert isinstance(contracts[0].annual_cost, Decimal)
    assert audiences[0].languages == ("de", "pl")


def test_core_reads_of_pilots_and_rollout_equal_the_definitions(
    demo_at: DemoAt, tmp_path: Path
) -> None:
    app, plan_id = _demo_with_more(demo_at, tmp_path / "ws.sqlite")
    with app.workspace.read() as session:
        pilots = []
        for r in session.exec(select(PilotRecord).order_by(PilotRecord.slug)):
            kpis = session.exec(
                select(PilotKpiRecord)
                .where(PilotKpiRecord.pilot_id == r.id)
                .order_by(PilotKpiRecord.kpi)
            )
            measured = session.exec(
                select(MeasurementRecord)
                .where(MeasurementRecord.pilot_id == r.id)
                .order_by(MeasurementRecord.on, MeasurementRecord.kpi)
            )
            pilots.append(
                Pilot(
                    id=r.slug,
                    **domain_values(PilotFields, r, Pilot),
                    criteria=tuple(Kpi(**domain_values(KpiFields, k, Kpi)) for k in kpis),
                    measurements=tuple(
                        Measurement(**domain_values(MeasurementFields, m, Measurement))
                        for m in measured
                    ),
                    version=r.version,
                )
            )
        features = [
            Feature(id=r.slug, **domain_values(FeatureFields, r, Feature), version=r.version)
            for r in session.exec(select(FeatureRecord).order_by(FeatureRecord.slug))
        ]
        trainings = []
        for r in session.exec(select(TrainingRecord).order_by(TrainingRecord.slug)):
            updates = session.exec(
                select(TrainingUpdateRecord)
                .where(TrainingUpdateRecord.training_id == r.id)
                .order_by(TrainingUpdateRecord.on, TrainingUpdateRecord.trained)
            )
            trainings.append(
                Training(
                    id=r.slug,
                    **domain_values(TrainingFields, r, Training),
                    updates=tuple(
                        TrainingUpdate(**domain_values(TrainingUpdateFields, u, TrainingUpdate))
                        for u in updates
                    ),
                    version=r.version,
                )
            )
        champions = [
            Champion(**domain_values(ChampionFields, r, Champion), pseudonym=r.pseudonym)
            for r in session.exec(
                select(ChampionRecord).order_by(ChampionRecord.department, ChampionRecord.name)
            )
        ]
        readiness = [
            Readiness(**domain_values(ReadinessFields, r, Readiness))
            for r in session.exec(
                select(ReadinessRecord).order_by(ReadinessRecord.department, ReadinessRecord.on)
            )
        ]
    with app.workspace.rows() as conn:
        assert reads_rollout.pilots(conn, plan_id) == pilots and pilots[0].measurements
        assert reads_rollout.features(conn, plan_id) == features and features
        got = reads_rollout.trainings(conn, plan_id)
        assert got == trainings and any(t.updates for t in trainings)
        assert [t.version for t in got] == [t.version for t in trainings]
        assert reads_rollout.champions(conn, plan_id) == champions and champions
        assert [c.pseudonym for c in reads_rollout.champions(conn, plan_id)] == [
            c.pseudonym for c in champions
        ]
        assert reads_rollout.readiness_of(conn, plan_id) == readiness and readiness
        assert reads_rollout.snapshots(conn, plan_id)  # the demo's two reports
