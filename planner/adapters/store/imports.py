"""The imports a plan has had and the survey answers they brought.

Each import is recorded once (its digest, and the file's own digest for rotated logs read
in parallel), so the same file imported twice counts once; survey answers are kept per
row because the inventory shows who answered what. Split from ``evidence`` (hosts and
persons), which these tables only refer to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import insert as sa_insert
from sqlalchemy import select
from sqlmodel import Session

from planner.adapters.store import core_schema, reads, reads_evidence
from planner.adapters.store.bulk import insert_rows
from planner.adapters.store.evidence import _chunks

IMPORT = core_schema.import_run
SURVEY = core_schema.survey_answer


def imported_files(session: Session, plan_id: int, file_digests: Iterable[str]) -> set[str]:
    """Which of these file digests (bytes on disk) the plan has imported already."""
    found: set[str] = set()
    for chunk in _chunks(sorted(set(file_digests)), 900):
        query = select(IMPORT.c.file_digest).where(
            IMPORT.c.plan_id == plan_id, IMPORT.c.file_digest.in_(chunk)
        )
        found.update(d for (d,) in session.execute(query))
    return found


def already_imported(session: Session, plan_id: int, digest: str) -> bool:
    query = select(IMPORT.c.id).where(IMPORT.c.plan_id == plan_id, IMPORT.c.digest == digest)
    return session.execute(query).first() is not None


def add_import(
    session: Session,
    plan_id: int,
    digest: str,
    source: str,
    fmt: str,
    lines: int,
    skipped: int,
    at: dt.datetime,
    file_digest: str | None = None,
) -> int:
    result = session.execute(
        sa_insert(IMPORT)
        .values(
            plan_id=plan_id,
            digest=digest,
            source=source,
            format=fmt,
            lines=lines,
            skipped=skipped,
            imported_at=at,
            file_digest=file_digest,
        )
        .returning(IMPORT.c.id)
    )
    return int(result.scalar_one())


def add_survey_answers(
    session: Session, plan_id: int, import_id: int, answers: Sequence[Mapping[str, Any]]
) -> None:
    """Each answer (the same fields in every row) through the imports' bulk path."""
    if not answers:
        return
    fields = tuple(answers[0])
    rows = (tuple(a[f] for f in fields) for a in answers)
    shared = {"plan_id": plan_id, "import_id": import_id}
    insert_rows(session, SURVEY, fields, rows, constants=shared)


def survey_answers(
    session: Session, plan_id: int, tool: str
) -> list[tuple[str | None, str | None, list[str], int]]:
    """(department, official, purposes, users) of every survey row about ``tool``."""
    query = select(SURVEY.c.department, SURVEY.c.official, SURVEY.c.purposes, SURVEY.c.users).where(
        SURVEY.c.plan_id == plan_id, SURVEY.c.tool == tool
    )
    return [(d, o, list(p or ()), int(u or 0)) for d, o, p, u in session.execute(query)]


# tool -> (department, comment) of the survey answers (Core; the read-only commands ask).
survey_comments = reads.survey_comments


# The format of users people reported by word of mouth (tools add).
INTERVIEW = reads_evidence.INTERVIEW


# The formats imported into a plan (Core; the read-only commands ask too).
imported_formats = reads_evidence.imported_formats
