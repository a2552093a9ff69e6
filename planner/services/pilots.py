"""Phase 2c: needs and weights, and pilots run to a decision.

The candidates ranked on the needs and weights are in ``services.ranking``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from planner.adapters.store import reads, reads_rollout
from planner.adapters.store.db import Workspace
from planner.adapters.store.rows import plan_from_record
from planner.domain import rules, scoring
from planner.domain.benefits import BENEFITS
from planner.domain.benefits import suggest_needs as suggest_needs_for
from planner.domain.catalog import Catalog
from planner.domain.inventory import coverage, gaps
from planner.domain.pilots import (
    KPIS,
    Decision,
    Kpi,
    Measurement,
    Pilot,
    PilotStatus,
    check_dates,
    check_decision,
    check_transition,
    decided_status,
    window_warning,
)
from planner.domain.plan import slugify
from planner.domain.roadmap import Phase, phase_window
from planner.domain.use_cases import banned, banned_note
from planner.errors import ConflictError, InputError, NotFoundError
from planner.services.locking import check_version

if TYPE_CHECKING:
    from planner.domain.records.pilot import PilotChanges


def _plan_id(session: Any, plan: str | None) -> int:
    return reads.plan_id(session, plan)


def refuse_banned(session: Any, plan_id: int, product: str, name: str, doing: str) -> None:
    """Piloting or adopting a product the plan bans is refused until the ban is lifted."""
    from planner.adapters.store.repository import Repository

    for tool in banned(Repository(session).tools(plan_id), product):
        raise InputError(
            f"{name} is {banned_note(tool)}: it cannot be {doing} until the ban is lifted "
            f"(planner tools set {tool.slug} --status tolerated)"
        )


def set_weights(ws: Workspace, plan: str | None, weights: Mapping[str, float]) -> None:
    from planner.adapters.store.pilot_repo import PilotRepository

    parsed = {}
    for name, value in weights.items():
        try:
            criterion = scoring.Criterion(name)
        except ValueError:
            raise InputError(
                f"unknown criterion '{name}' (known: {', '.join(scoring.Criterion)})"
            ) from None
        if not 0 <= value <= 10:
            raise InputError(f"{name}: a weight goes from 0 to 10")
        parsed[criterion] = value
    with ws.write() as session:
        plan_id = _plan_id(session, plan)
        repo = PilotRepository(session)
        for criterion, value in parsed.items():
            repo.set_weight(plan_id, criterion, value)


def suggest_needs(
    ws: Workspace, catalog: Catalog, plan: str | None, benefits: Sequence[str], apply: bool = False
) -> dict[str, int]:
    """Capability weights suggested from the benefits targeted and the inventory's gaps."""
    from planner.adapters.store.repository import Repository

    unknown = [b for b in benefits if b not in BENEFITS]
    if unknown:
        raise InputError(f"unknown benefit '{unknown[0]}' (known: {', '.join(BENEFITS)})")
    with ws.read() as session:
        repo = Repository(session)
        plan_id = _plan_id(session, plan)
        current = repo.needs(plan_id)
        found = gaps(current, coverage(repo.tools(plan_id), catalog))
    suggested = suggest_needs_for(benefits, found, current)
    if apply:
        with ws.write() as session:
            repo = Repository(session)
            plan_id = _plan_id(session, plan)
            for capability, weight in suggested.items():
                repo.set_need(plan_id, capability, weight)
    return suggested


# Pilots ----------------------------------------------------------------------------------------
def list_pilots(ws: Workspace, plan: str | None) -> list[Pilot]:
    with ws.rows() as conn:  # Core: the listing commands only read
        return reads_rollout.pilots(conn, reads.plan_id(conn, plan))


def get_pilot(ws: Workspace, plan: str | None, pilot_id: str) -> Pilot:
    for pilot in list_pilots(ws, plan):
        if pilot.id == pilot_id:
            return pilot
    raise NotFoundError(f"no pilot '{pilot_id}' in this plan")


