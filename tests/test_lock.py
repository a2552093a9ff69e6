"""The committed lock covers every dependency pyproject.toml declares, within its ranges.

The README's test command installs ``requirements/test.lock`` with ``--require-hashes``,
then planner itself without its dependencies: a dependency added to ``pyproject.toml`` but
not to the lock would be missing (or, installed some other way, at whatever version is
newest that day) — exactly the drift the lock exists to prevent. These tests catch that, a
lock edited by hand outside the declared ranges, and a pin without its hashes.
"""

from __future__ import annotations

import tomllib
from importlib import metadata

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT

LOCK = ROOT / "requirements" / "test.lock"


def _entries() -> list[str]:
    """The lock's requirement lines, each with its ``--hash`` continuation lines joined."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = (raw.split(" #", 1)[0].strip() for raw in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _locked() -> dict[str, tuple[Version, Marker | None]]:
    pins: dict[str, tuple[Version, Marker | None]] = {}
    for entry in _entries():
        line = entry.split(" --hash=", 1)[0].strip()
        req = Requirement(line)
        [spec] = req.specifier  # every line is an exact pin
        assert spec.operator == "==", line
        pins[canonicalize_name(req.name)] = (Version(spec.version), req.marker)
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "dependency-groups"
    ]
    declared = [*project["dependencies"], *extras["test"], *extras["postgres"], *groups["dev"]]
    return [Requirement(r) for r in declared]


def test_every_pin_carries_its_hashes() -> None:
    """``pip install --require-hashes`` refuses a pin without one: the lock is all or none."""
    unhashed = [entry for entry in _entries() if "--hash=sha256:" not in entry]
    assert not unhashed, f"pins without hashes (run make lock): {unhashed}"


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    locked = _locked()
    for req in _declared():
        name = canonicalize_name(req.name)
        assert name in locked, f"{req.name} is in pyproject.toml but not in the lock: make lock"
        version, _marker = locked[name]
        assert req.specifier.contains(version, prereleases=True), (
            f"{req.name}=={version} in the lock is outside pyproject.toml's {req.specifier}"
        )


def test_the_test_environment_is_the_locked_one() -> None:
    """What is installed here is what the lock says (the README's command was followed)."""
    mismatched = []
    for name, (version, marker) in _locked().items():
        if marker is not None and not marker.evaluate():
            continue
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            mismatched.append(f"{name}: not installed (lock: {version})")
            continue
        if installed != version:
            mismatched.append(f"{name}: {installed} installed, lock says {version}")
    assert not mismatched, (
        "install with `pip install --require-hashes -r requirements/test.lock`: "
        + "; ".join(mismatched)
    )
