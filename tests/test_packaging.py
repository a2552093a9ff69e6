"""A built wheel carries the catalog and the migrations and uses them from any directory
(not just a checkout): it lists the catalog and upgrades a workspace of an older release."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    wheel = next(dist.glob("planner-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert "planner/_catalog/capabilities.yaml" in names
    assert "planner/_catalog/enterprise-social/jive.yaml" in names
    assert "planner/tui/planner.tcss" in names
    for shipped in ("env.py", "script.py.mako", "versions/r0001_baseline.py"):
        assert f"planner/adapters/store/migrations/{shipped}" in names
    assert "planner/adapters/render/templates/report.html.j2" in names  # the HTML report's template

    # Run the unpacked wheel from an unrelated directory: the catalog comes from the package.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "COLUMNS": "200"}
    probe = (
        "import planner, planner.adapters.catalog_files as c; "
        "print(planner.__file__); print(c.shipped_catalog_dir())"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=elsewhere,
        env=env,
        text=True,
        capture_output=True,
        check=True,
        timeout=60,
    )
    module_file, catalog_dir = out.stdout.split()
    assert module_file.startswith(str(tmp_path / "site"))
    assert catalog_dir == str(tmp_path / "site" / "planner" / "_catalog")
    listing = subprocess.run(
        [sys.executable, "-m", "planner", "catalog", "list"],
        cwd=elsewhere,
        env=env,
        text=True,
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert "ibm-connections" in listing.stdout

    # A workspace of the last release before Alembic opens, upgraded by the wheel's own
    # migrations (env.py and the revisions are loaded from the unpacked package).
    old = elsewhere / "old.sqlite"
    shutil.copy(DATA / "workspaces" / "schema-1.sqlite", old)
    listing = subprocess.run(
        [sys.executable, "-m", "planner", "plan", "list", "--db", str(old)],
        cwd=elsewhere,
        env=env,
        text=True,
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert "fixture" in listing.stdout
    assert (elsewhere / "old.sqlite.bak-schema1").is_file()
    state = subprocess.run(
        [sys.executable, "-m", "planner", "workspace", "version", "--db", str(old)],
        cwd=elsewhere,
        env=env,
        text=True,
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert state.stdout.splitlines()[-1] == "up to date"
