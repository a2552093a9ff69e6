"""A cache of the parsed vendor catalog, so that a command does not re-read ~30 YAML files.

One JSON file per catalog state, in the user cache directory (``~/.cache/planner/catalog``
on Linux; platformdirs, so ``XDG_CACHE_HOME`` moves it). Its name is a SHA-256 of
everything the parsed catalog depends on:

* the catalog directories, in order, and the name and **content** of every file the loader
  reads in each (not sizes and times: an edit within the file system's time resolution
  still changes the key);
* the code that reads them: the planner's ``adapters`` and ``domain`` sources, this
  planner's version, and the installed PyYAML (its module file, size and time).

So any change to a file, a file added or removed, or another ``--catalog DIR`` gives
another key, and a stale entry is never used (old entries are pruned as new ones are
written). Reading the cache never trusts it: the file must carry the same key and a
SHA-256 of its payload, the payload must be JSON of the expected shape, and each product and
capability is checked again against the domain's declared fields and constraints
(``adapters/catalog_decode``: no YAML, and no pydantic). A
corrupt, truncated or foreign file is a miss: the catalog is read from YAML and the entry
rewritten. Only a catalog that loaded without a single error is written, atomically (temp
file, fsync, rename), so an invalid catalog is read and reported on every run. A cache
that cannot be read or written never stops a command.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner import __version__
from planner.adapters.catalog_files import files_read
from planner.adapters.files import replace_quietly

if TYPE_CHECKING:
    from planner.domain.catalog import Catalog

FORMAT = 1
KEEP = 8  # cache files kept (one per catalog state: shipped alone, with --catalog DIR, ...)
MAX_CACHE_FILE = 16 * 1024 * 1024
STALE_TEMP_S = 3600.0
_PACKAGE = Path(__file__).resolve().parent.parent
_CODE_DIRS = ("adapters", "domain")


class _NoKey(Exception):
    """A catalog directory that cannot be keyed; the loader will report what is wrong."""


def _code_files() -> list[Path]:
    """The sources of the code that reads the files: this planner's adapters and domain."""
    return [path for name in _CODE_DIRS for path in sorted((_PACKAGE / name).rglob("*.py"))]


def _yaml_origin() -> str | None:
    spec = find_spec("yaml")
    return spec.origin if spec is not None else None


