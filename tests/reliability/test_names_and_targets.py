"""A plan name never steers a file path, and an export never destroys what it overwrites.

One plan-name rule on every path (``plan new``, ``plan import``); exports refuse the
workspace, its journals, the pseudonym key, devices, directories and symbolic links, and
write nothing when they refuse.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from planner.adapters.files import write_atomic
from planner.bootstrap import Planner, Settings, bootstrap
from planner.cli import main
from planner.errors import InputError, InputErrors
from planner.services.plan_file import render_plan
from planner.services.plan_import import import_plan
from planner.services.plans import create_plan, list_plans
from tests.conftest import TODAY

BAD_NAMES = [
    "../../../outside/pwn",
    "/srv/other/pwn",
    "a/b",
    "a\\b",
    ".hidden",
    "..",
    "bell\x07name",
    "esc\x1b]0;t\x07",
    "bidi\u202ename",
    "x" * 121,
    "",
]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_plan_new_refuses_names_that_could_steer_a_path(planner: Planner, name: str) -> None:
    with pytest.raises(InputError):
        create_plan(planner.workspace, name, dt.date(2027, 1, 4))
    assert list_plans(planner.workspace) == []


@pytest.mark.parametrize("name", BAD_NAMES)
def test_plan_import_refuses_them_on_the_name_line(
    planner: Planner, tmp_path: Path, name: str
) -> None:
    create_plan(planner.workspace, "good", dt.date(2027, 1, 4))
    text = render_plan(planner.workspace, "good", TODAY, planner.catalog)
    quoted = name.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    bad = text.replace("name: good", f'name: "{quoted}"', 1)
    assert bad != text
    path = tmp_path / "reviewed.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_plan(planner.workspace, planner.catalog, path)
    errors = info.value.errors if isinstance(info.value, InputErrors) else [info.value]
    name_line = next(
        i for i, ln in enumerate(bad.splitlines(), 1) if ln.strip().startswith("name:")
    )
    assert [e.line for e in errors] == [name_line], [str(e) for e in errors]
    assert [p.name for p in list_plans(planner.workspace)] == ["good"]


def test_accents_spaces_and_punctuation_are_fine(planner: Planner) -> None:
    plan = create_plan(planner.workspace, "Plan réseau social 2027 (v2)", dt.date(2027, 1, 4))
    assert plan.name == "Plan réseau social 2027 (v2)"


def _workspace(tmp_path: Path) -> tuple[Planner, Path]:
    db = tmp_path / "ws.sqlite"
    app = bootstrap(Settings(db=str(db), today=lambda: TODAY))
    create_plan(app.workspace, "acme", dt.date(2027, 1, 4))
    _ = app.pseudonym_key  # the key file beside the database
    return app, db


def test_exports_refuse_the_workspace_its_journal_and_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app, db = _workspace(tmp_path)
    key = db.with_name(db.name + ".key")
    other = tmp_path / "other.sqlite"  # a fake WAL beside the workspace would break it
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    wal = other.with_name(other.name + "-wal")
    wal.write_bytes(b"\x37\x7f\x06\x82" + b"\0" * 28)
    before = {p: p.read_bytes() for p in (db, key, wal)}
    common = ["--db", str(db)]
    for target in (db, key, wal):
        code = main(["plan", "export", "acme", "-o", str(target), *common])
        assert code == 2, capsys.readouterr().err
        assert main(["inventory", "export", "--csv", str(target), *common]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 2 and str(target) in err and "refusing" in err
    assert {p: p.read_bytes() for p in before} == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    app.close()


@pytest.mark.parametrize("kind", ["directory", "symlink", "fifo", "device"])
def test_exports_refuse_what_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "target"
    if kind == "directory":
        target.mkdir()
    elif kind == "symlink":
        (tmp_path / "real.yaml").write_text("real\n", encoding="utf-8")
        target.symlink_to(tmp_path / "real.yaml")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target = Path("/dev/null")
    with pytest.raises(InputError):
        write_atomic(target, "new\n")
    if kind == "symlink":
        assert target.is_symlink() and (tmp_path / "real.yaml").read_text() == "real\n"
    if kind == "device":
        assert Path("/dev/null").is_char_device()


def test_an_ordinary_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old\n", encoding="utf-8")
    write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"


@pytest.mark.parametrize("kind", ["missing", "directory", "fifo", "device"])
def test_an_input_that_is_not_a_file_is_named_for_what_it_is(
    planner: Planner, tmp_path: Path, kind: str
) -> None:
    from planner.services.discover import import_file

    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    path = tmp_path / "input"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    expected = {
        "missing": "no such file",
        "directory": "directory",
        "fifo": "FIFO",
        "device": "device",
    }[kind]
    with pytest.raises(InputError, match=expected) as info:
        import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", path)
    assert info.value.file == str(path)


def test_a_log_with_nuls_says_how_to_read_it_anyway(planner: Planner, tmp_path: Path) -> None:
    from planner.services.discover import import_file

    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    line = "1798000000.000 12 10.0.0.1 TCP_TUNNEL/200 4000 CONNECT a.example:443 u -/- -\n"
    path = tmp_path / "nul.log"
    path.write_bytes(b"\0" * 100 + b"\n" + line.encode() * 3)
    with pytest.raises(InputError, match="--format squid"):
        import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", path)
    result = import_file(
        planner.workspace, planner.catalog, planner.pseudonym_key, "acme", path, "squid"
    )
    assert (result.lines, result.skipped) == (4, 1)  # the NUL line is skipped and counted


def test_an_error_flood_is_capped_on_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "department,tool,users\n" + "".join(f"R&D,Tool {i},many\n" for i in range(250)),
        encoding="utf-8",
    )
    db = tmp_path / "ws.sqlite"
    assert main(["plan", "new", "acme", "--start", "2027-01-04", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["discover", "import", str(survey), "--db", str(db)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 101
    assert lines[0].startswith(f"{survey}:2:") and lines[-1] == "planner: … and 150 more problems"
