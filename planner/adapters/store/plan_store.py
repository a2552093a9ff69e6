"""Replace a plan's reviewable content with a validated plan file, in bulk.

Used by the plan import: inside the caller's transaction, each section's rows are deleted
and the file's rows inserted with one executemany per table (a 10,000-tool plan is 10,000
rows, not 10,000 ORM objects). Evidence the file does not carry is kept: the host
aggregates and pseudonym sets, and each tool's log-derived counts (users, requests, bytes).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlmodel import Session

from planner.adapters.plan_schema import PlanFile
from planner.adapters.store import tables
from planner.adapters.store.plan_store_adoption import replace_adoption
from planner.adapters.store.record_kinds import KINDS, Kind, table_of
from planner.domain.records.types import plain
from planner.domain.records.values import names, row_values

NEED = table_of(tables.NeedRecord)
DELETE_CHUNK = 500  # keys per DELETE ... IN (...): well under SQLite's parameter limit
CRITERION = table_of(tables.CriterionRecord)


def _insert(session: Session, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    """executemany in chunks of 5,000 rows, taken from ``rows`` as they come: a generator
    of 60,000 tool rows never exists as one list (that list alone was ~70 MB)."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, 5000)):
        session.execute(insert(table), chunk)


def _kept(session: Session, kind: Kind, plan_id: int) -> dict[tuple[Any, ...], dict[str, Any]]:
    """What the table holds that the file does not carry (and the version), per record."""
    extra = [*kind.kept, *(["version"] if kind.versioned else [])]
    if not kind.match or not extra:
        return {}
    columns = [*kind.match, *extra]
    query = select(*(kind.table.c[c] for c in columns)).where(kind.table.c.plan_id == plan_id)
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in session.execute(query):
        values = dict(zip(columns, row, strict=True))
        out[tuple(values[c] for c in kind.match)] = values
    return out


def _rows(
    kind: Kind,
    plan_id: int,
    entries: Iterable[Any],
    old: dict[tuple[Any, ...], dict[str, Any]],
    versions: dict[str, int] | None,
) -> Iterator[dict[str, Any]]:
    """Each entry of the file as a row: its key, its definition's fields, what the table
    kept for it, and its version (``versions``: after the import; None: one up)."""
    for entry in entries:
        row: dict[str, Any] = {"plan_id": plan_id}
        ident = None
        if kind.key is not None:
            ident = getattr(entry, kind.key[0])
            row[kind.key[1]] = ident
        row |= row_values(kind.definition, entry)
        before = old.get(tuple(row[c] for c in kind.match)) if kind.match else None
        if kind.kept:
            kept = kind.new(entry) if before is None else {c: before[c] for c in kind.kept}
            row |= kept
        if kind.versioned:
            if versions is None:
                row["version"] = (before or {}).get("version", 0) + 1
            else:
                row["version"] = versions.get(str(ident), 1)
        yield row


def _replace(
    session: Session,
    kind: Kind,
    plan_id: int,
    entries: list[Any],
    versions: dict[str, int] | None,
    unchanged: Collection[str] = (),
) -> None:
    old = _kept(session, kind, plan_id)
    # Deleting a record cascades to its children (a pilot's KPIs and measurements).
    if unchanged and kind.key is not None:
        keys = kind.table.c[kind.key[1]]
        query = select(keys).where(kind.table.c.plan_id == plan_id)
        gone = [key for (key,) in session.execute(query) if key not in unchanged]
        for start in range(0, len(gone), DELETE_CHUNK):
            chunk = gone[start : start + DELETE_CHUNK]
            session.execute(
                delete(kind.table).where(kind.table.c.plan_id == plan_id, keys.in_(chunk))
            )
        entries = [e for e in entries if getattr(e, kind.key[0]) not in unchanged]
    else:
        session.execute(delete(kind.table).where(kind.table.c.plan_id == plan_id))
    _insert(session, kind.table, _rows(kind, plan_id, entries, old, versions))
    if not kind.children or kind.key is None:
        return
    column = kind.key[1]
    query = select(kind.table.c[column], kind.table.c.id).where(kind.table.c.plan_id == plan_id)
    ids = dict(session.execute(query).all())
    for child in kind.children:
        _insert(
            session,
            child.table,
            (
                {child.parent: ids[getattr(entry, kind.key[0])]}
                | row_values(child.definition, item)
                for entry in entries
                for item in getattr(entry, child.name)
            ),
        )


