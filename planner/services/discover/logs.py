"""Log import: proxy/DNS logs become per-host evidence and tools, without personal data.

Why this exists: a log import reads the file once (outside any transaction: it may take
seconds), replaces every user by a keyed pseudonym in memory, then writes everything in one
transaction: either the whole import lands or nothing does. The same file imported twice is
recognised by its digest and counts once. Hosts are matched to catalog products by their
discovery domains; hosts no product claims wait for triage, whose decisions later imports
follow. `refresh_tools` is shared with triage, which re-derives tools the same way.

A staff directory can come with the import or after it (`apply_directory`): each of its
user names is pseudonymised with the workspace key, as the log's users were, and the
persons already seen get their department; no count changes, only departments.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import compress
from pathlib import Path

from planner.adapters.sources.csv_input import read_columns
from planner.adapters.sources.logs import registry
from planner.adapters.sources.logs.model import APP_PREFIX, LogSummary
from planner.adapters.store import evidence, imports, sensitive_repo, triage_store
from planner.adapters.store.db import Session, Workspace
from planner.adapters.store.import_repo import ImportRepository as Repository  # Core only
from planner.adapters.store.pseudonyms import pseudonymiser
from planner.domain.catalog import Catalog, fold_app
from planner.domain.plan import Source, Tool, ToolStatus
from planner.services.discover.claims import claims
from planner.services.discover.common import (
    ImportOptions,
    ImportResult,
    collector_paused,
    now,
    plan_id_of,
)
from planner.services.discover.facts import import_lists, summary_facts
from planner.services.discover.infrastructure import reapply
from planner.services.discover.people import host_columns, host_totals, pseudonymised
from planner.services.discover.sensitive import listed, without_sensitive

LOG_FORMATS = registry.NAMES


@dataclass(frozen=True)
class Part:
    """One file of a many-file import written at once: its name, aggregates, disk digest."""

    name: str
    summary: LogSummary
    file_digest: str | None


def read_directory(path: Path, encoding: str | None = None) -> dict[str, str]:
    """A staff directory CSV: user -> department. Names stay in memory, never stored."""
    columns = {
        "user": (
            "username", "login", "account", "email", "mail", "userid", "samaccountname",
            "utilisateur", "identifiant", "benutzer", "benutzername", "konto",
        ),
        "department": (
            "dept", "service", "division", "team", "orgunit", "ou", "departement",
            "direction", "abteilung", "bereich",
        ),
    }  # fmt: skip
    table = read_columns(path, columns, ["user", "department"], encoding=encoding)
    users, departments = table["user"], table["department"]
    # a later line wins, as in a dict; a user or a department left empty is no entry
    if "" not in users and "" not in departments:  # none left empty: no pair to judge
        return dict(zip(map(str.casefold, users), departments, strict=True))
    return dict(
        compress(
            zip(map(str.casefold, users), departments, strict=True),
            map(all, zip(users, departments, strict=True)),
        )
    )


@dataclass
class DirectoryResult:
    source: str
    entries: int  # users with a department in the directory
    persons: int  # persons already seen whose department it set or changed
    tools: list[str]  # tools whose departments were refreshed


def _by_pseudonym(key: bytes, departments: dict[str, str]) -> dict[str, str]:
    """The directory keyed as persons are stored; names go no further than this dict."""
    pseudonym = pseudonymiser(key)
    return {pseudonym(user): department for user, department in departments.items()}


def _apply_departments(
    session: Session, plan_id: int, by_pseudonym: dict[str, str]
) -> tuple[set[int], set[str]]:
    """Departments for the persons already seen; (persons changed, tools they touch)."""
    changed = evidence.set_departments(session, plan_id, by_pseudonym)
    return changed, evidence.tools_seeing(session, plan_id, changed)


def apply_directory(
    ws: Workspace,
    catalog: Catalog,
    key: bytes,
    plan: str | None,
    path: Path,
    encoding: str | None = None,
) -> DirectoryResult:
    """Apply a staff directory to the evidence already imported: the persons it names get
    their department (a later directory wins), the tools they use list it. Nothing is
    counted again and nobody new is added."""
    departments = read_directory(path, encoding)
    by_pseudonym = _by_pseudonym(key, departments)
    with ws.write() as session:
        plan_id = plan_id_of(Repository(session), plan)
        evidence.lock_plan(session, plan_id)
        changed, touched = _apply_departments(session, plan_id, by_pseudonym)
        refresh_tools(session, catalog, plan_id, touched, None)
    return DirectoryResult(path.name, len(departments), len(changed), sorted(touched))


@collector_paused()  # a long tail's objects are not traversed again and again
def import_log(
    ws: Workspace,
    catalog: Catalog,
    key: bytes,
    plan: str | None,
    path: Path,
    fmt: str | None = None,
    options: ImportOptions | None = None,
    *,
    summary: LogSummary | None = None,
    file_digest: str | None = None,
    parts: Sequence[Part] | None = None,
) -> ImportResult:
    """Import a proxy log as ``options`` say (a staff directory and its encoding, progress,
    cancellation, a field-map profile, reader processes, a read already begun).

    ``summary``: the log already read (by a worker of a many-file import), and
    ``file_digest`` the digest of its bytes on disk when known. ``parts``: ``summary``
    merges these files (a many-file import writes once): each is recorded as imported.
    ``options.internal_zones``: the organisation's own DNS zones, left out of a DNS log
    with local names and reverse look-ups (``services.discover.local``).
    """
    from planner.adapters.sources.logs import read_log
    from planner.services.discover.local import local_names, without_local_names

    options = options or ImportOptions()
    directory, workers = options.directory, options.workers
    started = time.perf_counter()
    with ws.read() as session:  # fail fast on a wrong plan name, before reading a big file
        plan_id_of(Repository(session), plan)
        sensitive = listed(session)
    lists = import_lists(catalog, sensitive)  # what each host is looked up in, once
    local_names(options.internal_zones)  # a bad --internal-zone fails before a big read
    departments = read_directory(directory, options.encoding) if directory else {}
    by_pseudonym = _by_pseudonym(key, departments)
    # Several reader processes only from the main thread: a TUI worker thread can neither
    # fork safely nor spawn (Textual's replaced standard streams break it).
    if threading.current_thread() is not threading.main_thread():
        workers = 1
    if summary is None:
        summary = read_log(
            path,
            fmt,
            progress=options.progress,
            cancelled=options.cancelled,
            source=str(path),
            workers=workers,
            profile=options.profile,
            early=options.early,
        )
    summary, local_skipped = without_local_names(summary, options.internal_zones)
    facts = summary_facts(summary, lists)
    # Art. 9 data leaves here, before any user is pseudonymised or any host written.
    summary, set_aside, facts = without_sensitive(summary, facts)
    if file_digest is None:
        file_digest = disk_digest(path) if is_gzip(path) else summary.digest
    result = ImportResult(
        path.name,
        summary.format,
        summary.lines,
        summary.skipped,
        list(summary.skipped_lines),
        len(summary.hosts),
        local_skipped=local_skipped,
        set_aside=dict(set_aside),
    )

    pseudonyms, persons = pseudonymised(summary, key, departments)
    apps = _apps(catalog, summary.labels)

    with ws.write() as session:
        repo = Repository(session)
        plan_id = plan_id_of(repo, plan)
        evidence.lock_plan(session, plan_id)
        digests = [p.summary.digest for p in parts] if parts else [summary.digest]
        if all(imports.already_imported(session, plan_id, d) for d in digests):
            # Nothing is counted twice, but a directory given now still applies.
            result.duplicate = True
            result.set_aside = {}  # counted when the file first came in
            changed, touched = _apply_departments(session, plan_id, by_pseudonym)
            refresh_tools(session, catalog, plan_id, touched, None)
            result.directory_persons = len(changed)
            result.directory_tools = sorted(touched)
            result.seconds = time.perf_counter() - started
            return result
        from planner.services.privacy import import_warning, purge_in

        result.warning = import_warning(session, plan_id, options.today or now().date())
        records = parts or [Part(path.name, summary, file_digest)]
        at = now()
        import_id = min(
            imports.add_import(
                session,
                plan_id,
                p.summary.digest,
                p.name,
                p.summary.format,
                p.summary.lines,
                p.summary.skipped,
                at,
                p.file_digest,
            )
            for p in records
        )
        sensitive_repo.add_counts(session, plan_id, set_aside)
        # Hosts stored before their domain was listed (an older list, an entry added since)
        earlier_aside, sensitive_tools = sensitive_repo.drop_hosts(
            session, plan_id, sensitive.category, sensitive.domains
        )
        for category, count in earlier_aside.items():
            result.set_aside[category] = result.set_aside.get(category, 0) + count
        known = evidence.known_hosts(session, plan_id)
        result.first_hosts = not known
        claimed = claims(session, plan_id, summary.hosts, known, facts, apps)
        result.infrastructure_hosts = claimed.infrastructure
        # The directory first reaches the persons seen before (new ones get it below).
        changed, earlier = _apply_departments(session, plan_id, by_pseudonym)
        person_ids = evidence.upsert_persons(session, plan_id, persons)
        touched = {k.tool for h, k in known.items() if k.tool and h in summary.hosts}
        touched |= set(claimed.tools.values()) | sensitive_tools
        # a reader's: by column, with each host's registrable domain found already
        columns = host_columns(summary, pseudonyms, person_ids, facts.domains)
        del facts
        result.new_domains = evidence.merge_hosts(
            session,
            plan_id,
            columns if columns is not None else host_totals(summary, pseudonyms, person_ids),
            claimed.tools,
            claimed.decisions,
            import_id,
            claimed.by_rule,
            known,
        )
        # Hosts of earlier imports still in triage, when the list changed since.
        result.infrastructure_hosts += reapply(session, catalog, plan_id, earlier=bool(known))
        result.directory_persons = len(changed)
        result.directory_tools = sorted(earlier)
        before = {t.slug for t in repo.tools(plan_id)}
        seen_in = registry.get(summary.format).evidence
        refresh_tools(session, catalog, plan_id, touched | earlier, seen_in)
        result.matched_tools = sorted(touched)
        result.new_tools = sorted(touched - before)
        moment = now()
        result.purged_hosts = purge_in(session, catalog, plan_id, moment.date(), moment).hosts
        result.unmatched_hosts = triage_store.count_unmatched(session, plan_id)
    if result.purged_hosts:  # the upgrade backups holding what the purge dropped go too
        from planner.services.privacy import drop_stale_backups

        result.backups_deleted = drop_stale_backups(ws, plan_id)
    result.seconds = time.perf_counter() - started
    return result


def is_gzip(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(2) == b"\x1f\x8b"
    except OSError:
        return False


def disk_digest(path: Path) -> str:
    """SHA-256 of the file's bytes as they are on disk (a gzip file is not decompressed)."""
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _apps(catalog: Catalog, labels: dict[str, str]) -> Callable[[str], str | None]:
    """The catalog product of an application key (``app:NAME``): by discovery app name or
    by the application's id (``labels``). Hosts and DNS names go by discovery domain
    (``DomainMatcher``)."""
    apps: dict[str, str] | None = None

    def match(key: str) -> str | None:
        nonlocal apps
        if apps is None:
            apps = catalog.apps()
        found = apps.get(fold_app(key.removeprefix(APP_PREFIX)))
        if found is None and key in labels:
            found = apps.get(fold_app(labels[key]))
        return found

    return match


def refresh_tools(
    session: Session, catalog: Catalog, plan_id: int, slugs: Iterable[str], source: Source | None
) -> None:
    """Recompute the log evidence of these tools from their hosts; create missing tools;
    ``source``: what the evidence was seen in, added to the sources of tools with hits."""
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
        sources = set(tool.sources) | ({source.value} if source and ev.hits else set())
        repo.save_tool(
            plan_id,
            replace(
                tool,
                log_users=ev.users,
                requests=ev.hits,
                bytes=ev.bytes,
                blocked=ev.blocked,
                first_seen=ev.first.date() if ev.first else tool.first_seen,
                last_seen=ev.last.date() if ev.last else tool.last_seen,
                departments=tuple(sorted(set(tool.departments) | set(ev.departments))),
                sources=tuple(sorted(sources)),
            ),
        )
