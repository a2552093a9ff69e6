"""The data-protection step of a plan: record it, print the Art. 30 record, purge evidence
past its retention period.

Why a service of its own: the step is phase 1's first task and gates nothing by force —
an import without it still runs, with one warning line — but every surface (CLI, TUI,
report, plan file) must show the same record, and the purge must run in the same
transaction as the evidence it changes. Changing the record bumps the plan's revision,
as any plan setting does, so a plan file's three-way merge sees it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.adapters.store import reads, reads_evidence
from planner.adapters.store.db import Workspace, sqlite_path
from planner.adapters.store.sqlite_backup import upgrade_backups
from planner.domain.catalog import Catalog
from planner.domain.jurisdiction import Jurisdiction, jurisdiction
from planner.domain.privacy import (
    STEP,
    DataProtection,
    art30_record,
    art30_rows,
    purge_lines,
)

if TYPE_CHECKING:
    from planner.adapters.store.db import Session
    from planner.domain.records.adoption import DataProtectionChanges

__all__ = [
    "PurgeResult",
    "data_protection",
    "import_warning",
    "purge_evidence",
    "purge_in",
    "record_data_protection",
    "record_of_processing",
    "record_view",
    "step_jurisdiction",
]


def data_protection(ws: Workspace, plan: str | None) -> DataProtection:
    """The plan's record (an empty one when nothing was recorded)."""
    from planner.adapters.store.privacy_repo import PrivacyRepository
    from planner.adapters.store.repository import Repository
    from planner.services.discover.common import plan_id_of

    with ws.read() as session:
        return (
            PrivacyRepository(session).get(plan_id_of(Repository(session), plan))
            or DataProtection()
        )


def record_data_protection(
    ws: Workspace, plan: str | None, today: dt.date, changes: DataProtectionChanges
) -> DataProtection:
    """Set the fields ``changes`` sets (the others keep their value); dated today."""
    from planner.adapters.store.privacy_repo import PrivacyRepository
    from planner.adapters.store.repository import Repository

    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        current = PrivacyRepository(session).get(record.id) or DataProtection()
        updated = replace(current, **changes.model_dump(exclude_unset=True), recorded_on=today)
        PrivacyRepository(session).save(record.id, updated)
        repo.plan_changed(record)
        return updated


def restore_data_protection(ws: Workspace, plan: str | None, kept: DataProtection) -> None:
    """Put the plan's record back as ``kept`` was, its day included (undo)."""
    from planner.adapters.store.privacy_repo import PrivacyRepository
    from planner.adapters.store.repository import Repository

    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        PrivacyRepository(session).save(record.id, kept)
        repo.plan_changed(record)


def import_warning(session: Session, plan_id: int, today: dt.date) -> str | None:
    """One line for a log import into a plan whose countries' law requires a staff
    consultation not recorded or dated after ``today`` (every such import: each one
    processes employees' traffic before it), else for the first import of personal data
    into a plan whose step is not recorded; None otherwise."""
    from planner.adapters.store import imports
    from planner.adapters.store.privacy_repo import PrivacyRepository

    privacy = PrivacyRepository(session)
    dp = privacy.get(plan_id) or DataProtection()
    where = jurisdiction(privacy.countries(plan_id))
    early = dp.consultation_warning(where, today)
    if early is not None:
        return early
    missing = dp.missing_in(where)
    if not missing:
        return None
    if imports.imported_formats(session, plan_id) - {"survey", imports.INTERVIEW}:
        return None
    return (
        f"warning: personal data imported before the plan's '{STEP}' was recorded "
        f"(missing: {', '.join(missing)}); record it with 'planner privacy set'"
    )


def step_jurisdiction(ws: Workspace, plan: str | None) -> Jurisdiction:
    """What the plan's countries require of the step (unknown countries: as before)."""
    from planner.adapters.store.privacy_repo import PrivacyRepository
    from planner.adapters.store.repository import Repository
    from planner.services.discover.common import plan_id_of

    with ws.read() as session:
        plan_id = plan_id_of(Repository(session), plan)
        return jurisdiction(PrivacyRepository(session).countries(plan_id))


@dataclass(frozen=True)
class PurgeResult:
    cutoff: dt.date | None  # None: no retention period recorded, nothing purged
    hosts: int = 0
    tools: tuple[str, ...] = ()
    backups: tuple[str, ...] = ()  # upgrade backups deleted: they held purged pseudonyms


def purge_in(
    session: Session, catalog: Catalog, plan_id: int, today: dt.date, now: dt.datetime
) -> PurgeResult:
    """Purge inside the caller's transaction (an import runs it after its own writes)."""
    from planner.adapters.store.privacy_repo import PrivacyRepository

    dp = PrivacyRepository(session).get(plan_id) or DataProtection()
    cutoff = dp.cutoff(today)
    if cutoff is None:
        return PurgeResult(None)
    moment = dt.datetime.combine(cutoff, dt.time(), dt.UTC)
    before = len(PrivacyRepository(session).purges(plan_id))
    touched = PrivacyRepository(session).purge(plan_id, moment, now)
    hosts = 0
    if len(PrivacyRepository(session).purges(plan_id)) > before:
        hosts = PrivacyRepository(session).purges(plan_id)[0][2]
    if touched:
        from planner.services.discover.logs import refresh_tools

        refresh_tools(session, catalog, plan_id, touched, None)
    return PurgeResult(cutoff, hosts, tuple(sorted(touched)))


