"""A built wheel carries the catalog and the migrations and uses them from any directory
(not just a checkout): it lists the catalog and upgrades a workspace of an older release."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT


@pytest.mark.slow
def test_wheel_ships_the_catalog(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(dist.glob("social_software_planner-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    licence = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
    assert len(licence) == 1, "the wheel carries the licence text"
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    with zipfile.ZipFile(wheel) as archive:
        headers = archive.read(metadata).decode()
    assert "Name: social-software-planner" in headers
    assert "License-Expression: MIT" in headers
    assert "planner/_catalog/capabilities.yaml" in names
    assert "planner/_catalog/sensitive.yaml" in names  # the Art. 9 list (adapters/sensitive)
    assert "planner/_catalog/enterprise-social/jive.yaml" in names
    assert "planner/tui/planner.tcss" in names
    for shipped in ("env.py", "script.py.mako", "versions/r0001_baseline.py"):
        assert f"planner/adapters/store/migrations/{shipped}" in names
    assert "planner/adapters/render/templates/report.html.j2" in names  # the HTML report's template

    # Run the unpacked wheel from an unrelated directory: the catalog comes from the package.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The five processes share their compiled modules (written into the temporary site by
    # the first, even where the environment says PYTHONDONTWRITEBYTECODE).
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "COLUMNS": "200"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        """A process of the unpacked wheel's Python, from the unrelated directory."""
        return subprocess.run(
            [sys.executable, *argv],
            cwd=elsewhere,
            env=env,
            text=True,
            capture_output=True,
            check=True,
            timeout=60,
        )

    probe = (
        "import planner, planner.adapters.catalog_files as c; "
        "print(planner.__file__); print(c.shipped_catalog_dir())"
    )
    out = run("-c", probe)
    module_file, catalog_dir = out.stdout.split()
    assert module_file.startswith(str(tmp_path / "site"))
    assert catalog_dir == str(tmp_path / "site" / "planner" / "_catalog")
    listing = run("-m", "planner", "catalog", "list")
    assert "ibm-connections" in listing.stdout

    # A workspace of the last release before Alembic, upgraded by the wheel's own migrations
    # (env.py and the revisions are loaded from the unpacked package), then read.
    old = elsewhere / "old.sqlite"
    shutil.copy(DATA / "workspaces" / "schema-1.sqlite", old)
    run("-m", "planner", "workspace", "upgrade", "--db", str(old))
    listing = run("-m", "planner", "plan", "list", "--db", str(old))
    assert "fixture" in listing.stdout
    assert (elsewhere / "old.sqlite.bak-schema1").is_file()
    state = run("-m", "planner", "workspace", "version", "--db", str(old))
    assert state.stdout.splitlines()[-1] == "up to date"
    unions = run("-m", "planner", "privacy", "sensitive", "list", "--format", "csv",
                 "--category", "trade-union", "--db", str(old))  # fmt: skip
    assert '"igmetall.de","trade-union"' in unions.stdout  # the list, from the package


@pytest.mark.slow
def test_the_sdist_is_complete_and_its_own_tests_load_from_it(tmp_path: Path) -> None:
    """What a downstream packager builds and tests from: licence, lock, demo plan, scripts
    and test data are inside, and the unpacked tree's tests load using its own code.

    Running them is .ci/run's step "a downstream packager's path" (the sdist unpacked, its
    lock and itself installed in a fresh venv, its tests' fast part run): here pytest only
    collects them, which imports their conftest and modules from the tree (a fifth of the
    CPU of running them, which repeated what that step does)."""
    dist = tmp_path / "dist"
    hatchling = Path(sys.executable).with_name("hatchling")
    subprocess.run(
        [str(hatchling), "build", "-t", "sdist", "-d", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    sdist = next(dist.glob("social_software_planner-*.tar.gz"))
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    [tree] = [p for p in tmp_path.iterdir() if p.name.startswith("social_software_planner-")]
    for shipped in (
        "LICENSE",
        "SECURITY.md",
        "requirements/test.lock",
        "plans/hexaline-2027.yaml",
        "scripts/new_revision.py",
        "catalog/capabilities.yaml",
        "catalog/sensitive.yaml",
        "docs/design.md",
        "tests/data/workspaces/schema-1.sqlite",
        ".ci/run",
    ):
        assert (tree / shipped).is_file(), f"the sdist lacks {shipped}"
    assert not (tree / ".venv").exists()
    env = {**os.environ, "PYTHONPATH": str(tree), "COLUMNS": "200"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-n",
            "0",
            "-m",
            "not slow",
            "--collect-only",
            "tests/unit/test_plan_diff.py",
            "tests/services/test_plan_io.py",
            "tests/cli/test_help.py",
        ],
        cwd=tree,
        env=env,
        text=True,
        capture_output=True,
        check=False,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " tests collected in " in run.stdout, run.stdout[-3000:]  # none failed to load
    probe = subprocess.run(
        [sys.executable, "-c", "import planner; print(planner.__file__)"],
        cwd=tree,
        env=env,
        text=True,
        capture_output=True,
        check=True,
    )
    assert probe.stdout.strip().startswith(str(tree))  # the sdist's code, not the checkout's
