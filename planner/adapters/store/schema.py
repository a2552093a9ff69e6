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

What opening may change is the caller's :class:`Access`: nothing at all for a command that
only reads (an older workspace is refused with one line saying how to upgrade it); for a
command that writes, a SQLite file is upgraded after a notice and a backup, while a
database on a server, which colleagues on the older release may share, is upgraded only
by ``planner workspace upgrade``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

HEAD = "0019"
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


class Access(Enum):
    """What opening a workspace may change in it."""

    READ = "read"
    """Nothing: a missing, empty or older workspace is refused; connections cannot write."""
    WRITE = "write"
    """Create a new workspace; upgrade an older SQLite file (after the notice, with a
    backup); refuse an older database on a server."""
    ASK = "ask"
    """Create a new workspace; refuse any older one, so that the front end asks the user
    and then upgrades it on purpose (the TUI's dialog)."""
    UPGRADE = "upgrade"
    """Create or upgrade any workspace (``planner workspace upgrade`` once confirmed,
    scripts and tests)."""


Notice = Callable[["State"], None]
"""Told before a writing command upgrades a SQLite workspace (the CLI prints one line)."""


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


def status(engine: Engine) -> State:
    """Where the workspace stands, without changing it: at :data:`HEAD`, one SELECT and no
    Alembic (``planner workspace version`` only reads); anything else, Alembic's look."""
    if is_current(engine):
        return State(HEAD, HEAD)
    from planner.adapters.store import migrate

    return migrate.status(engine)


def ensure_current(
    engine: Engine, access: Access = Access.UPGRADE, notice: Notice | None = None
) -> Upgrade | None:
    """Bring the workspace to :data:`HEAD` as far as ``access`` allows; None when it
    already was (the fast path). Refusals raise before anything is written."""
    if is_current(engine):
        return None
    from planner.adapters.store import migrate

    where = engine.url.render_as_string(hide_password=True)
    sqlite = engine.dialect.name == "sqlite"

    def permit(state: State) -> None:
        permit_upgrade(state, access, where=where, sqlite=sqlite, notice=notice)

    if access is Access.READ:
        state = migrate.status(engine)  # a look that writes nothing (not current: see above)
        if state.needs_upgrade:
            permit(state)
        return None
    return migrate.upgrade(engine, permit=permit)


def permit_upgrade(
    state: State, access: Access, *, where: str, sqlite: bool, notice: Notice | None = None
) -> None:
    """Raise unless ``access`` lets opening bring a workspace at ``state`` to the head."""
    from planner.errors import InputError, WorkspaceUpgradeNeeded

    if state.revision is None and not state.legacy:  # an empty database
        if access is Access.READ:
            raise InputError(
                "no workspace here (an empty database): run 'planner plan new' or 'planner demo'",
                file=where,
            )
        return  # creating a workspace changes nobody's data
    if access is Access.UPGRADE:
        return
    if access is Access.WRITE and sqlite:
        if notice is not None:
            notice(state)
        return
    at = state.label if state.legacy else f"revision {state.label}"
    raise WorkspaceUpgradeNeeded(where, at, state.head)