def parse_kpis(items: Sequence[str]) -> tuple[Kpi, ...]:
    """``kpi=target`` pairs from the command line or a form."""
    kpis = []
    for item in items:
        name, _, target = item.partition("=")
        name = name.strip()
        if name not in KPIS:
            raise InputError(f"unknown KPI '{name}' (known: {', '.join(KPIS)})")
        try:
            value = float(target)
        except ValueError:
            raise InputError(f"{name}: the target must be a number, got {target!r}") from None
        problem = rules.kpi_value_problem(name, value)
        if problem is not None:
            raise InputError(problem)
        kpis.append(Kpi(name, value))
    return tuple(kpis)


def _dates(
    session: Any, plan: str | None, start: dt.date | None, end: dt.date | None
) -> str | None:
    from planner.adapters.store.repository import Repository

    record = Repository(session).plan_record(plan)
    plan_obj = plan_from_record(record)
    check_dates(start, end, plan_obj.start)
    return window_warning(start, end, phase_window(plan_obj.start, Phase.INVENTORY))


def add_pilot(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    product: str,
    fields: PilotChanges | None = None,
    *,
    kpis: Sequence[Kpi] = (),
) -> tuple[Pilot, str | None]:
    """A pilot of a candidate product; returns it and a warning about its dates, if any.
    ``fields``: what the user gave (the title defaults to the product's name)."""

    from planner.adapters.store.pilot_repo import PilotRepository

    chosen = catalog.get(product)
    if chosen is None:
        raise InputError(f"no product '{product}' in the catalog")
    if chosen.strategy.status.value == "retired":
        raise InputError(f"{chosen.name} is retired: it cannot be piloted")
    if chosen.strategy.status.value == "renamed":
        successor = catalog.get(chosen.strategy.successor or "")
        raise InputError(
            f"{chosen.name} was renamed {successor.name if successor else 'another product'}: "
            f"pilot {chosen.strategy.successor} instead"
        )
    given = _given(fields)
    if given.get("users", 0) < 0:
        raise InputError("users cannot be negative")
    title = (given.pop("title", None) or f"{chosen.name} pilot").strip()
    pilot = Pilot(id=slugify(title), product=product, title=title, criteria=tuple(kpis), **given)
    with ws.write() as session:
        warning = _dates(session, plan, pilot.start, pilot.end)
        plan_id = _plan_id(session, plan)
        refuse_banned(session, plan_id, product, chosen.name, "piloted")
        repo = PilotRepository(session)
        if any(p.id == pilot.id for p in repo.pilots(plan_id)):
            raise ConflictError(f"the plan already has a pilot '{pilot.id}'")
        repo.save(plan_id, pilot)
    return pilot, warning


def _update(
    ws: Workspace,
    plan: str | None,
    pilot_id: str,
    change: Any,
    expected_version: int | None = None,
) -> tuple[Pilot, str | None]:
    """Read-check-write one pilot in a transaction, its row locked; optimistic version check."""
    from planner.adapters.store.pilot_repo import PilotRepository
    from planner.domain.records.pilot import PilotChanges

    with ws.write() as session:
        plan_id = _plan_id(session, plan)
        repo = PilotRepository(session)
        repo.lock(plan_id, pilot_id)
        current = next((p for p in repo.pilots(plan_id) if p.id == pilot_id), None)
        if current is None:
            raise NotFoundError(f"no pilot '{pilot_id}' in this plan")
        updated = change(current)
        check_version(
            f"pilot '{pilot_id}'",
            current,
            expected_version,
            {
                k: getattr(updated, k)
                for k in (*PilotChanges.model_fields, "status", "criteria", "decision")
            },
        )
        warning = _dates(session, plan, updated.start, updated.end)
        repo.save(plan_id, updated)
    return replace(updated, version=current.version + 1), warning


