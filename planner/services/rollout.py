"""Phase 3: features in existing solutions, training milestones, champions, LMS imports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.adapters.sources.csv_input import read_rows, whole_number
from planner.adapters.store import reads, reads_rollout
from planner.adapters.store.db import Workspace
from planner.domain import rules
from planner.domain.catalog import Catalog
from planner.domain.plan import slugify
from planner.domain.roadmap import add_months
from planner.domain.rollout import (
    TARGET_SYSTEMS,
    Champion,
    Feature,
    FeatureStatus,
    Training,
    TrainingFormat,
    TrainingUpdate,
    propose_features,
)
from planner.errors import ConflictError, InputError, InputErrors, NotFoundError
from planner.services.locking import check_version

if TYPE_CHECKING:
    from planner.domain.records.rollout import FeatureChanges


def _plan(session: Any, plan: str | None) -> tuple[int, dt.date]:
    from planner.adapters.store.repository import Repository

    record = Repository(session).plan_record(plan)
    assert record.id is not None
    return record.id, record.start


def _check_due(due: dt.date | None, start: dt.date) -> None:
    problem = rules.outside_plan_year("due", due, start)
    if problem is not None:
        raise InputError(problem).about("due")


@dataclass(frozen=True)
class Rollout:
    features: list[Feature]
    trainings: list[Training]
    champions: list[Champion]


def rollout(ws: Workspace, plan: str | None) -> Rollout:
    with ws.rows() as conn:  # Core: the listings only read
        plan_id = reads.plan_id(conn, plan)
        return Rollout(
            reads_rollout.features(conn, plan_id),
            reads_rollout.trainings(conn, plan_id),
            reads_rollout.champions(conn, plan_id),
        )


# Features --------------------------------------------------------------------------------------
def _feature_fields(catalog: Catalog, fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if value is None:
            continue
        if key == "status":
            try:
                out[key] = FeatureStatus(value)
            except ValueError:
                raise InputError(f"status must be one of {', '.join(FeatureStatus)}") from None
        elif key == "target_system":
            if value not in TARGET_SYSTEMS:
                raise InputError(f"target system must be one of {', '.join(TARGET_SYSTEMS)}")
            out[key] = value
        elif key == "product":
            if value and catalog.get(value) is None:
                raise InputError(f"no product '{value}' in the catalog")
            out[key] = value or None
        elif key == "departments":
            out[key] = tuple(sorted({d.strip() for d in value if d.strip()}))
        elif key in ("title", "due", "owner"):
            out[key] = value
        else:
            raise InputError(f"cannot change {key}")
    return out


def add_feature(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    title: str,
    fields: FeatureChanges | None = None,
) -> Feature:
    """A feature titled ``title``, with the other fields ``fields`` sets (None: defaults)."""

    from planner.adapters.store.rollout_repo import RolloutRepository

    if not title.strip():
        raise InputError("a feature needs a title")
    given = fields.model_dump(exclude_unset=True) if fields is not None else {}
    cleaned = _feature_fields(catalog, given)
    feature = replace(Feature(id=slugify(title), title=title.strip()), **cleaned)
    with ws.write() as session:
        plan_id, start = _plan(session, plan)
        _check_due(feature.due, start)
        repo = RolloutRepository(session)
        if any(f.id == feature.id for f in repo.features(plan_id)):
            raise ConflictError(f"the plan already has a feature '{feature.id}'")
        repo.save_feature(plan_id, feature)
    return feature


def update_feature(
    ws: Workspace, catalog: Catalog, plan: str | None, feature_id: str, changes: FeatureChanges
) -> Feature:
    """Change the fields ``changes`` sets (None: keep)."""

    from planner.adapters.store.rollout_repo import RolloutRepository

    cleaned = _feature_fields(catalog, changes.model_dump(exclude_unset=True))
    with ws.write() as session:
        plan_id, start = _plan(session, plan)
        repo = RolloutRepository(session)
        current = next((f for f in repo.features(plan_id) if f.id == feature_id), None)
        if current is None:
            raise NotFoundError(f"no feature '{feature_id}' in this plan")
        updated = replace(current, **cleaned)
        _check_due(updated.due, start)
        repo.save_feature(plan_id, updated)
    return updated


def propose_from_pilot(
    session: Any, catalog: Catalog, plan_id: int, plan_start: dt.date, pilot_id: str
) -> list[str]:
    """Plan the features an adopted pilot proposes (those not planned yet), due nine months
    into the plan; returns their ids. Runs inside the caller's unit of work."""
    from planner.adapters.store.pilot_repo import PilotRepository
    from planner.adapters.store.repository import Repository
    from planner.adapters.store.rollout_repo import RolloutRepository

    pilot = next(p for p in PilotRepository(session).pilots(plan_id) if p.id == pilot_id)
    product = catalog.get(pilot.product)
    if product is None:
        return []
    names = {c.id: c.name for c in catalog.capabilities.values()}
    repo = RolloutRepository(session)
    existing = {f.id for f in repo.features(plan_id)}
    proposed = [
        f
        for f in propose_features(
            product,
            Repository(session).needs(plan_id),
            pilot.departments,
            add_months(plan_start, 9),
            pilot.id,
            names,
        )
        if f.id not in existing
    ]
    for feature in proposed:
        repo.save_feature(plan_id, feature)
    return [f.id for f in proposed]


