"""Move a whole workspace between engines (SQLite ⇄ PostgreSQL): every plan, the evidence
and the pseudonym key, verified by exporting every plan before and after.

Rows are copied table by table in foreign-key order, ids kept (PostgreSQL sequences are
moved past them), in one transaction on the destination; the destination must be empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.adapters.store.copying import copy_rows
from planner.adapters.store.db import Workspace, open_workspace
from planner.adapters.store.keys import key_path, load_or_create_key, write_key
from planner.adapters.store.schema import Access
from planner.domain.catalog import Catalog
from planner.errors import PlannerError
from planner.services.plan_file import render_plan
from planner.services.plans import list_plans


@dataclass(frozen=True)
class CopyReport:
    plans: list[str]
    rows: int


def _exports(ws: Workspace, catalog: Catalog, today: dt.date) -> dict[str, str]:
    return {p.name: render_plan(ws, p.name, today, catalog) for p in list_plans(ws)}


def copy_workspace(
    src: str, dst: str, catalog: Catalog, data_dir: object, today: dt.date
) -> CopyReport:
    from pathlib import Path

    # The source is only read: an older one is refused rather than upgraded behind the
    # user's back (planner workspace upgrade first).
    source = open_workspace(src, create=False, access=Access.READ)
    try:
        target = open_workspace(dst, access=Access.WRITE)
    except BaseException:
        source.dispose()
        raise
    try:
        if list_plans(target):
            raise PlannerError(f"{target.url} already holds plans: copy into an empty workspace")
        before = _exports(source, catalog, today)
        with target.write() as session:
            rows = copy_rows(source, session)
        # The pseudonyms only mean something with their key: it moves too.
        write_key(
            key_path(dst, Path(str(data_dir))),
            load_or_create_key(key_path(src, Path(str(data_dir)))),
        )
        after = _exports(target, catalog, today)
        different = [name for name in before if before[name] != after.get(name)]
        if different or set(after) != set(before):
            raise PlannerError(
                "verification failed: exports differ after the copy for "
                + ", ".join(different or sorted(set(after) ^ set(before)))
            )
        return CopyReport(sorted(before), rows)
    finally:
        source.dispose()
        target.dispose()