def purge_evidence(
    ws: Workspace, catalog: Catalog, plan: str | None, today: dt.date, now: dt.datetime
) -> PurgeResult:
    """Drop the pseudonyms of evidence older than the retention period; counts stay."""
    from planner.adapters.store import evidence
    from planner.adapters.store.repository import Repository

    with ws.write() as session:
        record = Repository(session).plan_record(plan)
        assert record.id is not None
        plan_id = record.id
        evidence.lock_plan(session, plan_id)
        result = purge_in(session, catalog, plan_id, today, now)
    if result.cutoff is None:
        return result
    return replace(result, backups=drop_stale_backups(ws, plan_id))


def drop_stale_backups(ws: Workspace, plan_id: int) -> tuple[str, ...]:
    """Delete the workspace's upgrade backups that hold pseudonyms of the plan that the
    workspace no longer has (a purge removed them); returns their paths."""
    from planner.adapters.store import backups

    path = workspace_file(ws)
    found = backups.upgrade_backups(path) if path is not None else []
    if not found:
        return ()
    with ws.read() as session:
        name = backups.plan_name(session, plan_id)
        live = backups.live_pseudonyms(session, plan_id)
    stale = [b for b in found if backups.holds_removed(b, name, live)]
    for backup in stale:
        backup.unlink(missing_ok=True)
    return tuple(str(b) for b in stale)


def workspace_file(ws: Workspace) -> Path | None:
    """The SQLite file of the workspace (None on PostgreSQL)."""
    return sqlite_path(ws.engine.url.render_as_string(hide_password=False))


def record_of_processing(ws: Workspace, plan: str | None) -> str:
    """The Art. 30 record of the plan's discovery, as Markdown."""
    return processing_record(ws, plan).markdown()


def backups_entry(ws: Workspace) -> str:
    """Where the record says copies of the evidence are: the upgrade backups planner keeps
    beside a SQLite workspace (a purge deletes those holding purged pseudonyms)."""

    path = workspace_file(ws)
    if path is None:
        return (
            "planner keeps none on a database server: the server's own backups hold the "
            "evidence too, under their own retention"
        )
    found = upgrade_backups(path)
    now = ", ".join(str(b) for b in found) if found else "none now"
    return (
        f"Upgrade backups beside the workspace ({path}.bak-REVISION, owner-only, made "
        f"before each schema upgrade): {now}; 'planner privacy purge' deletes those "
        "holding pseudonyms it removed"
    )


@dataclass(frozen=True)
class ProcessingRecord:
    """What the Art. 30 record is made of, read once; each report words it its own way."""

    plan: str
    organisation: str
    protection: DataProtection
    sources: list[str]
    purges: list[tuple[dt.datetime, dt.datetime, int]]
    backups: str | None = None  # where copies of the evidence are (``backups_entry``)
    # requests to sites revealing Art. 9 data set aside at import, per category
    set_aside: dict[str, int] = field(default_factory=dict)
    where: Jurisdiction = field(default_factory=lambda: jurisdiction(()))

    def markdown(self) -> str:
        return art30_record(
            self.plan,
            self.organisation,
            self.protection,
            self.sources,
            self.purges,
            backups=self.backups,
            set_aside=self.set_aside,
            where=self.where,
        )

    def rows(self) -> list[tuple[str, str | None]]:
        return art30_rows(
            self.organisation,
            self.protection,
            self.sources,
            self.backups,
            self.set_aside,
            self.where,
        )

    @property
    def missing(self) -> list[str]:
        return self.protection.missing_in(self.where)


def processing_record(ws: Workspace, plan: str | None) -> ProcessingRecord:
    """The plan's Art. 30 record as values (the reports' gathering reads it here)."""

    with ws.rows() as conn:  # Core: the record only reads
        record = reads.plan_row(conn, plan)
        dp = reads_evidence.data_protection_of(conn, record.id) or DataProtection()
        sources = sorted(reads_evidence.imported_formats(conn, record.id))
        purges = reads_evidence.purges(conn, record.id)
        aside = reads_evidence.set_aside(conn, record.id)
        where = jurisdiction(reads_evidence.countries(conn, record.id))
        name, organisation = record.name, record.organisation
    return ProcessingRecord(
        name,
        organisation,
        dp,
        sources,
        purges,
        backups=backups_entry(ws),
        set_aside=aside,
        where=where,
    )


def record_view(ws: Workspace, plan: str | None) -> dict[str, Any]:
    """The same record as plain data, for the HTML report."""
    found = processing_record(ws, plan)
    return {
        "rows": list(found.rows()),
        "missing": found.missing,
        "purges": purge_lines(found.purges),
    }
