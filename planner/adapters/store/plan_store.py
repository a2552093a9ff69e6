"""Replace a plan's reviewable content with a validated plan file, in bulk.

Used by the plan import: inside the caller's transaction, each section's rows are deleted
and the file's rows inserted with one executemany per table (a 10,000-tool plan is 10,000
rows, not 10,000 ORM objects). Evidence the file does not carry is kept: the host
aggregates and pseudonym sets, and each tool's log-derived counts (users, requests, bytes).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlmodel import Session, SQLModel

from planner.adapters.plan_schema import PlanFile
from planner.adapters.store import tables
from planner.adapters.store.plan_store_adoption import replace_adoption


def _t(model: Any) -> Table:
    return SQLModel.metadata.tables[model.__tablename__]


TOOL = _t(tables.ToolRecord)
NEED = _t(tables.NeedRecord)
CRITERION = _t(tables.CriterionRecord)
PILOT = _t(tables.PilotRecord)
KPI = _t(tables.PilotKpiRecord)
MEASUREMENT = _t(tables.MeasurementRecord)
FEATURE = _t(tables.FeatureRecord)
TRAINING = _t(tables.TrainingRecord)
UPDATE = _t(tables.TrainingUpdateRecord)
VENDOR = _t(tables.VendorRecord)
RISK = _t(tables.RiskRecord)
RULE = _t(tables.TriageRuleRecord)


def _insert(session: Session, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    """executemany in chunks of 5,000 rows, taken from ``rows`` as they come: a generator
    of 60,000 tool rows never exists as one list (that list alone was ~70 MB)."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, 5000)):
        session.execute(insert(table), chunk)


def _versions(session: Session, table: Table, plan_id: int) -> dict[str, int]:
    query = select(table.c.slug, table.c.version).where(table.c.plan_id == plan_id)
    return {slug: version for slug, version in session.execute(query)}


def _tool_rows(
    plan_id: int,
    pf: PlanFile,
    evidence: dict[str, tuple[int, int, int, int, int, int]],
    versions: dict[str, int] | None,
) -> Iterator[dict[str, Any]]:
    for t in pf.tools:
        log_users, survey_users, requests, size, version, blocked = evidence.get(
            t.id, (0, t.users, 0, 0, 0, 0)
        )
        yield {
            "plan_id": plan_id,
            "slug": t.id,
            "name": t.name,
            "product": t.product,
            "category": t.category.value if t.category else None,
            "status": t.status.value,
            "classified": t.classified,
            "purposes": sorted(t.purposes),
            "departments": sorted(t.departments),
            "capabilities": sorted(t.capabilities),
            "log_users": log_users,
            "survey_users": survey_users,
            "requests": requests,
            "bytes": size,
            "blocked": blocked,
            "sources": sorted(t.sources),
            "first_seen": t.first_seen,
            "last_seen": t.last_seen,
            "owner": t.owner,
            "notes": t.notes,
            "version": version + 1 if versions is None else versions.get(t.id, 1),
        }


