"""The plan as a reviewable document (DESIGN.md §4): built here, written by the adapters.

Determinism is the point: keys in a fixed order, lists sorted by id, ISO dates, no
database ids and no export timestamp, so that two exports of the same data give the same
bytes and a reviewer's diff shows only real changes.

A record's fields are written as stored, in its definition's order
(``planner.domain.records``), so a field added to a definition is exported with no change
here; only what the file adds — computed values, nested lists — is written by hand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from planner.adapters.files import write_atomic
from planner.adapters.store.adoption_repo import AdoptionRepository
from planner.adapters.store.db import Workspace
from planner.adapters.store.pilot_repo import PilotRepository
from planner.adapters.store.plan_store import record_versions, remember_export, stored_fields
from planner.adapters.store.plan_stream import stored_tools
from planner.adapters.store.privacy_repo import PrivacyRepository
from planner.adapters.store.repository import Repository
from planner.adapters.store.rollout_repo import RolloutRepository
from planner.adapters.yamlsafe import NotStreamable, dump_yaml, iter_yaml
from planner.domain.catalog import Catalog
from planner.domain.pilots import Pilot
from planner.domain.plan import Plan
from planner.domain.privacy import DataProtection
from planner.domain.records.adoption import ReadinessFields
from planner.domain.records.pilot import KpiFields, MeasurementFields
from planner.domain.records.rollout import ChampionFields, TrainingUpdateFields
from planner.domain.records.values import row_values
from planner.domain.rollout import Training
from planner.services.plans import Overview, overview
from planner.services.ranking import Ranking, rank_candidates

SCHEMA = "planner.plan/1"


def _record(
    key: dict[str, Any], fields: dict[str, Any], after: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A record of the file: its key, then its definition's fields as stored (in the
    definition's order), with the file-only values ``after`` names placed after a field."""
    out = dict(key)
    for name, value in fields.items():
        out[name] = value
        out |= (after or {}).get(name, {})
    return out


def _tool(slug: str, fields: dict[str, Any], users: int) -> dict[str, Any]:
    # users: computed (the larger of the logs' and the surveys'), after the capabilities
    return _record({"id": slug}, fields, {"capabilities": {"users": users}})


def _tools(
    ws: Workspace, plan_id: int, plan_name: str, versions: dict[str, int]
) -> Iterator[dict[str, Any]]:
    """The tools section, each record built as its row is read (see ``plan_stream``)."""
    for slug, fields, users in stored_tools(ws, plan_id, plan_name, versions):
        yield _tool(slug, fields, users)


LEADERS = 5  # candidates per use case the plan file shows; ``planner candidates`` has all


def _candidates(ranking: Ranking) -> list[dict[str, Any]]:
    """The leading candidates per use case (computed: ignored on import), by use case and
    rank. Only the leaders: with 180 catalog products every eligible one made 1,800 lines
    a reviewer scrolled past to reach the pilots, and an edit there changes nothing."""
    rows = [
        {
            "product": c.product,
            "use_case": lst.use_case.id,
            "score": round(c.score, 3),
            "rank": rank,
            # a sub-score standing in for an unknown (a cost nobody knows) is null
            "breakdown": {
                k.value: None if k in c.unknown else round(v, 3) for k, v in c.breakdown.items()
            },
        }
        for lst in ranking.lists
        for rank, c in enumerate((c for c in lst.candidates if c.eligible), start=1)
        if rank <= LEADERS
    ]
    return sorted(rows, key=lambda r: (r["use_case"], r["rank"]))


def _pilot(pilot: Pilot, fields: dict[str, Any]) -> dict[str, Any]:
    nested = {
        "criteria": [
            {**row_values(KpiFields, k), "actual": actual} for k, actual, _ in pilot.kpi_status()
        ],
        "measurements": [
            row_values(MeasurementFields, m)
            for m in sorted(pilot.measurements, key=lambda m: (m.on, m.kpi))
        ],
    }
    return _record({"id": pilot.id}, fields, {"end": nested})


def _training(training: Training, fields: dict[str, Any]) -> dict[str, Any]:
    updates = sorted(training.updates, key=lambda u: (u.on, u.trained))
    return _record(
        {"id": training.id},
        fields,
        {
            "audience": {"trained": training.trained},
            "owner": {"updates": [row_values(TrainingUpdateFields, u) for u in updates]},
        },
    )


def _protection(dp: DataProtection) -> dict[str, Any]:
    out = dp.as_dict()
    out["legal_basis"] = dp.legal_basis.value if dp.legal_basis else None
    return out


def plan_document(
    ws: Workspace, name: str | None, today: dt.date, catalog: Catalog | None = None
) -> dict[str, Any]:
    """The plan file's content; ``catalog`` adds the computed candidates section."""
    document = streamed_document(ws, name, today, catalog)
    document["tools"] = list(document["tools"])
    return document


