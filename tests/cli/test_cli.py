"""The command line through its entry point: exit codes, stdout and stderr.

Most tests here and in the modules that import :func:`planner` are about what a command
does, not about the process it runs in, so :func:`planner` calls ``planner.cli.main(argv)``
in this process — with the environment, working directory and standard streams a child
would have — instead of paying a Python start-up, the imports and the catalog load for each
call (the suite's largest cost). :func:`planner_process` runs the real ``python -m planner``
for what only a process shows (exit status of the interpreter, ``sys.argv``, the start-up
path); :func:`planner` falls back to it when the test sets an interpreter variable
(``PYTHON*``, locale), which only a new process honours. tests/cli/test_terminal_output.py,
tests/cli/test_startup.py and tests/test_import_hygiene.py keep the closed-stdout, terminal,
encoding and import checks in true subprocesses.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from planner.cli import main
from tests.conftest import ROOT

_BASE_ENV = {"COLUMNS": "160", "NO_COLOR": "1"}
# Read by the interpreter when it starts, not by planner: only a new process sees them.
_PROCESS_ONLY = ("PYTHON", "LC_", "LANG")


def planner_process(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m planner ARGS`` in a child process."""
    full_env = {**os.environ, **(env or {}), **_BASE_ENV}
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=120,
        check=False,
    )


