"""The layers hold: import-linter's contracts (pyproject.toml ``[tool.importlinter]``) are
kept, as ``.ci/run`` checks. Run here too so that a layering mistake fails where the
developer runs tests, with the chain of imports that breaks it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import ROOT


def _lint_imports(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe is not None, "import-linter is in the test extra"
    return subprocess.run(
        [exe, "--no-cache", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_every_contract_is_kept() -> None:
    out = _lint_imports()
    assert out.returncode == 0, out.stdout + out.stderr
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]["contracts"]
    for contract in contracts:
        assert f"{contract['name']} KEPT" in out.stdout
    assert "0 broken" in out.stdout


def test_a_service_importing_the_cli_breaks_a_contract(tmp_path: Path) -> None:
    """The contracts bite: a copy of the package with one forbidden import fails."""
    shutil.copytree(ROOT / "planner", tmp_path / "planner")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    offender = tmp_path / "planner" / "services" / "offender.py"
    offender.write_text("def f() -> None:\n    from planner.cli import output  # noqa\n")
    out = _lint_imports(cwd=tmp_path)
    assert out.returncode == 1
    assert "services never import the front ends BROKEN" in out.stdout
    assert "planner.services.offender -> planner.cli.output" in out.stdout
