"""Phase 1, Discover: evidence of tools in use from proxy/DNS logs and surveys.

A log import reads the file once (outside any transaction: it may take seconds), replaces
every user by a keyed pseudonym in memory, then writes everything in one transaction:
either the whole import lands or nothing does. The same file imported twice is recognised
by its digest and counts once. Hosts are matched to catalog products by their discovery
domains; hosts no product claims wait for triage, whose decisions later imports follow.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlmodel import Session

from planner.adapters import evidence
from planner.adapters.csv_input import fold, read_rows, whole_number
from planner.adapters.db import Workspace
from planner.adapters.keys import pseudonymise
from planner.adapters.repository import Repository
from planner.domain.catalog import Catalog, Category
from planner.domain.hosts import DomainMatcher
from planner.domain.plan import Source, Tool, ToolStatus, slugify
from planner.errors import InputError, NotFoundError
from planner.services.plans import SHADOW_IT_USERS

Progress = Callable[[int, int], None]
LOG_FORMATS = ("squid", "w3c", "csv")
FORMATS = (*LOG_FORMATS, "survey")


@dataclass
class ImportResult:
    source: str
    format: str
    lines: int = 0
    skipped: int = 0
    skipped_lines: list[int] = field(default_factory=list)
    hosts: int = 0
    matched_tools: list[str] = field(default_factory=list)
    new_tools: list[str] = field(default_factory=list)
    unmatched_hosts: int = 0
    duplicate: bool = False
    seconds: float = 0.0


def _utc(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, dt.UTC)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _plan_id(repo: Repository, plan: str | None) -> int:
    record = repo.plan_record(plan)
    assert record.id is not None
    return record.id


def guess_format(path: Path) -> str | None:
    """'survey' when the header names a tool and a department; None to let logs sniff."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    first = head.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    names = {fold(n) for n in first.replace(";", ",").replace("\t", ",").split(",")}
    return "survey" if {"tool", "department"} <= names else None


def read_directory(path: Path) -> dict[str, str]:
    """A staff directory CSV: user -> department. Names stay in memory, never stored."""
    columns = {
        "user": ("username", "login", "account", "email", "mail", "userid", "samaccountname"),
        "department": ("dept", "service", "division", "team", "orgunit", "ou"),
    }
    return {
        row.values["user"].casefold(): row.values["department"]
        for row in read_rows(path, columns, ["user", "department"])
        if row.values["user"] and row.values["department"]
    }


