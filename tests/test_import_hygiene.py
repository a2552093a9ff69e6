"""The core stays headless and the command line stays fast: checked in fresh interpreters."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _probe(code: str, timeout: float = 300) -> str:
    """What ``code`` prints, run in a fresh interpreter (its imports are its own)."""
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    return set(_probe(probe, timeout=60).split())


@pytest.mark.parametrize(
    "module",
    [
        "planner.domain.catalog",
        "planner.domain.plan",
        "planner.domain.roadmap",
        "planner.domain.progress",
        "planner.services.plans",
        "planner.services.plan_file",
        "planner.services.demo",
        "planner.services.report_html",
        "planner.adapters.render.svg",
        "planner.adapters.catalog_files",
        "planner.bootstrap",
    ],
)
def test_core_imports_neither_textual_nor_rich(module: str) -> None:
    loaded = _modules_after(f"import {module}")
    assert not {m for m in loaded if m.split(".")[0] in {"textual", "rich"}}


def test_cli_help_loads_no_heavy_library() -> None:
    loaded = _modules_after(
        "import contextlib, io\nfrom planner.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])"
    )
    heavy = {"textual", "rich", "sqlalchemy", "sqlmodel", "pydantic", "yaml"}
    assert not {m.split(".")[0] for m in loaded} & heavy


def test_cli_commands_do_not_import_textual(tmp_path: object) -> None:
    loaded = _modules_after(
        "import contextlib, io\nfrom planner.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['catalog', 'list'])"
    )
    assert "textual" not in {m.split(".")[0] for m in loaded}


def _planner_cmd(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )


def _top_modules_after_command(*args: str) -> set[str]:
    loaded = _modules_after(
        "import contextlib, io\nfrom planner.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({list(args)!r}) == 0"
    )
    return {m.split(".")[0] for m in loaded}


# What a read-only command must not load: the TUI, schema migrations, other engines' drivers,
# the HTML report's templates.
NOT_FOR_READING = {"textual", "alembic", "psycopg", "psycopg2", "jinja2"}


@pytest.mark.parametrize("command", [["plan", "list"], ["tools", "list"], ["candidates"]])
def test_read_only_workspace_commands_load_no_tui_nor_migrations(
    tmp_path: Path, command: list[str]
) -> None:
    db = str(tmp_path / "ws.sqlite")
    _planner_cmd("plan", "new", "acme", "--start", "2027-01-04", "--db", db)
    _planner_cmd("catalog", "list")  # the catalog cache is warm, as after any first command
    loaded = _top_modules_after_command(*command, "--db", db)
    assert not loaded & NOT_FOR_READING
    # With the catalog cached, no YAML is parsed and the domain's YAML loader stays unloaded.
    assert "yaml" not in loaded
    assert "sqlalchemy" in loaded  # the probe did run the command


def test_catalog_list_from_the_cache_parses_no_yaml() -> None:
    _planner_cmd("catalog", "list")
    loaded = _top_modules_after_command("catalog", "list")
    assert not loaded & {"yaml", "sqlalchemy", "sqlmodel", *NOT_FOR_READING}


# The read-only commands that query through Core (adapters/store/reads*.py): they must not
# build the SQLModel table classes, nor load SQLModel, the ORM or Alembic, which were most of their
# start-up (docs/benchmarks.md). Run one after the other in one process: the first that
# loads any of them is named.
CORE_READERS = [
    ["plan", "list"],
    ["plan", "show"],
    ["tools", "list"],
    ["tools", "show", "slack"],
    ["candidates"],
    ["vendors", "list"],
    ["inventory", "report"],
    ["risks", "list"],
    ["pilot", "list"],
    ["feature", "list"],
    ["training", "list"],
    ["readiness", "list"],
    ["rollout", "show"],
    ["timeline"],
    ["contract", "list"],
    ["costs"],
    ["exit", "list"],
    ["audience", "list"],
    ["privacy", "record"],
    ["privacy", "sensitive", "list"],
    ["workspace", "version"],
    ["discover", "hosts"],
    ["discover", "hosts", "--all"],  # the demo's hosts are all matched: --all lists some
    ["discover", "hosts", "--by", "domain"],
    ["discover", "hosts", "--all", "--by", "domain"],
    ["plan", "report"],
    ["plan", "report", "--format", "html"],
]
ORM = ("sqlmodel", "sqlalchemy.orm", "planner.adapters.store.tables", "alembic")
# Validating a plan file checks it against the definitions' plain pydantic copies
# (domain/records/plain): neither SQLModel and the ORM, nor the SQLModel definitions, nor
# the repositories the import's merge writes through.
VALIDATOR = ["plan", "validate"]
NOT_FOR_VALIDATING = (
    *ORM,
    "planner.domain.records.inventory",
    "planner.domain.records.pilot",
    "planner.domain.records.contract",
    "planner.adapters.store.repository",
    "planner.adapters.store.plan_store",
)


def test_core_read_commands_load_neither_the_orm_nor_the_table_classes(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.sqlite")
    plan_file = str(tmp_path / "plan.yaml")
    _planner_cmd("demo", "--no-tui", "--db", db)
    _planner_cmd("plan", "export", "hexaline-2027", "-o", plan_file, "--db", db)
    _planner_cmd("catalog", "list")  # the catalog cache is warm, as after any first command
    checks = [(command, ORM) for command in CORE_READERS]
    checks.append(([*VALIDATOR, plan_file], NOT_FOR_VALIDATING))
    probe = textwrap.dedent(
        f"""
        import contextlib, io, sys
        from planner.cli import main
        for command, forbidden in {checks!r}:
            with contextlib.redirect_stdout(io.StringIO()):
                assert main([*command, "--db", {db!r}]) == 0, command
            loaded = sorted(m for m in sys.modules if m.startswith(forbidden))
            if loaded:
                print(" ".join(command), loaded[:3])
                break
        """
    )
    assert _probe(probe) == ""


def test_validating_a_plan_file_reads_its_workspace_without_sqlalchemy(tmp_path: Path) -> None:
    """``plan validate`` needs of the workspace only the catalog directories it remembers
    (``catalog_memory``): read from the file by ``sqlite3``, SQLAlchemy's import (some
    0.15 s, a third of the command's start-up) is not paid."""
    db = str(tmp_path / "ws.sqlite")
    plan_file = str(tmp_path / "plan.yaml")
    _planner_cmd("plan", "new", "acme", "--start", "2027-01-04", "--db", db)
    _planner_cmd("plan", "export", "acme", "-o", plan_file, "--db", db)
    _planner_cmd("catalog", "list")  # the catalog cache is warm, as after any first command
    loaded = _top_modules_after_command("plan", "validate", plan_file, "--db", db)
    assert "sqlalchemy" not in loaded
    assert "sqlite3" in loaded  # the workspace was read all the same


