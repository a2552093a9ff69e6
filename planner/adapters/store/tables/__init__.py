"""SQLModel table classes: how plans are stored, kept apart from the domain classes.

Screens and services get domain objects (``planner.domain``); only the adapters see these
records. A record a reviewer edits (a pilot, a risk, …) is a table class built on its
definition in ``planner.domain.records`` — the definition brings the reviewable columns,
the table adds what storage needs (ids, the plan, a version, evidence counts). Lists
(purposes, departments, sources) are JSON columns: they are small, always read whole, and
JSON works the same on SQLite and PostgreSQL.

One module per area; importing this package registers every table in the metadata.
"""

from planner.adapters.store.tables.audiences import AudienceRecord
from planner.adapters.store.tables.contracts import ContractRecord, ExitStepRecord
from planner.adapters.store.tables.evidence import (
    ActivityRecord,
    HostDomainRecord,
    HostRecord,
    ImportRecord,
    PersonRecord,
    PurgedUsersRecord,
    PurgeRecord,
    SurveyAnswerRecord,
)
from planner.adapters.store.tables.inventory import (
    CriterionRecord,
    NeedRecord,
    RiskRecord,
    ToolRecord,
    TriageRuleRecord,
    VendorRecord,
)
from planner.adapters.store.tables.pilots import MeasurementRecord, PilotKpiRecord, PilotRecord
from planner.adapters.store.tables.rollout import (
    ChampionRecord,
    DataProtectionRecord,
    FeatureRecord,
    ReadinessRecord,
    RolloutSettingRecord,
    TrainingRecord,
    TrainingUpdateRecord,
)
from planner.adapters.store.tables.workspace import (
    MetaRecord,
    PlanExportRecord,
    PlanRecord,
    plan_fk,
)

__all__ = [
    "ActivityRecord",
    "AudienceRecord",
    "ChampionRecord",
    "ContractRecord",
    "CriterionRecord",
    "DataProtectionRecord",
    "ExitStepRecord",
    "FeatureRecord",
    "HostDomainRecord",
    "HostRecord",
    "ImportRecord",
    "MeasurementRecord",
    "MetaRecord",
    "NeedRecord",
    "PersonRecord",
    "PilotKpiRecord",
    "PilotRecord",
    "PlanExportRecord",
    "PlanRecord",
    "PurgeRecord",
    "PurgedUsersRecord",
    "ReadinessRecord",
    "RiskRecord",
    "RolloutSettingRecord",
    "SurveyAnswerRecord",
    "ToolRecord",
    "TrainingRecord",
    "TrainingUpdateRecord",
    "TriageRuleRecord",
    "VendorRecord",
    "plan_fk",
]