# Training --------------------------------------------------------------------------------------
def add_training(
    ws: Workspace,
    plan: str | None,
    title: str,
    department: str,
    audience: int,
    *,
    format: str = "workshop",
    due: dt.date | None = None,
    owner: str | None = None,
) -> Training:
    from planner.adapters.store.rollout_repo import RolloutRepository

    if not title.strip() or not department.strip():
        raise InputError("a training milestone needs a title and a department")
    if audience <= 0:
        raise InputError("the audience must be a positive headcount")
    try:
        fmt = TrainingFormat(format)
    except ValueError:
        raise InputError(f"format must be one of {', '.join(TrainingFormat)}") from None
    training = Training(
        id=slugify(title),
        title=title.strip(),
        department=department.strip(),
        audience=audience,
        format=fmt,
        due=due,
        owner=owner,
    )
    with ws.write() as session:
        plan_id, start = _plan(session, plan)
        _check_due(due, start)
        repo = RolloutRepository(session)
        if any(t.id == training.id for t in repo.trainings(plan_id)):
            raise ConflictError(f"the plan already has a training milestone '{training.id}'")
        repo.save_training(plan_id, training)
    return training


def _record(training: Training, trained: int, on: dt.date) -> Training:
    problem = rules.trained_problem(trained, training.audience)
    if problem is not None:
        raise InputError(problem).about("trained")
    return replace(training, updates=(*training.updates, TrainingUpdate(on, trained)))


def update_training(
    ws: Workspace,
    plan: str | None,
    training_id: str,
    trained: int,
    on: dt.date,
    expected_version: int | None = None,
) -> Training:
    """Record how many people are trained so far, as of ``on``; with ``expected_version``,
    refuse if someone recorded an update since (StaleEditError)."""
    from planner.adapters.store.rollout_repo import RolloutRepository

    with ws.write() as session:
        plan_id, _ = _plan(session, plan)
        repo = RolloutRepository(session)
        repo.lock_training(plan_id, training_id)
        current = next((t for t in repo.trainings(plan_id) if t.id == training_id), None)
        if current is None:
            raise NotFoundError(f"no training milestone '{training_id}' in this plan")
        check_version(
            f"training milestone '{training_id}'", current, expected_version, {"trained": trained}
        )
        updated = _record(current, trained, on)
        repo.save_training(plan_id, updated)
    return replace(updated, version=current.version + 1)


LMS_COLUMNS = {
    "milestone": ("milestoneid", "training", "trainingid", "course", "courseid", "id"),
    "department": ("dept", "service", "team"),
    "trained": ("completed", "completions", "count", "learners", "numbertrained"),
    "date": ("on", "completiondate", "asof", "day"),
}


