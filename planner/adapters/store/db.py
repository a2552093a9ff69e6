"""The workspace database: engine creation, SQLite pragmas and transactions.

Why this module exists rather than a bare ``create_engine``:

* SQLite pragmas are per connection, so they are set in a ``connect`` listener.
* Python 3.11's sqlite3 driver does not BEGIN before DDL, so a failed migration would leave
  half its changes. We take transaction control from the driver (``isolation_level=None``)
  and emit BEGIN ourselves — ``BEGIN IMMEDIATE`` for writes, so two writers queue on the
  busy timeout instead of failing with "database is locked" on lock upgrade.
* A file that is not a SQLite database is refused before SQLite touches it.
* A command that only reads gets connections that cannot write (SQLite's ``query_only``,
  PostgreSQL's read-only transactions), so "read-only" is the database's promise too.

Nothing here runs at import time: engines are made by :func:`make_engine` when asked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, create_engine, make_url
from sqlalchemy.exc import ArgumentError

from planner.adapters.store.sqlite_file import BUSY_TIMEOUT_S, workspace_file
from planner.errors import InputError, PlannerError

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

    # The unit of work's type, named here so that services pass sessions around without
    # importing SQLModel themselves (the storage layer is the only one that does).
    from sqlmodel import Session as Session

    from planner.adapters.store.schema import Access, Notice, Upgrade

T = TypeVar("T")


def __getattr__(name: str) -> Any:
    """``Session``, imported when first asked for: a read-only command reads through Core
    (:meth:`Workspace.rows`) and never loads the ORM nor SQLModel."""
    if name == "Session":
        from sqlmodel import Session

        return Session
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


SQLITE_HEADER = b"SQLite format 3\x00"
_WRITE = "planner_write"


def to_url(db: str | Path) -> str:
    """A SQLAlchemy URL for ``db``: URLs pass through, anything else is a SQLite file path."""
    path = workspace_file(db)
    return str(db) if path is None else f"sqlite:///{path}"


def display_url(db: str | Path) -> str:
    """The workspace's URL as it can be shown (no password)."""
    return make_url(to_url(db)).render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    """The database file behind a SQLite URL, or None for other engines / memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


# Tables that say "a planner workspace" (any release): the probe below accepts these.
_PLANNER_TABLES = frozenset({"planner_meta", "plan"})
_WAL_MODE = b"\x02\x02"


def _table_names(path: Path, options: str) -> set[str]:
    import sqlite3

    uri = f"{path.as_uri()}?mode=ro" + (f"&{options}" if options else "")
    try:
        probe = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise InputError(f"cannot open workspace: {exc}", file=str(path)) from exc
    try:
        return {row[0] for row in probe.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error as exc:
        raise InputError(
            f"cannot open workspace: not a usable SQLite database ({exc})", file=str(path)
        ) from exc
    finally:
        probe.close()


def _probe_foreign(path: Path) -> None:
    """Refuse a SQLite file that is not a planner workspace, without changing a byte of it.

    Opening it normally would run our connection pragmas first, and ``journal_mode = WAL``
    rewrites the header (bytes 18-19) and bumps the change counter of someone else's
    database. So look first, through a read-only connection that writes nothing.
    """
    names = _table_names(path, "immutable=1")  # no lock, no -wal/-shm files made
    if not names and path.with_name(path.name + "-wal").exists():
        # Tables may so far live only in the write-ahead log, which immutable mode skips.
        names = _table_names(path, "")
    if names and not names & _PLANNER_TABLES:
        raise InputError("not a planner workspace (another application's database)", file=str(path))


def _made_by_planner(info: os.stat_result) -> bool:
    """An empty file as planner creates one: owner-only and ours. A user's ``touch`` or a
    file from elsewhere is readable by others (umask), so it is refused, not adopted."""
    return info.st_mode & 0o777 == 0o600 and info.st_uid == os.getuid()


def _prepare_sqlite_file(path: Path, *, create: bool) -> None:
    """Check the file behind a SQLite workspace before SQLite touches it; create it owner-only
    when ``create`` (a read-only command never creates a workspace nor a directory)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(f"cannot open the workspace: {exc.strerror}", file=str(path)) from exc
    if info is None:
        if not create:
            raise InputError(
                "no workspace here: run 'planner plan new' or 'planner demo'", file=str(path)
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created owner-only: the workspace holds a company's plan and pseudonymous evidence.
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)
        return
    from planner.adapters.files import refuse_non_regular

    refuse_non_regular(path, info.st_mode)
    if info.st_size == 0:
        if create and _made_by_planner(info):
            return  # created by planner a moment ago (another opener's first step)
        raise InputError(
            "is an empty file, not a workspace: remove it or choose another path",
            file=str(path),
        )
    with path.open("rb") as fh:
        head = fh.read(20)
    if head[: len(SQLITE_HEADER)] != SQLITE_HEADER:
        raise InputError("not a planner workspace (not a SQLite database)", file=str(path))
    # Bytes 18-19 are 2 in WAL mode, which every planner workspace is: our connection
    # pragmas then change nothing in the file, so only other files need the read-only look
    # (this keeps an extra connection off every command's start-up).
    if head[18:20] != _WAL_MODE:
        _probe_foreign(path)