def import_file(
    ws: Workspace,
    catalog: Catalog,
    key: bytes,
    plan: str | None,
    path: Path,
    fmt: str | None = None,
    *,
    directory: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import a log or a survey into the plan (format guessed when ``fmt`` is None)."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    if (fmt or guess_format(path)) == "survey":
        return import_survey(ws, catalog, plan, path)
    return import_log(
        ws,
        catalog,
        key,
        plan,
        path,
        fmt,
        directory=directory,
        progress=progress,
        cancelled=cancelled,
    )


def import_log(
    ws: Workspace,
    catalog: Catalog,
    key: bytes,
    plan: str | None,
    path: Path,
    fmt: str | None = None,
    *,
    directory: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    from planner.adapters.logs import read_log

    started = time.perf_counter()
    with ws.read() as session:  # fail fast on a wrong plan name, before reading a big file
        _plan_id(Repository(session), plan)
    departments = read_directory(directory) if directory else {}
    # Several reader processes only from the main thread: a TUI worker thread can neither
    # fork safely nor spawn (Textual's replaced standard streams break it).
    workers = None if threading.current_thread() is threading.main_thread() else 1
    summary = read_log(
        path, fmt, progress=progress, cancelled=cancelled, source=str(path), workers=workers
    )
    result = ImportResult(
        path.name,
        summary.format,
        summary.lines,
        summary.skipped,
        list(summary.skipped_lines),
        len(summary.hosts),
    )

    # Pseudonymise each distinct raw user once; raw names go no further than this dict.
    pseudonyms: dict[str, str] = {}
    persons: dict[str, str | None] = {}
    for stats in summary.hosts.values():
        for user in stats.users:
            if user not in pseudonyms:
                pseudo = pseudonymise(key, user)
                pseudonyms[user] = pseudo
                persons[pseudo] = departments.get(user.casefold())
    matcher = DomainMatcher(catalog.domains())

    with ws.write() as session:
        repo = Repository(session)
        plan_id = _plan_id(repo, plan)
        evidence.lock_plan(session, plan_id)
        if evidence.already_imported(session, plan_id, summary.digest):
            result.duplicate = True
            result.seconds = time.perf_counter() - started
            return result
        evidence.add_import(
            session,
            plan_id,
            summary.digest,
            path.name,
            summary.format,
            summary.lines,
            summary.skipped,
            _now(),
        )
        known = evidence.known_hosts(session, plan_id)
        tools_of = {h: matcher.match(h) for h in summary.hosts if h not in known}
        person_ids = evidence.upsert_persons(session, plan_id, persons)
        deltas = [
            evidence.HostDelta(
                h,
                s.hits,
                s.bytes,
                _utc(s.first),
                _utc(s.last),
                {person_ids[pseudonyms[u]] for u in s.users},
            )
            for h, s in summary.hosts.items()
        ]
        evidence.merge_hosts(session, plan_id, deltas, tools_of)
        touched = {k.tool for h, k in known.items() if h in summary.hosts and k.tool}
        touched |= {t for t in tools_of.values() if t}
        before = {t.slug for t in repo.tools(plan_id)}
        refresh_tools(session, catalog, plan_id, touched, Source.PROXY_LOG.value)
        result.matched_tools = sorted(touched)
        result.new_tools = sorted(touched - before)
        result.unmatched_hosts = evidence.count_unmatched(session, plan_id)
    result.seconds = time.perf_counter() - started
    return result


def refresh_tools(
    session: Session, catalog: Catalog, plan_id: int, slugs: Iterable[str], source: str | None
) -> None:
    """Recompute the log evidence of these tools from their hosts; create missing tools."""
    repo = Repository(session)
    current = {t.slug: t for t in repo.tools(plan_id)}
    for slug, ev in evidence.tool_evidence(session, plan_id, slugs).items():
        tool = current.get(slug)
        if tool is None:
            product = catalog.get(slug)
            tool = Tool(
                slug,
                product.name if product else slug,
                product.id if product else None,
                category=product.category if product else None,
                status=ToolStatus.UNOFFICIAL,
            )
        sources = set(tool.sources) | ({source} if source and ev.hits else set())
        repo.save_tool(
            plan_id,
            replace(
                tool,
                log_users=ev.users,
                requests=ev.hits,
                bytes=ev.bytes,
                first_seen=ev.first.date() if ev.first else tool.first_seen,
                last_seen=ev.last.date() if ev.last else tool.last_seen,
                departments=tuple(sorted(set(tool.departments) | set(ev.departments))),
                sources=tuple(sorted(sources)),
            ),
        )


# Surveys -------------------------------------------------------------------------------------
SURVEY_COLUMNS = {
    "department": ("dept", "service", "team", "respondentdepartment"),
    "tool": ("toolname", "application", "app", "product", "outil"),
    "official": ("isofficial", "officialornot", "status", "sanctioned"),
    "purposes": ("purpose", "usage", "uses", "usedfor"),
    "users": ("numberofusers", "userscount", "howmanyusers", "count"),
    "comments": ("comment", "notes", "remarks"),
}
SURVEY_TEMPLATE = (
    "department,tool,official,purposes,users,comments\n"
    "Marketing,Facebook,yes,visibility-brand; customer-relations,12,Company page\n"
    "R&D,Yammer,no,internal-sharing; expertise-location,40,\n"
    "Sales,LinkedIn,don't know,social-selling,25,\n"
)
_YES = {"yes", "y", "oui", "true", "official", "1"}
_NO = {"no", "n", "non", "false", "unofficial", "0"}


def _official(value: str, where: str, line: int) -> str | None:
    v = value.strip().casefold()
    if v in _YES:
        return "yes"
    if v in _NO:
        return "no"
    if v in {"", "?", "unknown", "don't know", "dont know", "ne sait pas", "-"}:
        return None
    raise InputError(
        f"official: expected yes, no or don't know, got {value!r}", file=where, line=line
    )


def _purposes(value: str, where: str, line: int) -> list[str]:
    from planner.domain.plan import PURPOSES

    by_name = {fold(k): k for k in PURPOSES} | {fold(v): k for k, v in PURPOSES.items()}
    found = []
    for part in value.replace(",", ";").replace("|", ";").split(";"):
        if not part.strip():
            continue
        purpose = by_name.get(fold(part))
        if purpose is None:
            raise InputError(
                f"unknown purpose {part.strip()!r} (known: {', '.join(PURPOSES)})",
                file=where,
                line=line,
            )
        found.append(purpose)
    return found


def import_survey(ws: Workspace, catalog: Catalog, plan: str | None, path: Path) -> ImportResult:
    """Import a survey CSV, all or nothing: every bad row is reported with its line."""
    import hashlib

    from planner.errors import InputErrors

    started = time.perf_counter()
    where = str(path)
    answers: list[tuple[str, str, dict[str, object]]] = []  # slug, name, fields
    errors: list[InputError] = []
    for row in read_rows(path, SURVEY_COLUMNS, ["tool"], source=where):
        v = row.values
        name = v["tool"]
        try:
            if not name:
                raise InputError("tool: empty", file=where, line=row.line)
            users_text = v.get("users", "")
            if users_text and whole_number(users_text) is None:
                raise InputError(
                    f"users: expected a whole number, got {users_text!r}", file=where, line=row.line
                )
            fields: dict[str, object] = {
                "department": v.get("department") or None,
                "official": _official(v.get("official", ""), where, row.line),
                "purposes": _purposes(v.get("purposes", ""), where, row.line),
                "users": whole_number(users_text) or 0,
            }
        except InputError as exc:
            errors.append(exc)
            continue
        product = catalog.find_by_name(name)
        answers.append(
            (product.id if product else slugify(name), product.name if product else name, fields)
        )
    if errors:
        raise InputErrors(errors)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    result = ImportResult(path.name, "survey", lines=len(answers))
    with ws.write() as session:
        repo = Repository(session)
        plan_id = _plan_id(repo, plan)
        evidence.lock_plan(session, plan_id)
        if evidence.already_imported(session, plan_id, digest):
            result.duplicate = True
            return result
        run = evidence.add_import(
            session, plan_id, digest, path.name, "survey", len(answers), 0, _now()
        )
        evidence.add_survey_answers(
            session, plan_id, run, [{"tool": slug, **fields} for slug, _, fields in answers]
        )
        current = {t.slug: t for t in repo.tools(plan_id)}
        names = {slug: name for slug, name, _ in answers}
        for slug in sorted(names):
            tool = current.get(slug)
            if tool is None:
                product = catalog.get(slug)
                tool = Tool(
                    slug,
                    names[slug],
                    product.id if product else None,
                    category=product.category if product else None,
                )
                result.new_tools.append(slug)
            repo.save_tool(plan_id, _with_survey(session, plan_id, tool))
        result.matched_tools = sorted(names)
    result.seconds = time.perf_counter() - started
    return result


def _with_survey(session: Session, plan_id: int, tool: Tool) -> Tool:
    """The tool with everything all surveys of the plan say about it."""
    rows = evidence.survey_answers(session, plan_id, tool.slug)
    per_department: dict[str | None, int] = {}
    purposes, departments = set(tool.purposes), set(tool.departments)
    official = False
    for department, said_official, said_purposes, users in rows:
        per_department[department] = max(per_department.get(department, 0), users)
        purposes |= set(said_purposes or ())
        if department:
            departments.add(department)
        official |= said_official == "yes"
    status = tool.status
    if not tool.classified and official and Source.SURVEY.value not in tool.sources:
        status = ToolStatus.OFFICIAL  # what people say, until IT classifies it
    return replace(
        tool,
        survey_users=sum(per_department.values()),
        status=status,
        purposes=tuple(sorted(purposes)),
        departments=tuple(sorted(departments)),
        sources=tuple(sorted({*tool.sources, Source.SURVEY.value})),
    )


# Triage of unmatched hosts ---------------------------------------------------------------------
@dataclass(frozen=True)
class HostView:
    host: str
    tool: str | None
    decision: str | None
    users: int
    hits: int
    bytes: int
    last_seen: dt.datetime | None


def list_hosts(
    ws: Workspace,
    plan: str | None,
    *,
    unmatched: bool = True,
    search: str = "",
    limit: int = 200,
    offset: int = 0,
) -> tuple[list[HostView], int]:
    """A page of hosts, most users then most traffic first, and how many match in all."""
    with ws.read() as session:
        plan_id = _plan_id(Repository(session), plan)
        rows, total = evidence.host_page(
            session, plan_id, unmatched=unmatched, search=search, limit=limit, offset=offset
        )
    return [HostView(*row) for row in rows], total


def count_shadow_hosts(
    ws: Workspace, plan: str | None, min_users: int = SHADOW_IT_USERS
) -> tuple[int, int]:
    """(unmatched hosts, of which with more than ``min_users`` users) for next actions."""
    with ws.read() as session:
        plan_id = _plan_id(Repository(session), plan)
        return (
            evidence.count_unmatched(session, plan_id),
            evidence.count_unmatched(session, plan_id, min_users),
        )


def decide_host(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    host: str,
    decision: str,
    *,
    product: str | None = None,
    name: str | None = None,
    category: Category | None = None,
) -> str | None:
    """Map a host to a product, make it a custom tool, or ignore it; returns the tool slug.

    The decision is stored on the host so later imports follow it.
    """
    with ws.write() as session:
        repo = Repository(session)
        plan_id = _plan_id(repo, plan)
        row = evidence.host_tool(session, plan_id, host.casefold())
        if row is None:
            raise NotFoundError(f"no host '{host}' in this plan's evidence")
        host_id, old_tool = row
        tool: str | None
        if decision == "mapped":
            if product is None or catalog.get(product) is None:
                raise InputError(f"no product '{product}' in the catalog")
            tool = product
        elif decision == "custom":
            if not name:
                raise InputError("a custom tool needs a name")
            tool = slugify(name)
            existing = repo.tool_record(plan_id, tool)
            if existing is None:
                repo.save_tool(plan_id, Tool(tool, name, None, category=category))
        elif decision == "ignored":
            tool = None
        else:
            raise InputError(f"unknown decision '{decision}'")
        evidence.set_host_decision(session, host_id, tool, decision)
        refresh_tools(
            session, catalog, plan_id, {t for t in (tool, old_tool) if t}, Source.PROXY_LOG.value
        )
    return tool