def streamed_document(
    ws: Workspace,
    name: str | None,
    today: dt.date,
    catalog: Catalog | None = None,
    *,
    roadmap: bool = True,
) -> dict[str, Any]:
    """:func:`plan_document` with its tools section an iterator: each tool's record is
    read from the database as it is consumed (once), so a large plan is written or split
    without its tools ever held together. Consume it before the next write.

    ``roadmap=False`` leaves the computed roadmap empty: the overview that computes it
    reads every tool (1.3 s at 60,000), and a three-way import that has the remembered
    export compares a reviewer's roadmap with that export's, never with this one."""
    from planner.adapters.store.reads import sharing_tools

    with sharing_tools():  # the overview and the ranking read the tools once between them
        view = overview(ws, name, today) if roadmap else None
        plan = view.plan if view is not None else _plan(ws, name)
        ranking = rank_candidates(ws, catalog, plan.name, today) if catalog else None
    with ws.read() as session:
        repo = Repository(session)
        record = repo.plan_record(plan.name)
        assert record.id is not None
        needs = repo.needs(record.id)
        pilot_repo = PilotRepository(session)
        weights = pilot_repo.weights(record.id)
        pilots = pilot_repo.pilots(record.id)
        rollout_repo = RolloutRepository(session)
        trainings = rollout_repo.trainings(record.id)
        champions = rollout_repo.champions(record.id)
        stored = stored_fields(session, record.id, skip=("tools",))
        plan_id = record.id
        adoption = AdoptionRepository(session)
        assessments = adoption.readiness(record.id)
        snapshots = adoption.snapshots(record.id)
        people_per_champion = adoption.people_per_champion(record.id)
        protection = PrivacyRepository(session).get(record.id)
        base: dict[str, Any] = {"revision": record.version, **record_versions(session, record.id)}
    return {
        "schema": SCHEMA,
        "plan": {
            "name": plan.name,
            "organisation": plan.organisation,
            "owner": plan.owner,
            "start": plan.start,
            "eu_residency_required": plan.eu_residency_required,
            "people_per_champion": people_per_champion,
            "employees": plan.employees,
            "use_cases": list(plan.use_cases),
            "excluded_deployments": list(plan.excluded_deployments),
            # the organisation's profile: licences ("microsoft-365:E3") and countries
            "suites": list(plan.suites),
            "countries": list(plan.countries),
            # phase 1's first step, once recorded
            **({"data_protection": _protection(protection)} if protection else {}),
        },
        # Who the plan must reach: the ranking weighs each product's reach of them.
        "audiences": [
            _record({"id": a}, stored["audiences"][a]) for a in sorted(stored["audiences"])
        ],
        "roadmap": _roadmap(view) if view is not None else [],
        "tools": _tools(ws, plan_id, plan.name, base["tools"]),
        "needs": {
            "capabilities": dict(sorted(needs.items())),
            "criteria": {c.value: round(w, 4) for c, w in weights.items()},
        },
        "candidates": _candidates(ranking) if ranking is not None else [],
        "pilots": [_pilot(p, stored["pilots"][p.id]) for p in sorted(pilots, key=lambda p: p.id)],
        "features": [_record({"id": f}, stored["features"][f]) for f in sorted(stored["features"])],
        "training": [
            _training(t, stored["training"][t.id]) for t in sorted(trainings, key=lambda t: t.id)
        ],
        "champions": [
            row_values(ChampionFields, c)
            for c in sorted(champions, key=lambda c: (c.department, c.name))
        ],
        "readiness": [
            row_values(ReadinessFields, r)
            for r in sorted(assessments, key=lambda r: (r.department, r.on))
        ],
        # Activity reports as the aggregates kept: adoption curves, baselines.
        "activity": [s.as_fields() for s in snapshots],
        "vendors": [
            _record({"product": p}, stored["vendors"][p]) for p in sorted(stored["vendors"])
        ],
        "risks": [_record({"id": r}, stored["risks"][r]) for r in sorted(stored["risks"])],
        # Decisions on whole registrable domains, so a reviewer sees them.
        "triage": [_record({"domain": d}, stored["triage"][d]) for d in sorted(stored["triage"])],
        # Licence contracts: amounts as exact text ('12000.00'), per currency.
        "contracts": [
            _record({"id": c}, stored["contracts"][c]) for c in sorted(stored["contracts"])
        ],
        # Exit plans: each tool's dated steps, from announcing to cancelling.
        "exits": [_record({"id": e}, stored["exits"][e]) for e in sorted(stored["exits"])],
        # Last, for tools rather than reviewers: what this export was taken from (the plan's
        # revision and each record's version), so that an import merges three ways.
        "base": base,
    }


def _roadmap(view: Overview) -> list[dict[str, Any]]:
    return [
        {
            "phase": s.phase.value,
            "due": s.due,
            "progress": round(s.progress, 2),
            "status": s.status.value,
        }
        for s in view.phases
    ]


def computed_roadmap(ws: Workspace, name: str | None, today: dt.date) -> list[dict[str, Any]]:
    """The roadmap section alone, as :func:`streamed_document` writes it."""
    return _roadmap(overview(ws, name, today))


