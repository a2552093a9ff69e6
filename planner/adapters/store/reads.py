"""The queries of the read-only commands, on the Core tables (``core_schema``).

A read-only command (``plan list``, ``tools list``, …) opens a Core connection
(``Workspace.rows``) and asks these functions; it never builds the SQLModel table classes
nor the ORM, which were most of its start-up. Each function takes anything that executes
a statement, a Core ``Connection`` or an ORM ``Session``: the repository calls the same
functions inside its sessions, so each query is written once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Row, Table, func, select

from planner.adapters.store.core_schema import (
    audience,
    contract,
    criterion_weight,
    exit_step,
    host,
    need,
    plan,
    planner_meta,
    risk,
    survey_answer,
    tool,
    vendor_review,
)
from planner.adapters.store.rows import ToolReader, keyed, unkeyed
from planner.domain.plan import Tool
from planner.domain.risks import Risk
from planner.domain.vendor_review import VendorReview
from planner.errors import NotFoundError

if TYPE_CHECKING:
    from planner.domain.audiences import Audience
    from planner.domain.contracts import Contract
    from planner.domain.exits import ExitMilestone
    from planner.domain.scoring import Criterion

_NAMES_IN_MESSAGE = 10
# The plan commands act on when they are given no plan name (``planner plan use NAME``):
# a key of the workspace's planner_meta table, so that every front end shares it.
CURRENT_PLAN_KEY = "current_plan"


class Executor(Protocol):
    """A Core ``Connection`` or an ORM ``Session``: what runs a statement."""

    def execute(self, statement: Any, /) -> Any: ...


def plan_names(
    db: Executor, *, containing: str = "", limit: int | None = None, offset: int = 0
) -> list[str]:
    """Plan names in order, optionally those containing a text, one page at a time
    (a workspace may hold tens of thousands of plans: never load them all to show 20)."""
    query = select(plan.c.name).order_by(plan.c.name).offset(offset).limit(limit)
    if containing:
        query = query.where(func.lower(plan.c.name).contains(containing.lower()))
    return list(db.execute(query).scalars())


def plan_rows(db: Executor, *, limit: int | None = None, offset: int = 0) -> list[Row[Any]]:
    """Plan rows in name order, one page at a time (one query, not one per plan)."""
    return list(db.execute(select(plan).order_by(plan.c.name).offset(offset).limit(limit)))


def plan_count(db: Executor, containing: str = "") -> int:
    query = select(func.count()).select_from(plan)
    if containing:
        query = query.where(func.lower(plan.c.name).contains(containing.lower()))
    return int(db.execute(query).scalar_one())


def meta_value(db: Executor, key: str) -> str | None:
    """The workspace-level fact ``key`` (table ``planner_meta``), if recorded."""
    query = select(planner_meta.c.value).where(planner_meta.c.key == key)
    value: str | None = db.execute(query).scalar_one_or_none()
    return value


def current_plan_name(db: Executor) -> str | None:
    """The name ``planner plan use`` recorded, if it still names a plan."""
    name = meta_value(db, CURRENT_PLAN_KEY)
    if name is None:
        return None
    exists = db.execute(select(plan.c.id).where(plan.c.name == name)).first()
    return name if exists is not None else None


def plan_row(db: Executor, name: str | None) -> Row[Any]:
    """The plan called ``name``; with None, the current plan (``plan use``), else the
    workspace's only plan."""
    if name is None:
        current = current_plan_name(db)
        if current is not None:
            return plan_row(db, current)
        rows = list(db.execute(select(plan).limit(2)))
        if not rows:
            raise NotFoundError("the workspace has no plan yet: run 'planner plan new'")
        if len(rows) > 1:
            # Capped: with 20,000 plans the full list made one 240 KB line.
            shown = plan_names(db, limit=_NAMES_IN_MESSAGE)
            more = plan_count(db) - len(shown)
            names = ", ".join(shown) + (f" and {more:,} more" if more > 0 else "")
            raise NotFoundError(
                f"the workspace holds several plans ({names}): use --plan NAME, "
                "or make one current with 'planner plan use NAME'"
            )
        found: Row[Any] = rows[0]
        return found
    row: Row[Any] | None = db.execute(select(plan).where(plan.c.name == name)).first()
    if row is None:
        raise NotFoundError(f"no plan named '{name}'")
    return row


def plan_id(db: Executor, name: str | None) -> int:
    """The id of the plan :func:`plan_row` finds."""
    return int(plan_row(db, name).id)


def iter_tools(db: Executor, plan_id: int, batch: int = 1_000) -> Iterator[Tool]:
    """The plan's tools one at a time, in slug order, fetched ``batch`` rows at a time:
    what a listing of 60,000 tools streams to the terminal without holding them all."""
    read = ToolReader()
    result = db.execute(read.query(plan_id).execution_options(yield_per=batch))
    for row in result:
        yield read(row)


def count_tools(db: Executor, plan_id: int) -> int:
    query = select(func.count()).select_from(tool).where(tool.c.plan_id == plan_id)
    return int(db.execute(query).scalar_one())


# The plan's tools as read in this context: set by :func:`sharing_tools`, else None.
_SHARED_TOOLS: ContextVar[dict[tuple[str, int], list[Tool]] | None] = ContextVar(
    "shared_tools", default=None
)


# What was computed from those tools in this context (see :func:`shared`), else None.
_SHARED_RESULTS: ContextVar[dict[Any, Any] | None] = ContextVar("shared_results", default=None)


