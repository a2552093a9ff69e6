"""The catalog directories a workspace remembers, read by a command that only reads: from
the SQLite file itself (no SQLAlchemy), the same directories and digests as through the
workspace; anything the file cannot answer goes to the workspace, which says what is
wrong."""

import sqlite3
from pathlib import Path

import pytest

from planner.adapters import catalog_memory
from planner.adapters.store.db import open_workspace
from planner.adapters.store.sqlite_file import workspace_file
from planner.errors import InputError


def _warnings() -> tuple[list[str], object]:
    said: list[str] = []
    return said, said.append


def _workspace_remembering(tmp_path: Path, *dirs: Path) -> Path:
    db = tmp_path / "ws.sqlite"
    ws = open_workspace(str(db))
    try:
        catalog_memory.remember(ws, dirs)
    finally:
        ws.engine.dispose()
    return db


def _catalog(tmp_path: Path, name: str, text: str = "x") -> Path:
    directory = tmp_path / name
    directory.mkdir()
    (directory / "product.yaml").write_text(text, encoding="utf-8")
    return directory


def _never_opened() -> object:
    raise AssertionError("the workspace was opened")


def test_a_reading_command_gets_the_remembered_directories_from_the_file(tmp_path: Path) -> None:
    ours, theirs = _catalog(tmp_path, "ours"), _catalog(tmp_path, "theirs")
    db = _workspace_remembering(tmp_path, ours, theirs)
    said, warn = _warnings()
    dirs = catalog_memory.reconcile(str(db), _never_opened, (), warn, writes=False)  # type: ignore[arg-type]
    assert dirs == (ours, theirs)
    assert said == []
    # the same as the workspace records them
    ws = open_workspace(str(db))
    try:
        in_file = catalog_memory._remembered_in_file(workspace_file(str(db)))
        assert in_file == catalog_memory.remembered(ws)
    finally:
        ws.engine.dispose()


def test_a_changed_or_missing_directory_is_still_a_warning(tmp_path: Path) -> None:
    ours, theirs = _catalog(tmp_path, "ours"), _catalog(tmp_path, "theirs")
    db = _workspace_remembering(tmp_path, ours, theirs)
    (ours / "product.yaml").write_text("changed", encoding="utf-8")
    theirs.rename(tmp_path / "moved")
    said, warn = _warnings()
    dirs = catalog_memory.reconcile(str(db), _never_opened, (), warn, writes=False)  # type: ignore[arg-type]
    assert dirs == (ours,)
    # (the paths hold the test's name: the messages are told apart by what follows them)
    assert [(f"{ours} changed since" in w, f"{theirs}, which" in w) for w in said] == [
        (True, False),
        (False, True),
    ]


def test_a_file_that_is_no_workspace_goes_to_the_workspace_which_refuses_it(
    tmp_path: Path,
) -> None:
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()
    assert catalog_memory._remembered_in_file(workspace_file(str(foreign))) is None
    before = foreign.read_bytes()
    opened: list[bool] = []

    def workspace() -> object:
        opened.append(True)
        return open_workspace(str(foreign), create=False)

    with pytest.raises(InputError, match="not a planner workspace"):
        catalog_memory.reconcile(str(foreign), workspace, (), print, writes=False)  # type: ignore[arg-type]
    assert opened == [True]
    assert foreign.read_bytes() == before  # read, never written


@pytest.mark.parametrize("db", ["postgresql+psycopg://u@h/db", "sqlite:///tmp/x.sqlite"])
def test_a_url_is_left_to_the_workspace(db: str) -> None:
    assert catalog_memory._remembered_in_file(workspace_file(db)) is None


def test_no_workspace_file_means_only_the_given_directories(tmp_path: Path) -> None:
    given = (_catalog(tmp_path, "ours"),)
    missing = tmp_path / "none.sqlite"
    dirs = catalog_memory.reconcile(str(missing), _never_opened, given, print, writes=False)  # type: ignore[arg-type]
    assert dirs == given
    assert not missing.exists()  # reading the catalog never creates a workspace