def _code_fingerprint() -> bytes:
    """What reads the files: this planner's adapters and domain sources, and PyYAML."""
    digest = hashlib.sha256(f"planner {__version__} cache {FORMAT}\0".encode())
    for path in _code_files():
        digest.update(os.fsencode(path.relative_to(_PACKAGE)) + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    origin = _yaml_origin()
    if origin:
        stat = Path(origin).stat()
        digest.update(os.fsencode(origin) + f" {stat.st_size} {stat.st_mtime_ns}\0".encode())
    return digest.digest()


def cache_key(directories: Sequence[Path]) -> str:
    """The key of the catalog that ``directories`` hold; _NoKey if one cannot be read."""
    try:
        digest = hashlib.sha256(_code_fingerprint())
        for index, directory in enumerate(directories):
            if not directory.is_dir():
                raise _NoKey(str(directory))
            digest.update(f"dir {index} ".encode() + os.fsencode(directory.resolve()) + b"\0")
            for path in files_read(directory):
                relative = path.relative_to(directory).as_posix()  # the family is the folder
                digest.update(b"file " + os.fsencode(relative) + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    except OSError as exc:
        raise _NoKey(str(exc)) from exc
    return digest.hexdigest()


def _entry(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"catalog-{key}.json"


def read(cache_dir: Path, key: str) -> Catalog | None:
    """The cached catalog for ``key``, or None if there is none or it does not check out."""
    path = _entry(cache_dir, key)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_CACHE_FILE + 1)
    except OSError:
        return None
    if len(data) > MAX_CACHE_FILE:
        return None
    try:
        return _decode(data, key)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        # Not JSON, the wrong shape, another key or format, or a value the catalog's
        # constraints refuse (adapters/catalog_decode): rebuilt from the YAML files.
        return None


def _decode(data: bytes, key: str) -> Catalog | None:
    from planner.adapters.catalog_decode import decode
    from planner.domain.catalog import Capability, Catalog, Product

    header_line, _, payload = data.partition(b"\n")
    header = json.loads(header_line)
    if (
        not isinstance(header, dict)
        or header.get("format") != FORMAT
        or header.get("key") != key
        or header.get("sha256") != hashlib.sha256(payload).hexdigest()
    ):
        return None
    # Each product and capability checked against its declared fields and made as the
    # domain's plain object, without pydantic (adapters/catalog_decode): a read command's
    # start-up no longer pays for it.
    body = json.loads(payload)
    if type(body) is not dict:
        return None
    capabilities = [decode(Capability, c) for c in _list(body["capabilities"])]
    products = [decode(Product, p) for p in _list(body["products"])]
    catalog = Catalog(capabilities, products)
    if len(catalog.capabilities) != len(capabilities) or len(catalog) != len(products):
        return None  # duplicate ids: not something the loader would have written
    return catalog


def _list(value: object) -> list[Any]:
    if type(value) is not list:
        raise ValueError("catalog cache: not a list")
    return value


def encode(catalog: Catalog, key: str) -> bytes:
    from planner.adapters.catalog_decode import encode as jsonable

    body = {
        "capabilities": [jsonable(c) for c in catalog.capabilities.values()],
        "products": [jsonable(p) for p in catalog],
    }
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {"format": FORMAT, "key": key, "sha256": hashlib.sha256(payload).hexdigest()}
    return json.dumps(header).encode("ascii") + b"\n" + payload


def write(cache_dir: Path, key: str, catalog: Catalog) -> None:
    """Store ``catalog`` under ``key`` atomically; give up silently if the disk says no."""
    path = _entry(cache_dir, key)
    if not replace_quietly(path, encode(catalog, key)):
        return
    _prune(cache_dir, keep=path)


def _prune(cache_dir: Path, keep: Path) -> None:
    """Keep the KEEP newest entries; drop temp files a killed writer left behind."""
    now = time.time()
    with contextlib.suppress(OSError):
        entries = []
        for path in cache_dir.iterdir():
            with contextlib.suppress(OSError):
                mtime = path.stat().st_mtime
                if path.name.startswith((".catalog-", ".stat-keys")) and path.name.endswith(".tmp"):
                    if now - mtime > STALE_TEMP_S:
                        path.unlink()
                elif path.name.startswith("catalog-") and path.suffix == ".json" and path != keep:
                    entries.append((mtime, path))
        for _, path in sorted(entries, reverse=True)[KEEP - 1 :]:
            with contextlib.suppress(OSError):
                path.unlink()


def load_cached(
    directories: Sequence[Path], cache_dir: Path, load: Callable[[Sequence[Path]], Catalog]
) -> Catalog:
    """The catalog in ``directories``: from the cache when it holds this state, else ``load``."""
    try:
        key = _known_key(directories, cache_dir)
    except _NoKey:
        return load(directories)  # a missing or unreadable directory: let the loader say so
    catalog = read(cache_dir, key)
    if catalog is None:
        catalog = load(directories)  # raises InputErrors for an invalid catalog: nothing cached
        with contextlib.suppress(_NoKey):
            # A file edited while it was being read: not stored under either state's key.
            if cache_key(directories) == key:
                write(cache_dir, key, catalog)
    return catalog


def _known_key(directories: Sequence[Path], cache_dir: Path) -> str:
    """``cache_key(directories)``, remembered by its files' stats (``catalog_keys``) so that
    the ~380 files are read and hashed again only when one of them changed."""
    from planner.adapters import catalog_keys

    fixed = f"planner {__version__} cache {FORMAT}"
    try:
        resolved = [d.resolve() for d in directories]
    except (OSError, RuntimeError):
        return cache_key(directories)
    key = catalog_keys.remembered(cache_dir, resolved, fixed)
    if key is not None:
        return key
    started = catalog_keys.now()
    try:
        origin = _yaml_origin()
        files = [
            *_code_files(),
            *([Path(origin)] if origin else []),
            *(f for d in resolved if d.is_dir() for f in files_read(d)),
        ]
        before = catalog_keys.stats([_PACKAGE / n for n in _CODE_DIRS] + resolved, files)
    except OSError:
        return cache_key(directories)
    key = cache_key(directories)
    catalog_keys.remember(cache_dir, resolved, fixed, key, before, started)
    return key
