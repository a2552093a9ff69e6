"""The committed lock covers every dependency pyproject.toml declares, within its ranges.

The README's test command installs through ``requirements/test.lock`` (``pip install -c``):
a constraint file silently ignores packages it does not name, so a dependency added to
``pyproject.toml`` but not to the lock would be installed at whatever version is newest
that day — exactly the drift the lock exists to prevent. These tests catch that, and a
lock edited by hand outside the declared ranges.
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


def _locked() -> dict[str, tuple[Version, Marker | None]]:
    pins: dict[str, tuple[Version, Marker | None]] = {}
    for raw in LOCK.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        [spec] = req.specifier  # every line is an exact pin
        assert spec.operator == "==", line
        pins[canonicalize_name(req.name)] = (Version(spec.version), req.marker)
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in [*project["dependencies"], *extras["test"]]]


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
    assert not mismatched, "install with `pip install -c requirements/test.lock`: " + "; ".join(
        mismatched
    )