def make_engine(db: str | Path, *, create: bool = True, read_only: bool = False) -> Engine:
    """An engine on the workspace ``db`` (a path or a SQLAlchemy URL); with ``create``
    false, a SQLite file that does not exist is an error instead of a new workspace; with
    ``read_only``, no connection of the engine can write."""
    url = to_url(db)
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise InputError(f"not a database path or URL: {db}") from exc
    if backend != "sqlite":
        if read_only and backend == "postgresql":
            return create_engine(
                url, pool_pre_ping=True, execution_options={"postgresql_readonly": True}
            )
        return create_engine(url, pool_pre_ping=True)
    path = sqlite_path(url)
    if path is not None:
        _prepare_sqlite_file(path, create=create and not read_only)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
    _install_sqlite_listeners(engine, read_only=read_only)
    return engine


def _install_sqlite_listeners(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the driver (see module docstring).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if read_only:
                # Every planner workspace is in WAL mode already (the mode is kept in the
                # file); setting it would rewrite the header of one that is not.
                cursor.execute("PRAGMA query_only = ON")
            else:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Workspace:
    """The database of one workspace and the way to open read and write units of work."""

    def __init__(self, engine: Engine, upgrade: Upgrade | None = None) -> None:
        self.engine = engine
        # What opening did to the schema (created, upgraded, backup), for front ends to say.
        self.upgrade = upgrade
        self._sessions: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None

    def _makers(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        """The read and write session makers, made on first use: the ORM and SQLModel are
        imported only by a command that uses sessions."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker
            from sqlmodel import Session

            engine = self.engine
            self._sessions = (
                sessionmaker(engine, class_=Session, expire_on_commit=False),
                sessionmaker(
                    engine.execution_options(**{_WRITE: True}),
                    class_=Session,
                    expire_on_commit=False,
                ),
            )
        return self._sessions

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def rows(self) -> Iterator[Connection]:
        """A connection for reading through SQLAlchemy Core (``adapters/store/reads``), in
        one transaction rolled back at the end: what the read-only commands use, without
        the ORM's sessions or the SQLModel table classes."""
        with self.engine.connect() as conn:
            try:
                yield conn
            finally:
                conn.rollback()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; rolled back at the end."""
        with self._makers()[0]() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action = one transaction: committed whole on success, else rolled back."""
        with self._makers()[1]() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def database_errors(db: str | Path, engine: Engine) -> Iterator[None]:
    """Turn the driver's errors on opening into one line; dispose the engine on any error."""
    from sqlalchemy.exc import DatabaseError, OperationalError

    try:
        yield
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        reason = str(exc.orig) if getattr(exc, "orig", None) else str(exc)
        raise PlannerError(
            f"cannot open workspace {to_url(db)}: {_explained(reason, engine)}"
        ) from exc
    except BaseException:
        engine.dispose()
        raise


def on_existing(db: str | Path, action: Callable[[Engine], T], *, read_only: bool = False) -> T:
    """``action`` on an engine of the workspace at ``db``, which must exist already; the
    driver's errors as one line, the engine disposed either way."""
    engine = make_engine(db, create=False, read_only=read_only)
    try:
        with database_errors(db, engine):
            return action(engine)
    finally:
        engine.dispose()


def _explained(reason: str, engine: Engine) -> str:
    """SQLite's "unable to open database file" names no cause. In WAL mode it must create
    NAME-wal and NAME-shm beside the file, which a read-only or immutable directory
    refuses: say so, and what to do."""
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None or "unable to open database file" not in reason:
        return reason
    directory = path.parent
    if path.exists() and not os.access(directory, os.W_OK):
        return (
            f"{reason}: its directory {directory} is read-only and SQLite must create "
            f"{path.name}-wal and {path.name}-shm there; make the directory writable, or "
            "copy the workspace to one that is"
        )
    return reason


def open_workspace(
    db: str | Path,
    *,
    create: bool = True,
    access: Access | None = None,
    notice: Notice | None = None,
) -> Workspace:
    """Open the workspace, creating it if needed (unless ``create`` is false or ``access``
    is read-only) and upgrading it as far as ``access`` allows (default: any upgrade).

    A workspace already at the code's schema head costs one SELECT (``adapters/store/schema``);
    creating and upgrading go through Alembic (``adapters/store/migrate``).
    """
    from planner.adapters.store import schema

    access = access or schema.Access.UPGRADE
    read_only = access is schema.Access.READ
    engine = make_engine(db, create=create, read_only=read_only)
    with database_errors(db, engine):
        upgrade = schema.ensure_current(engine, access, notice)
    return Workspace(engine, upgrade)
