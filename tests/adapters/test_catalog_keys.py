"""The catalog cache's key remembered by stats (``catalog_keys``): used while nothing changed,
never once anything did, never trusted.

Files a test has just written are too recent to be remembered (the "racily clean" rule), so
here the clock says a minute later: every key is remembered as soon as it is computed, and
the cache's own tests run again in that mode (imported below)."""

# The fixtures imported from the cache's tests are named again as test arguments.
# ruff: noqa: F811

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from planner.adapters import catalog_cache, catalog_keys
from planner.adapters.catalog_files import load_catalog
from tests.adapters.test_catalog_cache import (  # noqa: F401  (run again, keys remembered)
    cache,
    shipped,
    test_a_catalog_directory_is_part_of_the_key,
    test_a_corrupt_cache_file_is_ignored_and_rewritten,
    test_a_file_name_that_is_not_utf8_is_keyed,
    test_a_missing_directory_is_reported_not_cached,
    test_adding_and_removing_a_file_is_seen,
    test_an_edit_is_seen_even_with_same_size_and_time,
    test_an_invalid_catalog_is_reported_on_every_run,
    test_an_unwritable_cache_never_stops_a_command,
    test_second_load_comes_from_the_cache,
    yaml_loads,
)
from tests.adapters.test_catalog_files import GOOD


@pytest.fixture(autouse=True)
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog_keys, "now", lambda: time.time() + 60)


@pytest.fixture
def keys_computed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the key was computed from the files' content."""
    calls: list[int] = []
    real = catalog_cache.cache_key

    def counting(directories: object) -> str:
        calls.append(1)
        return real(directories)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog_cache, "cache_key", counting)
    return calls


def test_the_key_is_remembered_while_nothing_changes(
    shipped: Path, cache: Path, keys_computed: list[int]
) -> None:
    first = load_catalog(shipped=shipped, cache_dir=cache)
    assert len(keys_computed) == 2  # computed, and checked again after reading the files
    keys_computed.clear()
    second = load_catalog(shipped=shipped, cache_dir=cache)
    assert keys_computed == []
    assert list(second) == list(first)


def test_an_edit_with_its_time_set_back_is_seen(
    shipped: Path, cache: Path, keys_computed: list[int]
) -> None:
    load_catalog(shipped=shipped, cache_dir=cache)
    load_catalog(shipped=shipped, cache_dir=cache)
    jive = shipped / "enterprise-social" / "jive.yaml"
    before = jive.stat()
    text = jive.read_text(encoding="utf-8")
    time.sleep(0.01)
    jive.write_text(text.replace("name: Jive\n", "name: Jivo\n"), encoding="utf-8")
    os.utime(jive, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (jive.stat().st_size, jive.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    keys_computed.clear()
    product = load_catalog(shipped=shipped, cache_dir=cache).get("jive")
    assert product is not None and product.name == "Jivo"
    assert keys_computed


def test_a_file_added_to_a_family_folder_is_seen(shipped: Path, cache: Path) -> None:
    load_catalog(shipped=shipped, cache_dir=cache)
    assert load_catalog(shipped=shipped, cache_dir=cache).get("acme-social") is None
    (shipped / "enterprise-social" / "acme-social.yaml").write_text(GOOD, encoding="utf-8")
    assert load_catalog(shipped=shipped, cache_dir=cache).get("acme-social") is not None


def test_recent_files_are_not_remembered(
    shipped: Path, cache: Path, keys_computed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog_keys, "now", time.time)  # the files were copied just now
    load_catalog(shipped=shipped, cache_dir=cache)
    keys_computed.clear()
    load_catalog(shipped=shipped, cache_dir=cache)
    assert keys_computed  # computed again: nothing was remembered


@pytest.mark.parametrize("text", ["", "{", "[]", '{"format": 1, "entries": {"x": 1}}', "\0"])
def test_a_corrupt_keys_file_is_a_miss(shipped: Path, cache: Path, text: str) -> None:
    load_catalog(shipped=shipped, cache_dir=cache)
    (cache / "stat-keys.json").write_text(text, encoding="utf-8")
    assert load_catalog(shipped=shipped, cache_dir=cache).get("jive") is not None
    assert load_catalog(shipped=shipped, cache_dir=cache).get("jive") is not None


def test_a_keys_file_pointing_elsewhere_is_checked(shipped: Path, cache: Path) -> None:
    """A remembered key whose cache entry is not this catalog's: the entry's own checks
    (its key, its digest) still hold, and a wrong key names no entry of this state."""
    load_catalog(shipped=shipped, cache_dir=cache)
    keys = cache / "stat-keys.json"
    keys.write_text(keys.read_text(encoding="utf-8").replace('"key":"', '"key":"0'), "utf-8")
    product = load_catalog(shipped=shipped, cache_dir=cache).get("jive")
    assert product is not None and product.name == "Jive"