def _plan(ws: Workspace, name: str | None) -> Plan:
    """The plan's header alone (what the overview also gives)."""
    from planner.adapters.store import reads
    from planner.adapters.store.rows import plan_from_record

    with ws.rows() as conn:
        return plan_from_record(reads.plan_row(conn, name))


def base_digest(base: Any) -> str:
    """Names an export by its ``base`` section (the same base, the same digest)."""
    text = json.dumps(base, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_json(document: dict[str, Any]) -> str:
    return _dumps(document)


def plan_text(
    ws: Workspace,
    name: str | None,
    today: dt.date,
    catalog: Catalog | None = None,
    document: dict[str, Any] | None = None,
) -> str:
    """The plan file's text, each tool written as it is read. ``document``: one
    :func:`streamed_document` made already (its tools consumed): its tools are read again,
    not the rest (the overview and the ranking take seconds on a large plan)."""
    if document is None:
        document = streamed_document(ws, name, today, catalog)
    else:
        plan = document["plan"]["name"]
        with ws.read() as session:
            plan_id = Repository(session).plan_record(plan).id
        assert plan_id is not None
        document = {**document, "tools": _tools(ws, plan_id, plan, document["base"]["tools"])}
    try:
        return "".join(iter_yaml(document))
    except NotStreamable:
        return dump_yaml(plan_document(ws, name, today, catalog))


def render_plan(
    ws: Workspace, name: str | None, today: dt.date, catalog: Catalog | None = None
) -> str:
    return dump_yaml(plan_document(ws, name, today, catalog))


def default_export_path(plan_name: str, folder: Path | None = None) -> Path:
    """``plans/NAME.yaml`` (or NAME.yaml in ``folder``, the files folder the user set), only
    for a name that cannot steer the path (a workspace made before the plan-name rule may
    hold one that does: it must be exported with ``-o``)."""
    from planner.domain.plan import plan_name_problem
    from planner.errors import InputError

    problem = plan_name_problem(plan_name)
    if problem is not None:
        raise InputError(f"{problem}; export it with -o FILE: {plan_name[:120]!r}")
    return (folder or Path("plans")) / f"{plan_name}.yaml"


def export_plan(
    ws: Workspace,
    name: str | None,
    today: dt.date,
    path: Path | None,
    catalog: Catalog | None = None,
    folder: Path | None = None,
) -> Path:
    """Write the plan file atomically; returns where it went (``-`` for stdout). No
    ``path``: NAME.yaml in ``folder``, else in ``plans/``.

    The tools are written as they are read (``streamed_document``), each one's JSON noted
    on the way for the remembered export: a 60,000-tool plan is never held as a document,
    nor its YAML as one text."""
    document = streamed_document(ws, name, today, catalog)
    target = path if path is not None else default_export_path(document["plan"]["name"], folder)
    tools: list[str] = []
    document["tools"] = _noting(document["tools"], lambda record: tools.append(_dumps(record)))
    try:
        if str(target) == "-":  # what reached stdout cannot be taken back: written whole
            write_atomic(target, "".join(iter_yaml(document)))
        else:
            write_atomic(target, iter_yaml(document))
        text = _json_text(document, {"tools": tools})
    except NotStreamable:
        document = plan_document(ws, name, today, catalog)
        write_atomic(target, dump_yaml(document))
        text = document_json(document)
    tools.clear()
    plan, base = document["plan"]["name"], document["base"]
    del document
    _remember_text(ws, plan, base, today, text, None if str(target) == "-" else str(target))
    return target


def _noting(
    records: Iterator[dict[str, Any]], note: Callable[[dict[str, Any]], None]
) -> Iterator[dict[str, Any]]:
    """The records as they come, each noted on its way (to keep its text, not the record)."""
    for record in records:
        note(record)
        yield record


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))


def _json_text(document: dict[str, Any], parts: dict[str, list[str]]) -> str:
    """:func:`document_json` of ``document`` whose lists in ``parts`` are given as their
    items' JSON (the same text, joined once)."""
    out = ["{"]
    for key, value in document.items():
        if len(out) > 1:
            out.append(",")
        out.append(f"{_dumps(key)}:")
        if key in parts:
            out.append(f"[{','.join(parts[key])}]")
        else:
            out.append(_dumps(value))
    out.append("}")
    return "".join(out)


def remember(ws: Workspace, document: dict[str, Any], today: dt.date, path: str | None) -> None:
    """Keep the exported document in the workspace: the base of a three-way import, and
    what screen 6 compares the plan with."""
    text = document_json(document)
    _remember_text(ws, document["plan"]["name"], document["base"], today, text, path)


def _remember_text(
    ws: Workspace, plan: str, base: dict[str, Any], today: dt.date, text: str, path: str | None
) -> None:
    with ws.write() as session:
        record = Repository(session).plan_record(plan)
        assert record.id is not None
        remember_export(
            session, record.id, base_digest(base), int(base["revision"]), today, text, path
        )