@contextmanager
def sharing_tools() -> Iterator[None]:
    """Inside this block every read of a plan's tools after the first gets the first one's
    (frozen) tools: a report asks five services, which each read all of a 60,000-tool plan.
    For read-only work only: a change written inside the block would not be seen."""
    token = _SHARED_TOOLS.set({})
    results = _SHARED_RESULTS.set({})
    try:
        yield
    finally:
        _SHARED_RESULTS.reset(results)
        _SHARED_TOOLS.reset(token)


def shared(key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, once per ``key`` inside :func:`sharing_tools` (every time outside):
    what several services derive from the same shared tools. The key must name everything
    the value depends on; the value should hold what the key names by identity, so that
    no id is reused while it is kept."""
    results = _SHARED_RESULTS.get()
    if results is None:
        return compute()
    if key not in results:
        results[key] = compute()
    return results[key]


def _url(db: Any) -> str:
    """The database ``db`` (a Session or a Connection) works on."""
    bind = db.get_bind() if hasattr(db, "get_bind") else db
    return str(bind.engine.url if hasattr(bind, "engine") else bind.url)


def tools(db: Executor, plan_id: int) -> list[Tool]:
    """The plan's tools in slug order, all at once. Core rows, not ORM objects: a plan can
    hold 10,000 tools and this runs on every dashboard refresh and export."""
    shared = _SHARED_TOOLS.get()
    key = (_url(db), plan_id) if shared is not None else None
    if shared is not None and key in shared:
        return list(shared[key])
    read = ToolReader()
    found = [read(r) for r in db.execute(read.query(plan_id))]
    if shared is not None and key is not None:
        shared[key] = found
        return list(found)
    return found


def needs(db: Executor, plan_id: int) -> dict[str, int]:
    """capability -> weight (1-5) of what the plan needs."""
    query = select(need.c.capability, need.c.weight).where(need.c.plan_id == plan_id)
    return {capability: weight for capability, weight in db.execute(query)}


def of_plan(table: Table, plan_id: int) -> Any:
    """The rows of ``table`` that belong to the plan, by slug where the table has one."""
    query = select(table).where(table.c.plan_id == plan_id)
    return query.order_by(table.c.slug) if "slug" in table.c else query


def vendor_reviews(db: Executor, plan_id: int) -> dict[str, VendorReview]:
    """product -> the plan's review of its vendor."""
    build = unkeyed(VendorReview, "vendor_review")
    return {r.product: build(r) for r in db.execute(of_plan(vendor_review, plan_id))}


def risks(db: Executor, plan_id: int) -> list[Risk]:
    """The plan's risk register, by id."""
    build = keyed(Risk, "risk")
    return [build(r) for r in db.execute(of_plan(risk, plan_id))]


def contracts(db: Executor, plan_id: int) -> list[Contract]:
    """The plan's licence contracts, by id."""
    from planner.domain.contracts import Contract

    build = keyed(Contract, "contract")
    return [build(r) for r in db.execute(of_plan(contract, plan_id))]


def exit_steps(db: Executor, plan_id: int) -> list[ExitMilestone]:
    """The plan's exit steps, by id."""
    from planner.domain.exits import ExitMilestone

    build = keyed(ExitMilestone, "exit_step")
    return [build(r) for r in db.execute(of_plan(exit_step, plan_id))]


def audiences(db: Executor, plan_id: int) -> list[Audience]:
    """The audiences the plan must reach, by id."""
    from planner.domain.audiences import Audience

    build = keyed(Audience, "audience")
    return [build(r) for r in db.execute(of_plan(audience, plan_id))]


def weights(db: Executor, plan_id: int) -> dict[Criterion, float]:
    """The ranking's criteria weights: those the plan set, the defaults for the rest."""
    from planner.domain.scoring import DEFAULT_WEIGHTS, Criterion

    table = criterion_weight
    query = select(table.c.criterion, table.c.weight).where(table.c.plan_id == plan_id)
    stored = {Criterion(criterion): weight for criterion, weight in db.execute(query)}
    merged = {c: stored.get(c, w) for c, w in DEFAULT_WEIGHTS.items()}
    # Reach has no default here: the ranking weighs it only for a plan with audiences.
    return merged | {c: w for c, w in stored.items() if c not in merged}


def suites_seen(db: Executor, plan_id: int) -> set[str]:
    """Suites whose platform domains (``catalog.SUITES``: salesforce.com,
    atlassian.net, ...) someone used, by the plan's evidence: a platform domain is
    evidence of the suite, never of one product of it. One indexed query per domain."""
    from planner.domain.catalog import PLATFORM_REGISTRABLE, SUITES

    seen: set[str] = set()
    for suite, (_, domains) in SUITES.items():
        for domain in domains:
            query = (
                select(host.c.id)
                .where(
                    host.c.plan_id == plan_id,
                    host.c.domain == PLATFORM_REGISTRABLE.get(domain, domain),
                    (host.c.host == domain) | host.c.host.endswith("." + domain),
                    host.c.users > 0,
                )
                .limit(1)
            )
            if db.execute(query).first() is not None:
                seen.add(suite)
                break
    return seen


def survey_comments(
    db: Executor, plan_id: int, tool: str | None = None
) -> dict[str, list[tuple[str | None, str]]]:
    """tool -> (department, comment) of every survey answer with a comment, in file order;
    only ``tool``'s when given."""
    table = survey_answer
    query = (
        select(table.c.tool, table.c.department, table.c.comments)
        .where(table.c.plan_id == plan_id, table.c.comments != "")
        .order_by(table.c.id)
    )
    if tool is not None:
        query = query.where(table.c.tool == tool)
    found: dict[str, list[tuple[str | None, str]]] = {}
    for name, department, comment in db.execute(query):
        found.setdefault(name, []).append((department, comment))
    return found
