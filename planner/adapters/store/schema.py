"""Which schema revision a workspace is at, checked cheaply every time one is opened.

Schema changes are Alembic revisions (``planner/adapters/store/migrations``), run by
``adapters/store/migrate``.
This module is all that start-up pays when nothing needs doing: one SELECT of
``alembic_version`` compared with :data:`HEAD`, no schema inspection, no Alembic import.
Anything else (a new, older, foreign or newer database) goes to ``adapters/store/migrate``.
A test checks that :data:`HEAD` is the head of the shipped script directory.

Releases before Alembic kept ``schema_version = 1`` in ``planner_meta``: such a workspace
has exactly the tables of the baseline revision and is stamped with it, then upgraded.
From then on that key holds ``2``, which those releases refuse as "made by a newer planner"
instead of opening a schema they do not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

HEAD = "0012"
BASELINE = "0001"
VERSION_TABLE = "alembic_version"
SELECT_REVISION = "SELECT version_num FROM alembic_version"
META_TABLE = "planner_meta"
LEGACY_KEY = "schema_version"
LEGACY_SCHEMA = "1"
MANAGED_MARK = "2"


@dataclass(frozen=True)
class State:
    """Where a workspace stands: its revision (``None`` for an empty database; the
    baseline for one from before Alembic, with ``legacy`` set) and the code's head."""

    revision: str | None
    head: str
    legacy: bool = False

    @property
    def needs_upgrade(self) -> bool:
        return self.legacy or self.revision != self.head

    @property
    def label(self) -> str:
        if self.legacy:
            return f"schema {LEGACY_SCHEMA} (before Alembic)"
        return self.revision or "none (empty database)"

    @property
    def backup_label(self) -> str:
        """What a backup made before upgrading from here is called after."""
        return f"schema{LEGACY_SCHEMA}" if self.legacy else str(self.revision)


@dataclass(frozen=True)
class Upgrade:
    """What opening or upgrading did: from ``before`` to ``after``, and the copy kept."""

    before: State
    after: str
    backup: Path | None = None

    @property
    def changed(self) -> bool:
        return self.before.needs_upgrade


def is_current(engine: Engine) -> bool:
    """True when the workspace's one stored revision is :data:`HEAD` (one SELECT)."""
    from sqlalchemy.exc import DBAPIError

    with engine.connect() as conn:
        try:
            rows = conn.exec_driver_sql(SELECT_REVISION).all()
        except DBAPIError:
            return False  # no version table: migrate looks closer
        return [tuple(r) for r in rows] == [(HEAD,)]


def ensure_current(engine: Engine) -> Upgrade | None:
    """Bring the workspace to :data:`HEAD`; None when it already was (the fast path)."""
    if is_current(engine):
        return None
    from planner.adapters.store import migrate

    return migrate.upgrade(engine)