def planner(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``planner ARGS`` as a user runs it, answered like :func:`planner_process` (exit code,
    stdout, stderr as text) but run in this process (see the module's docstring)."""
    if env and any(name.startswith(_PROCESS_ONLY) for name in env):
        return planner_process(*args, cwd=cwd, env=env)
    out, err = _stream(), _stream()
    with _as_a_child(cwd or ROOT, {**(env or {}), **_BASE_ENV}, out, err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: usage errors, --help, --version
            code = _exit_status(exc.code, err)
        except Exception:  # a bug: the interpreter would print the traceback, exit 1
            err.write(traceback.format_exc())
            code = 1
    return subprocess.CompletedProcess(
        [sys.executable, "-m", "planner", *args], code, _text(out), _text(err)
    )


def _stream() -> io.TextIOWrapper:
    """A standard stream as a child's pipe is: UTF-8 text over bytes, not a terminal."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    """What ``subprocess.run(text=True)`` reads from the pipe (universal newlines)."""
    stream.flush()
    raw = stream.buffer
    assert isinstance(raw, io.BytesIO)
    return io.TextIOWrapper(io.BytesIO(raw.getvalue()), encoding="utf-8").read()


def _exit_status(code: object, err: io.TextIOWrapper) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    err.write(f"{code}\n")
    return 1


@contextmanager
def _as_a_child(
    cwd: Path, env: dict[str, str], out: io.TextIOWrapper, err: io.TextIOWrapper
) -> Iterator[None]:
    """This process's environment, directory and standard streams as a child would have
    them (stdin at end of file, as /dev/null), restored afterwards."""
    saved_env, saved_cwd = dict(os.environ), Path.cwd()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    os.environ.update(env)
    os.chdir(cwd)
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), out, err
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


@pytest.fixture
def db(workspace_db: str) -> str:
    return workspace_db


def test_version_and_help() -> None:
    """In a real process: what the interpreter exits with."""
    out = planner_process("--version")
    assert out.returncode == 0
    assert out.stdout.startswith("planner 0.")
    out = planner_process("--help")
    assert out.returncode == 0
    for command in ("demo", "catalog", "plan", "tools"):
        assert command in out.stdout


def test_bad_usage_exits_2() -> None:
    out = planner_process("plan", "new", "x")
    assert out.returncode == 2
    assert "--start" in out.stderr
    out = planner_process("plan", "new", "x", "--start", "tomorrow", "--db", "/nonexistent/x.db")
    assert out.returncode == 2
    assert "not a date" in out.stderr


def test_plan_new_list_show_export(db: str, tmp_path: Path) -> None:
    out = planner(
        "--db", db, "plan", "new", "acme-2027", "--start", "2027-01-04", "--organisation", "Acme"
    )
    assert out.returncode == 0, out.stderr
    # --db is also accepted after the sub-command
    out = planner("plan", "list", "--db", db)
    assert out.returncode == 0
    assert "acme-2027" in out.stdout
    out = planner("plan", "show", "--db", db)
    assert out.returncode == 0
    assert "2027-02-04" in out.stdout and "2027-04-04" in out.stdout
    assert "2028-01-04" in out.stdout
    target = tmp_path / "out" / "acme.yaml"
    out = planner("plan", "export", "acme-2027", "-o", str(target), "--db", db)
    assert out.returncode == 0, out.stderr
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert document["schema"] == "planner.plan/1"
    assert document["plan"]["name"] == "acme-2027"
    assert [p["phase"] for p in document["roadmap"]] == ["discover", "inventory", "rollout"]
    # Same data, same bytes.
    again = planner("plan", "export", "acme-2027", "-o", "-", "--db", db)
    assert again.stdout == target.read_text(encoding="utf-8")


def test_export_default_path_is_plans_dir(db: str, tmp_path: Path) -> None:
    planner("--db", db, "plan", "new", "acme", "--start", "2027-01-04")
    out = planner("--db", db, "plan", "export", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "plans" / "acme.yaml").is_file()


def test_env_variable_chooses_the_workspace(db: str) -> None:
    out = planner("plan", "new", "envplan", "--start", "2027-01-04", env={"PLANNER_DB": db})
    assert out.returncode == 0, out.stderr
    assert "envplan" in planner("plan", "list", "--db", db).stdout


def test_duplicate_plan_and_missing_plan_are_one_line_errors(db: str) -> None:
    planner("--db", db, "plan", "new", "acme", "--start", "2027-01-04")
    out = planner("--db", db, "plan", "new", "acme", "--start", "2027-01-04")
    assert out.returncode == 1
    assert out.stderr.strip() == "planner: a plan named 'acme' already exists"
    out = planner("--db", db, "plan", "show", "ghost")
    assert out.returncode == 2
    assert out.stderr.strip() == "planner: no plan named 'ghost'"


def test_non_database_file_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "plan.txt"
    bogus.write_text("hello\n")
    out = planner("--db", str(bogus), "plan", "list")
    assert out.returncode == 2
    assert out.stderr.strip() == f"{bogus}: not a planner workspace (not a SQLite database)"
    assert "Traceback" not in out.stderr
    assert bogus.read_text() == "hello\n"


def test_catalog_list_show_validate() -> None:
    out = planner("catalog", "list")
    assert out.returncode == 0, out.stderr
    for product in ("jive", "yammer", "ibm-connections", "sharepoint", "linkedin"):
        assert product in out.stdout
    out = planner("catalog", "list", "--category", "public")
    assert "facebook" in out.stdout and "jive" not in out.stdout
    out = planner("catalog", "list", "--capability", "wiki")
    assert "jive" in out.stdout and "facebook" not in out.stdout
    out = planner("catalog", "show", "yammer")
    assert out.returncode == 0
    assert "viva-engage" in out.stdout
    out = planner("catalog", "show", "myspace")
    assert out.returncode == 2
    assert out.stderr.strip() == "planner: no product 'myspace' in the catalog"
    out = planner("catalog", "validate")
    assert out.returncode == 0, out.stderr
    assert ": ok" in out.stdout


def test_catalog_validate_reports_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "acme-social.yaml").write_text(
        "id: acme-social\nname: Acme Social\nvendor: Acme\ncategory: intranet\n"
        "summary: x\ncapabilities: [wiki, telepathy]\n"
        "strategy: {status: active, owner: Acme}\n",
        encoding="utf-8",
    )
    out = planner("catalog", "validate", str(tmp_path))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert any(
        line.startswith(f"{tmp_path / 'acme-social.yaml'}:4:") and "category" in line
        for line in lines
    ), lines
    assert "Traceback" not in out.stderr


def test_user_catalog_adds_products(tmp_path: Path) -> None:
    (tmp_path / "acme-social.yaml").write_text(
        "id: acme-social\nname: Acme Social\nvendor: Acme\ncategory: internal\n"
        "summary: Our own network.\ncapabilities: [wiki]\n"
        "strategy: {status: active, owner: Acme}\n",
        encoding="utf-8",
    )
    out = planner("--catalog", str(tmp_path), "catalog", "show", "acme-social")
    assert out.returncode == 0, out.stderr
    assert "Acme Social" in out.stdout


def test_demo_no_tui_builds_the_workspace(db: str) -> None:
    out = planner("demo", "--no-tui", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "demo workspace ready" in out.stderr
    out = planner("tools", "list", "--db", db)
    assert out.returncode == 0
    for name in ("Viva Engage", "Facebook", "LinkedIn", "Jive", "SharePoint"):
        assert name in out.stdout
    # Re-running without a terminal keeps the existing demo rather than resetting it.
    out = planner("demo", "--no-tui", "--db", db)
    assert out.returncode == 0
    out = planner("demo", "--no-tui", "--yes", "--db", db)
    assert out.returncode == 0
    assert "demo workspace ready" in out.stderr
