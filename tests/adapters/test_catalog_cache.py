"""The parsed-catalog cache: used when nothing changed, never when anything did, never trusted."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import planner.adapters.yamlsafe as yamlsafe
from planner.adapters import catalog_cache
from planner.adapters.catalog_files import load_catalog, shipped_catalog_dir
from planner.bootstrap import Settings, bootstrap
from planner.domain.catalog import Catalog
from planner.errors import InputErrors
from tests.adapters.test_catalog_files import GOOD


@pytest.fixture
def yaml_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the YAML loader reads, in order (the cache path reads none)."""
    calls: list[Path] = []
    real = yamlsafe.load_yaml_file

    def counting(path: Path, **kwargs: int) -> yamlsafe.YamlDocument:
        calls.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(yamlsafe, "load_yaml_file", counting)
    return calls


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped catalog that a test may edit."""
    return Path(shutil.copytree(shipped_catalog_dir(), tmp_path / "shipped"))


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("catalog-*.json"))


def _same(a: Catalog, b: Catalog) -> bool:
    return list(a.capabilities.items()) == list(b.capabilities.items()) and list(a) == list(b)


def test_second_load_comes_from_the_cache(
    shipped: Path, cache: Path, yaml_loads: list[Path]
) -> None:
    first = load_catalog(shipped=shipped, cache_dir=cache)
    # every file but the infrastructure and sensitive-sites lists, not the catalog's products
    assert len(yaml_loads) == len(list(shipped.rglob("*.yaml"))) - 2
    assert len(_entries(cache)) == 1
    yaml_loads.clear()
    second = load_catalog(shipped=shipped, cache_dir=cache)
    assert yaml_loads == []
    assert second is not first and _same(first, second)
    # Products come back as the domain's objects, equal to freshly parsed ones.
    assert _same(second, load_catalog(shipped=shipped))
    jive = second.get("jive")
    assert jive is not None and jive.strategy.history[1].date is not None


def test_an_edit_is_seen_even_with_same_size_and_time(
    shipped: Path, cache: Path, yaml_loads: list[Path]
) -> None:
    load_catalog(shipped=shipped, cache_dir=cache)
    jive = shipped / "enterprise-social" / "jive.yaml"
    before = jive.stat()
    text = jive.read_text(encoding="utf-8")
    jive.write_text(text.replace("name: Jive\n", "name: Jivo\n"), encoding="utf-8")
    os.utime(jive, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert jive.stat().st_size == before.st_size
    yaml_loads.clear()
    product = load_catalog(shipped=shipped, cache_dir=cache).get("jive")
    assert product is not None and product.name == "Jivo"
    assert yaml_loads  # read again
    # Back to the first state: its entry is still there and used.
    jive.write_text(text, encoding="utf-8")
    yaml_loads.clear()
    product = load_catalog(shipped=shipped, cache_dir=cache).get("jive")
    assert product is not None and product.name == "Jive"
    assert yaml_loads == []


def test_adding_and_removing_a_file_is_seen(
    shipped: Path, cache: Path, tmp_path: Path, yaml_loads: list[Path]
) -> None:
    extra = tmp_path / "mine"
    extra.mkdir()
    assert load_catalog([extra], shipped=shipped, cache_dir=cache).get("acme-social") is None
    (extra / "acme-social.yaml").write_text(GOOD, encoding="utf-8")
    assert load_catalog([extra], shipped=shipped, cache_dir=cache).get("acme-social") is not None
    (extra / "acme-social.yaml").unlink()
    assert load_catalog([extra], shipped=shipped, cache_dir=cache).get("acme-social") is None
    # A shipped product file removed (and its capabilities still valid) is seen as well.
    (shipped / "enterprise-social" / "jive.yaml").unlink()
    assert load_catalog(shipped=shipped, cache_dir=cache).get("jive") is None


@pytest.mark.skipif(os.name != "posix", reason="file names as bytes")
def test_a_file_name_that_is_not_utf8_is_keyed(
    shipped: Path, cache: Path, tmp_path: Path, yaml_loads: list[Path]
) -> None:
    extra = tmp_path / "mine"
    extra.mkdir()
    name = os.fsencode(extra) + b"/caf\xe9.yaml"
    with open(name, "wb") as fh:
        fh.write(GOOD.encode())
    assert load_catalog([extra], shipped=shipped, cache_dir=cache).get("acme-social") is not None
    yaml_loads.clear()
    assert load_catalog([extra], shipped=shipped, cache_dir=cache).get("acme-social") is not None
    assert yaml_loads == []


def test_a_catalog_directory_is_part_of_the_key(
    shipped: Path, cache: Path, tmp_path: Path, yaml_loads: list[Path]
) -> None:
    extra = tmp_path / "mine"
    extra.mkdir()
    (extra / "acme-social.yaml").write_text(GOOD, encoding="utf-8")
    alone = load_catalog(shipped=shipped, cache_dir=cache)
    with_mine = load_catalog([extra], shipped=shipped, cache_dir=cache)
    assert alone.get("acme-social") is None and with_mine.get("acme-social") is not None
    assert len(_entries(cache)) == 2
    # The same files in another directory are another catalog (the key holds the path).
    other = Path(shutil.copytree(extra, tmp_path / "other"))
    assert catalog_cache.cache_key([shipped, other]) != catalog_cache.cache_key([shipped, extra])
    yaml_loads.clear()
    again = load_catalog(shipped=shipped, cache_dir=cache)
    assert yaml_loads == [] and again.get("acme-social") is None


def _valid_entry_with(body: dict[str, object], key: str) -> bytes:
    payload = json.dumps(body).encode()
    header = {
        "format": catalog_cache.FORMAT,
        "key": key,
        "sha256": catalog_cache.hashlib.sha256(payload).hexdigest(),
    }
    return json.dumps(header).encode() + b"\n" + payload


def _corruptions(good: bytes, key: str) -> dict[str, bytes]:
    header, _, payload = good.partition(b"\n")
    body = json.loads(payload)
    body["products"][0]["id"] = "Not A Slug"
    twice = json.loads(payload)
    twice["products"].append(twice["products"][0])
    extra = json.loads(payload)
    extra["products"][0]["typo"] = "a key the schema refuses"
    dated = json.loads(payload)
    dated["products"][0]["strategy"]["retired_on"] = "2024-02-30"
    return {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "not json": b"\x00\xff garbage \xfe",
        "nested": b"[" * 100_000,
        "foreign json": b'{"hello": "world"}\n{}',
        "other key": good.replace(key.encode(), b"0" * 64),
        "payload edited": header + b"\n" + payload.replace(b"Jive Software", b"Jive Softwarf"),
        "invalid product": _valid_entry_with(body, key),
        "duplicate product": _valid_entry_with(twice, key),
        "unknown key": _valid_entry_with(extra, key),
        "impossible date": _valid_entry_with(dated, key),
        "wrong shape": _valid_entry_with({"capabilities": {}, "products": 3}, key),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "empty",
        "truncated",
        "not json",
        "nested",
        "foreign json",
        "other key",
        "payload edited",
        "invalid product",
        "duplicate product",
        "unknown key",
        "impossible date",
        "wrong shape",
    ],
)
def test_a_corrupt_cache_file_is_ignored_and_rewritten(
    shipped: Path, cache: Path, yaml_loads: list[Path], kind: str
) -> None:
    fresh = load_catalog(shipped=shipped, cache_dir=cache)
    (entry,) = _entries(cache)
    good = entry.read_bytes()
    key = catalog_cache.cache_key([shipped])
    entry.write_bytes(_corruptions(good, key)[kind])
    yaml_loads.clear()
    catalog = load_catalog(shipped=shipped, cache_dir=cache)
    assert yaml_loads, "the corrupt entry was used"
    assert _same(catalog, fresh)
    assert entry.read_bytes() == good  # rewritten
    yaml_loads.clear()
    load_catalog(shipped=shipped, cache_dir=cache)
    assert yaml_loads == []


def test_an_invalid_catalog_is_reported_on_every_run(
    shipped: Path, cache: Path, tmp_path: Path, yaml_loads: list[Path]
) -> None:
    extra = tmp_path / "mine"
    extra.mkdir()
    bad = extra / "acme-social.yaml"
    bad.write_text(GOOD.replace("category: internal", "category: intranet"), encoding="utf-8")
    for _ in range(3):
        yaml_loads.clear()
        with pytest.raises(InputErrors) as info:
            load_catalog([extra], shipped=shipped, cache_dir=cache)
        assert any(str(e).startswith(f"{bad}:4:") for e in info.value.errors)
        assert bad in yaml_loads
    assert _entries(cache) == []
    bad.write_text(GOOD, encoding="utf-8")
    assert load_catalog([extra], shipped=shipped, cache_dir=cache).get("acme-social") is not None
    assert len(_entries(cache)) == 1


def test_a_missing_directory_is_reported_not_cached(shipped: Path, cache: Path) -> None:
    with pytest.raises(InputErrors):
        load_catalog([shipped / "nope"], shipped=shipped, cache_dir=cache)
    assert not cache.exists()


def test_an_unwritable_cache_never_stops_a_command(shipped: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory should be", encoding="utf-8")
    assert len(load_catalog(shipped=shipped, cache_dir=blocked / "catalog")) > 0
    assert len(load_catalog(shipped=shipped, cache_dir=blocked)) > 0


def test_old_entries_are_pruned(shipped: Path, cache: Path, tmp_path: Path) -> None:
    for n in range(catalog_cache.KEEP + 3):
        extra = tmp_path / f"mine-{n}"
        extra.mkdir()
        load_catalog([extra], shipped=shipped, cache_dir=cache)
    stale = cache / ".catalog-killed-writer.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    load_catalog(shipped=shipped, cache_dir=cache)
    assert len(_entries(cache)) == catalog_cache.KEEP
    assert not stale.exists()


def test_the_planner_caches_in_the_user_cache_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, yaml_loads: list[Path]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    db = str(tmp_path / "ws.sqlite")
    assert len(bootstrap(Settings(db=db)).catalog) > 0
    assert len(_entries(tmp_path / "xdg-cache" / "planner" / "catalog")) == 1
    yaml_loads.clear()
    assert len(bootstrap(Settings(db=db)).catalog) > 0
    assert yaml_loads == []
    # Turned off, it neither reads nor writes the cache.
    assert len(bootstrap(Settings(db=db, catalog_cache=False)).catalog) > 0
    assert yaml_loads
