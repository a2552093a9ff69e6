"""The files folder, set once per workspace: checked before it is kept (made if missing,
written to), one workspace however its path was typed, and followed by ``planner plan
export`` without ``-o`` (the TUI's side is in tests/tui/test_files_and_words.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import InputError
from planner.services.user_state import choose_folder, chosen_folder, files_folder
from tests.cli.inprocess import run as _run


def test_a_missing_folder_is_made_and_kept_for_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "ws" / "workspace.sqlite"
    db.parent.mkdir()
    assert files_folder(str(db)) == (tmp_path / "ws" / "plans").resolve()
    target = tmp_path / "shared" / "reviews"
    assert choose_folder(str(db), str(target)) == target.resolve()
    assert target.is_dir()
    # the same workspace named relatively, from another folder
    monkeypatch.chdir(tmp_path / "ws")
    assert chosen_folder("workspace.sqlite") == target.resolve()
    assert chosen_folder(str(tmp_path / "other.sqlite")) is None
    # a relative folder is taken from the workspace's folder, never the current one
    monkeypatch.chdir(tmp_path)
    assert choose_folder(str(db), "out") == (tmp_path / "ws" / "out").resolve()
    # blank: back to plans/ beside the workspace
    assert choose_folder(str(db), "  ") == (tmp_path / "ws" / "plans").resolve()
    assert chosen_folder(str(db)) is None


def test_a_folder_that_cannot_be_used_is_one_line_and_not_kept(tmp_path: Path) -> None:
    db = str(tmp_path / "workspace.sqlite")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as found:
        choose_folder(db, str(a_file))
    assert str(found.value) == f"{a_file}: is a file, not a folder"
    with pytest.raises(InputError) as found:
        choose_folder(db, str(a_file / "sub"))  # under a file: cannot be made
    message = str(found.value)
    assert message.startswith(f"{a_file / 'sub'}: cannot create the folder: ")
    assert "\n" not in message
    assert chosen_folder(db) is None


def test_plan_export_follows_the_files_folder(
    workspace_db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    db = ("--db", workspace_db)
    assert _run(capsys, "plan", "new", "acme", "--start", "2027-01-04", *db)[0] == 0
    code, _, err = _run(capsys, "plan", "export", "acme", *db)  # not set: plans/ here
    assert code == 0, err
    assert (tmp_path / "plans" / "acme.yaml").is_file()
    folder = choose_folder(workspace_db, str(tmp_path / "reviews"))
    code, _, err = _run(capsys, "plan", "export", "acme", *db)
    assert code == 0, err
    assert (folder / "acme.yaml").is_file()
    assert f"wrote {folder / 'acme.yaml'}" in err
    # -o still wins
    code, _, err = _run(capsys, "plan", "export", "acme", "-o", str(tmp_path / "x.yaml"), *db)
    assert code == 0 and (tmp_path / "x.yaml").is_file()


def test_a_server_workspace_is_remembered_without_its_password() -> None:
    from planner.adapters.user_state import state_file, workspace_key
    from planner.services.user_state import remember

    url = "postgresql+psycopg://bob:s3cret@db.example:5432/plans"
    assert workspace_key(url) == "postgresql+psycopg://bob@db.example:5432/plans"
    remember(url, theme="textual-light")
    assert "s3cret" not in state_file().read_text(encoding="utf-8")
    assert chosen_folder(url) is None
    assert files_folder(url).name == "plans"