def _given(fields: PilotChanges | None) -> dict[str, Any]:
    """The fields a user set (None: not given), checked and cleaned as a pilot takes them."""
    if fields is None:
        return {}
    given = {k: v for k, v in fields.model_dump(exclude_unset=True).items() if v is not None}
    if "departments" in given:
        given["departments"] = tuple(d.strip() for d in given["departments"] if d.strip())
    return given


def update_pilot(
    ws: Workspace,
    plan: str | None,
    pilot_id: str,
    fields: PilotChanges | None = None,
    *,
    criteria: Sequence[Kpi] | None = None,
    status: str | None = None,
    expected_version: int | None = None,
) -> tuple[Pilot, str | None]:
    """Change a pilot's fields (those ``fields`` sets), its KPIs, or move its status along
    the lifecycle."""

    new_status = None
    if status is not None:
        try:
            new_status = PilotStatus(status)
        except ValueError:
            raise InputError(f"status must be one of {', '.join(PilotStatus)}") from None
    values = _given(fields)
    if criteria is not None:
        values["criteria"] = tuple(criteria)

    def change(pilot: Pilot) -> Pilot:
        if new_status is not None:
            check_transition(pilot.status, new_status)
        return replace(pilot, status=new_status or pilot.status, **values)

    return _update(ws, plan, pilot_id, change, expected_version)


def measure(
    ws: Workspace, plan: str | None, pilot_id: str, kpi: str, value: float, on: dt.date
) -> Pilot:
    """Record a dated KPI value (the pilot must track that KPI)."""

    def change(pilot: Pilot) -> Pilot:
        if kpi not in {k.kpi for k in pilot.criteria}:
            raise InputError(
                f"pilot '{pilot.id}' does not track '{kpi}' (its KPIs: "
                f"{', '.join(k.kpi for k in pilot.criteria) or 'none'})"
            )
        if pilot.closed:
            raise InputError(f"pilot '{pilot.id}' is closed ({pilot.decision})")
        problem = rules.kpi_value_problem(kpi, value)
        if problem is not None:
            raise InputError(problem).about("value")
        return replace(pilot, measurements=(*pilot.measurements, Measurement(kpi, on, value)))

    return _update(ws, plan, pilot_id, change)[0]


def decide(
    ws: Workspace,
    plan: str | None,
    pilot_id: str,
    decision: str,
    rationale: str,
    on: dt.date,
    new_end: dt.date | None = None,
    catalog: Catalog | None = None,
) -> Pilot:
    """Close a pilot (adopt or reject) or extend it to ``new_end``.

    Adopting proposes the product's most needed features for rollout (given ``catalog``).
    """
    from planner.adapters.store.pilot_repo import PilotRepository
    from planner.adapters.store.repository import Repository

    try:
        chosen = Decision(decision)
    except ValueError:
        raise InputError(f"decision must be one of {', '.join(Decision)}") from None
    problem = rules.rationale_problem(chosen, rationale)
    if problem is not None:
        raise InputError(problem).about("rationale")
    if chosen is Decision.EXTEND and new_end is None:
        raise InputError("extending a pilot needs its new end date")

    if chosen is Decision.ADOPT:
        with ws.read() as session:
            plan_id = _plan_id(session, plan)
            pilots = PilotRepository(session).pilots(plan_id)
            current = next((p for p in pilots if p.id == pilot_id), None)
            if current is not None:
                product = catalog.get(current.product) if catalog else None
                name = product.name if product else current.product
                refuse_banned(session, plan_id, current.product, name, "adopted")

    def change(pilot: Pilot) -> Pilot:
        check_decision(pilot)
        return replace(
            pilot,
            decision=chosen,
            rationale=rationale.strip(),
            decided_on=on,
            status=decided_status(pilot, chosen),
            end=new_end or pilot.end,
        )

    decided = _update(ws, plan, pilot_id, change)[0]
    if chosen is Decision.ADOPT and catalog is not None:
        from planner.services.rollout import propose_from_pilot

        with ws.write() as session:
            record = Repository(session).plan_record(plan)
            assert record.id is not None
            propose_from_pilot(session, catalog, record.id, record.start, pilot_id)
    return decided
