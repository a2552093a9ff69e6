"""A plan's tools as an export writes them, read from the database one row at a time.

Why: the tools are the one section of a plan file that grows large (a 60,000-tool plan is
24 MB of YAML). Built whole as a document — every tool's stored fields, then its record —
they took 130 MB before a line was written; streamed in slug order they are written (and
split into a three-way import's units) as they are read, and never held all at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import select

from planner.adapters.store.db import Workspace
from planner.adapters.store.record_kinds import KINDS
from planner.domain.records.types import plain
from planner.domain.records.values import names
from planner.errors import PlannerError

_TOOLS = next(kind for kind in KINDS if kind.section == "tools")
BATCH = 1_000  # rows fetched at a time (a server-side cursor on PostgreSQL)


def stored_tools(
    ws: Workspace, plan_id: int, plan_name: str, versions: Mapping[str, int]
) -> Iterator[tuple[str, dict[str, Any], int]]:
    """(slug, its fields as stored — what :func:`plan_store.stored_fields` gives —, its
    users) of each of the plan's tools, by slug as Python orders text.

    The rows are read in their own transaction, after the rest of the export: ``versions``
    (each tool's version as the export's ``base`` records it) must match them, else the
    plan changed in between and the export would record a base its tools do not have."""
    table = _TOOLS.table
    fields = names(_TOOLS.definition)
    slug = table.c.slug
    columns = (slug, table.c.version, table.c.log_users, table.c.survey_users)
    query = select(*columns, *(table.c[f] for f in fields)).where(table.c.plan_id == plan_id)
    seen = 0
    with ws.rows() as conn:
        # Code-point order, as ``sorted`` gives: SQLite compares UTF-8 bytes; PostgreSQL's
        # locale collations would not (they skip hyphens).
        order = slug.collate("C") if conn.dialect.name == "postgresql" else slug
        result = conn.execution_options(yield_per=BATCH).execute(query.order_by(order))
        for row in result:
            key = str(row[0])
            if versions.get(key) != row[1]:
                raise _changed(plan_name)
            seen += 1
            values = {f: plain(v) for f, v in zip(fields, row[4:], strict=True)}
            yield key, values, max(row[2], row[3])
    if seen != len(versions):
        raise _changed(plan_name)


def _changed(plan_name: str) -> PlannerError:
    return PlannerError(f"plan '{plan_name}' changed while it was being exported: export it again")
