"""The core stays headless and the command line stays fast: checked in fresh interpreters."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    return set(out.stdout.split())


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
        "planner.adapters.svg",
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