def import_lms(
    ws: Workspace, plan: str | None, path: Path, encoding: str | None = None
) -> list[Training]:
    """Bulk updates from an LMS export, all or nothing; every bad row is reported.
    ``encoding`` forces the file's encoding (detected otherwise)."""
    from planner.adapters.store.rollout_repo import RolloutRepository

    rows = list(read_rows(path, LMS_COLUMNS, ["trained"], encoding=encoding))
    where = str(path)
    errors: list[InputError] = []
    with ws.write() as session:
        plan_id, _ = _plan(session, plan)
        repo = RolloutRepository(session)
        trainings = {t.id: t for t in repo.trainings(plan_id)}
        by_department: dict[str, list[str]] = {}
        for t in trainings.values():
            by_department.setdefault(t.department.casefold(), []).append(t.id)
        changed: dict[str, Training] = {}
        for row in rows:
            v = row.values
            try:
                target = _lms_target(v, trainings, by_department)
                trained_text = v.get("trained", "")
                trained = whole_number(trained_text)
                if trained is None:
                    raise InputError(f"trained: expected a whole number, got {trained_text!r}")
                try:
                    on = (
                        dt.date.fromisoformat(v.get("date", ""))
                        if v.get("date")
                        else dt.date.today()
                    )
                except ValueError:
                    raise InputError(f"date: expected YYYY-MM-DD, got {v.get('date')!r}") from None
                current = changed.get(target, trainings[target])
                changed[target] = _record(current, trained, on)
            except InputError as exc:
                errors.append(InputError(exc.message, file=where, line=row.line))
        if errors:
            raise InputErrors(errors)  # the write unit rolls back: nothing lands
        if not rows:
            raise InputError("no rows to import", file=where)
        for training in changed.values():
            repo.save_training(plan_id, training)
    return list(changed.values())


def _lms_target(
    values: dict[str, str], trainings: dict[str, Training], by_department: dict[str, list[str]]
) -> str:
    milestone = values.get("milestone", "")
    if milestone:
        if milestone not in trainings:
            raise InputError(f"no training milestone '{milestone}' in this plan")
        return milestone
    department = values.get("department", "")
    if not department:
        raise InputError("give a milestone id or a department")
    matches = by_department.get(department.casefold(), [])
    if not matches:
        raise InputError(f"no training milestone for department '{department}'")
    if len(matches) > 1:
        raise InputError(
            f"department '{department}' has {len(matches)} milestones "
            f"({', '.join(sorted(matches))}): give the milestone id"
        )
    return matches[0]


def add_champion(
    ws: Workspace,
    plan: str | None,
    department: str,
    name: str,
    *,
    account: str | None = None,
    key: bytes | None = None,
) -> Champion:
    """Name a champion; with ``account`` (their user name in activity reports, pseudonymised
    with ``key`` at once, never stored) their own activity is found in reports."""
    from planner.adapters.store.rollout_repo import RolloutRepository

    if not department.strip() or not name.strip():
        raise InputError("a champion needs a department and a role or initials")
    pseudonym = None
    if account and account.strip() and key is not None:
        from planner.adapters.store.keys import pseudonymise

        pseudonym = pseudonymise(key, account)
    champion = Champion(department.strip(), name.strip(), pseudonym)
    with ws.write() as session:
        plan_id, _ = _plan(session, plan)
        RolloutRepository(session).add_champion(plan_id, champion)
    return champion


def timeline(
    ws: Workspace, plan: str | None, today: dt.date, catalog: Catalog | None = None
) -> tuple[dt.date, list[Any]]:
    """The plan's start and its timeline rows (phases, pilots, features, training,
    contracts: a product no tool uses is named as ``catalog`` spells it)."""
    from planner.domain.timeline import timeline_rows
    from planner.services.contracts import contract_windows
    from planner.services.plans import overview

    view = overview(ws, plan, today)
    with ws.rows() as conn:  # Core: only reads
        plan_id = reads.plan_id(conn, view.plan.name)
        pilots = reads_rollout.pilots(conn, plan_id)
        features = reads_rollout.features(conn, plan_id)
        trainings = reads_rollout.trainings(conn, plan_id)
        contracts = contract_windows(conn, plan_id, view.tools, today, catalog)
    return view.plan.start, timeline_rows(
        view.plan.start, view.phases, pilots, features, trainings, today, contracts
    )


def timeline_text(
    ws: Workspace,
    plan: str | None,
    today: dt.date,
    width: int = 60,
    catalog: Catalog | None = None,
) -> str:
    from planner.domain.timeline import render_text

    start, rows = timeline(ws, plan, today, catalog)
    return render_text(rows, start, today, width=max(24, width))