def replace_content(
    session: Session,
    plan_id: int,
    pf: PlanFile,
    versions: dict[str, dict[str, int]] | None = None,
) -> None:
    """``versions``: each record's version after the import, per section (a record the
    import did not change keeps its own); by default every record's version goes up."""

    def version(section: str, ident: str, old: dict[str, int]) -> int:
        if versions is None:
            return old.get(ident, 0) + 1
        return versions.get(section, {}).get(ident, 1)

    # Tools: keep each tool's evidence counts, take everything else from the file.
    evidence = {
        slug: (log_users, survey_users, requests, size, version, blocked)
        for slug, log_users, survey_users, requests, size, version, blocked in session.execute(
            select(
                TOOL.c.slug,
                TOOL.c.log_users,
                TOOL.c.survey_users,
                TOOL.c.requests,
                TOOL.c.bytes,
                TOOL.c.version,
                TOOL.c.blocked,
            ).where(TOOL.c.plan_id == plan_id)
        )
    }
    session.execute(delete(TOOL).where(TOOL.c.plan_id == plan_id))
    _insert(
        session,
        TOOL,
        _tool_rows(plan_id, pf, evidence, None if versions is None else versions.get("tools", {})),
    )

    session.execute(delete(NEED).where(NEED.c.plan_id == plan_id))
    _insert(
        session,
        NEED,
        [
            {"plan_id": plan_id, "capability": c, "weight": w}
            for c, w in pf.needs.capabilities.items()
            if w > 0
        ],
    )
    session.execute(delete(CRITERION).where(CRITERION.c.plan_id == plan_id))
    _insert(
        session,
        CRITERION,
        [
            {"plan_id": plan_id, "criterion": c.value, "weight": w}
            for c, w in pf.needs.criteria.items()
        ],
    )

    pilot_versions = _versions(session, PILOT, plan_id)
    session.execute(delete(PILOT).where(PILOT.c.plan_id == plan_id))  # cascades to KPIs
    _insert(
        session,
        PILOT,
        [
            {
                "plan_id": plan_id,
                "slug": p.id,
                "product": p.product,
                "title": p.title,
                "departments": sorted(p.departments),
                "users": p.users,
                "sponsor": p.sponsor,
                "start": p.start,
                "end": p.end,
                "status": p.status.value,
                "decision": p.decision.value if p.decision else None,
                "rationale": p.rationale,
                "decided_on": p.decided_on,
                "version": version("pilots", p.id, pilot_versions),
            }
            for p in pf.pilots
        ],
    )
    pilot_ids = dict(
        session.execute(select(PILOT.c.slug, PILOT.c.id).where(PILOT.c.plan_id == plan_id)).all()
    )
    _insert(
        session,
        KPI,
        [
            {"pilot_id": pilot_ids[p.id], "kpi": k.kpi, "target": k.target}
            for p in pf.pilots
            for k in p.criteria
        ],
    )
    _insert(
        session,
        MEASUREMENT,
        [
            {
                "pilot_id": pilot_ids[p.id],
                "kpi": m.kpi,
                "on": m.on,
                "value": m.value,
                "source": m.source,
            }
            for p in pf.pilots
            for m in p.measurements
        ],
    )

    feature_versions = _versions(session, FEATURE, plan_id)
    session.execute(delete(FEATURE).where(FEATURE.c.plan_id == plan_id))
    _insert(
        session,
        FEATURE,
        [
            {
                "plan_id": plan_id,
                "slug": f.id,
                "title": f.title,
                "product": f.product,
                "target_system": f.target_system,
                "departments": sorted(f.departments),
                "due": f.due,
                "owner": f.owner,
                "status": f.status.value,
                "pilot": f.pilot,
                "version": version("features", f.id, feature_versions),
            }
            for f in pf.features
        ],
    )

    training_versions = _versions(session, TRAINING, plan_id)
    session.execute(delete(TRAINING).where(TRAINING.c.plan_id == plan_id))
    _insert(
        session,
        TRAINING,
        [
            {
                "plan_id": plan_id,
                "slug": t.id,
                "title": t.title,
                "department": t.department,
                "audience": t.audience,
                "format": t.format.value,
                "due": t.due,
                "owner": t.owner,
                "version": version("training", t.id, training_versions),
            }
            for t in pf.training
        ],
    )
    training_ids = dict(
        session.execute(
            select(TRAINING.c.slug, TRAINING.c.id).where(TRAINING.c.plan_id == plan_id)
        ).all()
    )
    _insert(
        session,
        UPDATE,
        [
            {"training_id": training_ids[t.id], "on": u.on, "trained": u.trained}
            for t in pf.training
            for u in t.updates
        ],
    )

    replace_adoption(session, plan_id, pf)

    vendor_versions = {
        product: v
        for product, v in session.execute(
            select(VENDOR.c.product, VENDOR.c.version).where(VENDOR.c.plan_id == plan_id)
        )
    }
    session.execute(delete(VENDOR).where(VENDOR.c.plan_id == plan_id))
    _insert(
        session,
        VENDOR,
        [
            {
                "plan_id": plan_id,
                "product": v.product,
                "shortlisted": v.shortlisted,
                "rating": v.rating.value if v.rating else None,
                "note": v.note,
                "reviewer": v.reviewer,
                "reviewed_on": v.reviewed_on,
                "status_at_review": v.status_at_review,
                "version": version("vendors", v.product, vendor_versions),
            }
            for v in pf.vendors
        ],
    )

    risk_versions = _versions(session, RISK, plan_id)
    session.execute(delete(RISK).where(RISK.c.plan_id == plan_id))
    _insert(
        session,
        RISK,
        [
            {
                "plan_id": plan_id,
                "slug": r.id,
                "title": r.title,
                "likelihood": r.likelihood.value,
                "impact": r.impact.value,
                "mitigation": r.mitigation,
                "owner": r.owner,
                "status": r.status.value,
                "evidence": r.evidence,
                "version": version("risks", r.id, risk_versions),
            }
            for r in pf.risks
        ],
    )

    session.execute(delete(RULE).where(RULE.c.plan_id == plan_id))
    _insert(
        session,
        RULE,
        [
            {"plan_id": plan_id, "domain": r.domain, "decision": r.decision, "tool": r.tool}
            for r in pf.triage
        ],
    )


