"""Two tools that are one, made one (``tools merge``); a tool removed with what goes with
it (``tools delete``); users known from interviews (``tools add --users``).

Why this exists: evidence arrives from several sources that name a tool differently — a
survey's "WhatsApp groups" beside the "WhatsApp" typed after an interview, or a custom
tool triaged before the catalog knew the product. Counting them as two inflates shadow IT
and splits their people. A merge keeps everything (hosts and their people, survey answers
and comments, purposes, departments, rules, contracts, exit steps) and counts each person
once, because the users are re-derived from the merged hosts, never added up.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, replace

from planner.adapters.store import imports, tool_moves
from planner.adapters.store.db import Session, Workspace
from planner.adapters.store.imports import INTERVIEW
from planner.adapters.store.mapping import tool_from_record
from planner.adapters.store.repository import Repository
from planner.adapters.store.tool_moves import Dependents
from planner.domain.catalog import Catalog
from planner.domain.plan import Source, Tool
from planner.errors import InputError, NotFoundError
from planner.services.discover.common import now, plan_id_of
from planner.services.discover.logs import refresh_tools
from planner.services.discover.survey import with_survey
from planner.services.discover.undecide import Returned, clear_rules, return_orphans


@dataclass(frozen=True)
class Merged:
    """The tool that stayed, and what it took over."""

    tool: Tool
    took: Dependents


@dataclass(frozen=True)
class Deleted:
    """The tool removed, what went with it, and the hosts that went back to triage."""

    slug: str
    name: str
    went: Dependents
    returned: Returned


def _tool(repo: Repository, plan_id: int, slug: str) -> Tool:
    record = repo.tool_record(plan_id, slug, for_update=True)
    if record is None:
        raise NotFoundError(f"no tool '{slug}' in this plan (see planner tools list)")
    return tool_from_record(record)


def _union(*parts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({v for part in parts for v in part}))


def _merged_fields(into: Tool, other: Tool, on: str) -> Tool:
    """``into`` with what ``other`` knew: lists joined, dates widened, a note of the merge.
    ``into``'s own decisions (status, owner, product) win where both have one."""
    firsts = [d for d in (into.first_seen, other.first_seen) if d]
    lasts = [d for d in (into.last_seen, other.last_seen) if d]
    note = f"Merged from {other.name} ({other.slug}) on {on}."
    if other.notes:
        note += f" Its notes: {other.notes}"
    return replace(
        into,
        product=into.product or other.product,
        category=into.category or other.category,
        owner=into.owner or other.owner,
        purposes=_union(into.purposes, other.purposes),
        departments=_union(into.departments, other.departments),
        capabilities=_union(into.capabilities, other.capabilities),
        sources=_union(into.sources, other.sources),
        first_seen=min(firsts) if firsts else None,
        last_seen=max(lasts) if lasts else None,
        notes=f"{into.notes}\n{note}" if into.notes else note,
        blocked=into.blocked + other.blocked,
    )


def merge_tools(
    ws: Workspace, catalog: Catalog, plan: str | None, source: str, target: str
) -> Merged:
    """Merge the tool ``source`` into ``target``: ``source`` is gone, ``target`` holds
    its evidence, people (each counted once), purposes and history."""
    if source == target:
        raise InputError(f"cannot merge '{source}' into itself")
    with ws.write() as session:
        repo = Repository(session)
        plan_id = plan_id_of(repo, plan)
        other, into = _tool(repo, plan_id, source), _tool(repo, plan_id, target)
        took = tool_moves.dependents(session, plan_id, source)
        decision = "mapped" if catalog.get(target) is not None else "custom"
        tool_moves.move(session, plan_id, source, target, decision)
        tool_moves.delete_tool(session, plan_id, source)
        merged = _merged_fields(into, other, now().date().isoformat())
        repo.save_tool(plan_id, merged)
        session.flush()
        refresh_tools(session, catalog, plan_id, {target}, None)
        session.flush()
        repo.save_tool(plan_id, with_survey(session, plan_id, _tool(repo, plan_id, target)))
        session.flush()
        final = _tool(repo, plan_id, target)
    return Merged(final, took)


def tool_dependents(ws: Workspace, plan: str | None, slug: str) -> tuple[Tool, Dependents]:
    """The tool and what would go with it if deleted (for the question asked first)."""
    with ws.read() as session:
        repo = Repository(session)
        plan_id = plan_id_of(repo, plan)
        return _tool(repo, plan_id, slug), tool_moves.dependents(session, plan_id, slug)


def delete_tool(ws: Workspace, catalog: Catalog, plan: str | None, slug: str) -> Deleted:
    """Delete the tool with its survey answers, contracts, exit steps and the domain rules
    naming it; its hosts go back to triage (or to the infrastructure list)."""
    with ws.write() as session:
        repo = Repository(session)
        plan_id = plan_id_of(repo, plan)
        tool = _tool(repo, plan_id, slug)
        went = tool_moves.dependents(session, plan_id, slug)
        rules = tool_moves.delete_tool(session, plan_id, slug)
        if rules:
            clear_rules(session, catalog, plan_id, rules)
        returned = return_orphans(session, catalog, plan_id)
    return Deleted(slug, tool.name, went, returned)


def record_interview(
    session: Session, plan_id: int, tool: Tool, users: int, department: str | None
) -> Tool:
    """``users`` people of ``department`` reported using ``tool`` in an interview: kept as
    a survey answer of an import of its own (so a later survey re-derives the tool's users
    with it, instead of overwriting a number typed on the tool), and the tool updated."""
    key = f"{INTERVIEW}:{tool.slug}:{uuid.uuid4().hex}".encode()
    run = imports.add_import(
        session,
        plan_id,
        hashlib.sha256(key).hexdigest(),
        f"interview about {tool.name}",
        INTERVIEW,
        1,
        0,
        now(),
    )
    imports.add_survey_answers(
        session,
        plan_id,
        run,
        [
            {
                "tool": tool.slug,
                "department": department,
                "official": None,
                "purposes": [],
                "users": users,
                "comments": "",
            }
        ],
    )
    told = with_survey(session, plan_id, tool)
    return replace(told, sources=_union(tool.sources, (Source.MANUAL.value,)))