def stored_fields(
    session: Session, plan_id: int, skip: Iterable[str] = ()
) -> dict[str, dict[str, dict[str, Any]]]:
    """Per section of the plan file, each keyed record's fields as stored (enums as their
    values, lists sorted), by the record's key in the file: what an export writes of them,
    whatever the definition holds. The sections in ``skip`` are left out (read as they
    are written: ``plan_stream``)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for kind in KINDS:
        if kind.key is None or kind.section in skip:
            continue
        fields = names(kind.definition)
        query = select(kind.table.c[kind.key[1]], *(kind.table.c[f] for f in fields)).where(
            kind.table.c.plan_id == plan_id
        )
        out[kind.section] = {
            str(row[0]): {f: plain(v) for f, v in zip(fields, row[1:], strict=True)}
            for row in session.execute(query)
        }
    return out


def replace_content(
    session: Session,
    plan_id: int,
    pf: PlanFile,
    versions: dict[str, dict[str, int]] | None = None,
    unchanged: Mapping[str, Collection[str]] | None = None,
) -> None:
    """``versions``: each record's version after the import, per section (a record the
    import did not change keeps its own); by default every record's version goes up.

    Each record kind is deleted and the file's records inserted; what the file does not
    carry is kept (a tool's log evidence, a champion's pseudonym). ``unchanged``: per
    section, the keys of records the import leaves as they are stored (same fields, same
    version): their rows stay, and only the others are deleted and inserted. A reviewer
    edits a few tools of 60,000; rewriting all of them took 3.5 s of a re-import."""
    for kind in KINDS:
        section_versions = None if versions is None else versions.get(kind.section, {})
        kept = (unchanged or {}).get(kind.section, ())
        _replace(session, kind, plan_id, getattr(pf, kind.section), section_versions, kept)

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
    replace_adoption(session, plan_id, pf)


# --- the base an export records -----------------------------------------------------
# Section of the plan file -> (table, the column that is the record's id in the file).
VERSIONED: dict[str, tuple[Table, str]] = {
    kind.section: (kind.table, kind.key[1])
    for kind in KINDS
    if kind.versioned and kind.key is not None
}
EXPORT = table_of(tables.PlanExportRecord)
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


def has_export(session: Session, plan_id: int, digest: str) -> bool:
    """Whether an export with that base is remembered."""
    query = select(EXPORT.c.id).where(EXPORT.c.plan_id == plan_id, EXPORT.c.base_digest == digest)
    return session.execute(query.limit(1)).first() is not None


def find_export_records(
    session: Session, plan_id: int, digest: str, sections: Iterable[str]
) -> tuple[dict[str, Any], Any, Callable[[str], Iterator[Any]]] | None:
    """The export with that base as (its document without ``sections``, exported_on,
    ``records(section)``: that section's records one at a time), or None. The remembered
    JSON is read in pieces and parsed record by record (``export_json``): a 60,000-tool
    export is never fetched nor parsed whole."""
    from planner.adapters.store.export_json import export_records

    row = session.execute(
        select(EXPORT.c.id, EXPORT.c.exported_on)
        .where(EXPORT.c.plan_id == plan_id, EXPORT.c.base_digest == digest)
        .order_by(EXPORT.c.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    head, records, _ = export_records(session, row[0], tuple(sections))
    return head, row[1], records


def latest_export(session: Session, plan_id: int) -> tuple[int, Any, str | None] | None:
    """(id, exported_on, path) of the plan's latest export, without its document."""
    query = select(EXPORT.c.id, EXPORT.c.exported_on, EXPORT.c.path).where(
        EXPORT.c.plan_id == plan_id
    )
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