# With the catalog cached, the catalog comes as the domain's plain objects (adapters/
# catalog_decode): a read command does not import pydantic, a fifth of `plan report`'s
# start-up. Only `privacy sensitive list` reads a YAML list of its own with a pydantic model.
WITH_PYDANTIC = [["privacy", "sensitive", "list"]]


def test_read_commands_on_a_cached_catalog_do_not_import_pydantic(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.sqlite")
    _planner_cmd("demo", "--no-tui", "--db", db)
    _planner_cmd("catalog", "list")  # the catalog cache is warm, as after any first command
    commands = [c for c in CORE_READERS if c not in WITH_PYDANTIC]
    commands += [["catalog", "list"], ["catalog", "show", "jamespot"]]
    probe = textwrap.dedent(
        f"""
        import contextlib, io, sys
        from planner.cli import main
        for command in {commands!r}:
            with contextlib.redirect_stdout(io.StringIO()):
                assert main([*command, "--db", {db!r}]) == 0, command
            if "pydantic" in sys.modules:
                print(" ".join(command))
                break
        assert "planner.adapters.catalog_decode" in sys.modules  # the cache was read
        """
    )
    assert _probe(probe) == ""


# The imports write evidence and tools through the Core tables (``core_schema``,
# ``store/import_repo``): building the table classes was a third of a small log's import.
IMPORTS = [
    ["discover", "import", "tests/data/discover/week1.squid.log"],
    [
        "discover",
        "import",
        "tests/data/discover/week1.squid.log",
        "tests/data/discover/week2.squid.log",
    ],
    ["discover", "import", "tests/data/logs/aggregate.csv"],
    ["discover", "import", "tests/data/logs/entra_signins.csv"],
    ["discover", "import", "tests/data/discover/survey.csv"],
]
NOT_FOR_IMPORTING = ("planner.adapters.store.tables", "planner.adapters.store.repository")


@pytest.mark.parametrize("command", IMPORTS, ids=lambda c: " ".join(c[2:]).split("/")[-1])
def test_imports_build_no_table_class(tmp_path: Path, command: list[str]) -> None:
    db = str(tmp_path / "ws.sqlite")
    _planner_cmd("plan", "new", "acme", "--start", "2026-01-05", "--db", db)
    probe = textwrap.dedent(
        f"""
        import contextlib, io, sys
        from planner.cli import main
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert main({[*command, "--db", db]!r}) == 0
        print(sorted(m for m in sys.modules if m.startswith({NOT_FOR_IMPORTING!r}))[:3])
        assert "planner.adapters.store.evidence" in sys.modules  # the import did run
        """
    )
    assert _probe(probe, timeout=120) == "[]"


def test_guessing_a_big_logs_format_imports_no_pydantic() -> None:
    """A big log's early read guesses its format before its helpers start (``early.start``):
    the field-map profiles' reader, which imports pydantic, is not among the guesses."""
    probe = textwrap.dedent(
        """
        import sys
        from planner.adapters.sources.logs import sniff_format
        head = open("tests/data/logs/squid_native.log", "rb").read(65536)
        assert sniff_format(head, source="squid_native.log") == "squid"
        print(sorted(m for m in sys.modules if m.split(".")[0] == "pydantic"
                     or m.endswith("logs.profiles")))
        """
    )
    assert _probe(probe) == "[]"