# --- the base an export records (issue 14) -------------------------------------------
# Section of the plan file -> (table, the column that is the record's id in the file).
VERSIONED: dict[str, tuple[Table, str]] = {
    "tools": (TOOL, "slug"),
    "pilots": (PILOT, "slug"),
    "features": (FEATURE, "slug"),
    "training": (TRAINING, "slug"),
    "vendors": (VENDOR, "product"),
    "risks": (RISK, "slug"),
}
EXPORT = _t(tables.PlanExportRecord)
KEEP_EXPORTS = 20


def record_versions(session: Session, plan_id: int) -> dict[str, dict[str, int]]:
    """Each record's version per section, sorted by id (the export's ``base``)."""
    versions: dict[str, dict[str, int]] = {}
    for section, (table, key) in VERSIONED.items():
        query = select(table.c[key], table.c.version).where(table.c.plan_id == plan_id)
        versions[section] = dict(sorted((k, v) for k, v in session.execute(query)))
    return versions


def remember_export(
    session: Session,
    plan_id: int,
    digest: str,
    revision: int,
    exported_on: Any,
    document: str,
    path: str | None,
) -> None:
    """Keep what an export wrote (replacing the same base's earlier row); the latest
    ``KEEP_EXPORTS`` per plan are kept."""
    session.execute(
        delete(EXPORT).where(EXPORT.c.plan_id == plan_id, EXPORT.c.base_digest == digest)
    )
    session.execute(
        insert(EXPORT),
        [
            {
                "plan_id": plan_id,
                "base_digest": digest,
                "revision": revision,
                "exported_on": exported_on,
                "path": path,
                "document": document,
            }
        ],
    )
    ids = [
        row[0]
        for row in session.execute(
            select(EXPORT.c.id).where(EXPORT.c.plan_id == plan_id).order_by(EXPORT.c.id.desc())
        )
    ]
    if len(ids) > KEEP_EXPORTS:
        session.execute(delete(EXPORT).where(EXPORT.c.id.in_(ids[KEEP_EXPORTS:])))


def find_export(
    session: Session, plan_id: int, digest: str | None = None
) -> tuple[str, Any, str | None] | None:
    """(document JSON, exported_on, path) of the export with that base, or the latest."""
    query = select(EXPORT.c.document, EXPORT.c.exported_on, EXPORT.c.path).where(
        EXPORT.c.plan_id == plan_id
    )
    if digest is not None:
        query = query.where(EXPORT.c.base_digest == digest)
    row = session.execute(query.order_by(EXPORT.c.id.desc()).limit(1)).first()
    return None if row is None else (row[0], row[1], row[2])


def export_paths(session: Session, plan_id: int) -> list[tuple[str, str]]:
    """(path, document JSON) of each remembered export written to a file, newest first."""
    query = (
        select(EXPORT.c.path, EXPORT.c.document)
        .where(EXPORT.c.plan_id == plan_id, EXPORT.c.path.is_not(None))
        .order_by(EXPORT.c.id.desc())
    )
    return [(row[0], row[1]) for row in session.execute(query)]
