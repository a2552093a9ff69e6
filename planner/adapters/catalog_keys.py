"""The catalog cache's key, remembered by the files' stats so that it is not recomputed.

Why this exists: the cache key (``catalog_cache.cache_key``) is a SHA-256 of the content of
every catalog file and of every source file of the code that reads them: some 380 files
read and hashed on every command that needs the catalog, a tenth of ``plan report``'s CPU
time. Here the key is kept beside the cache with what it was computed from: each of those
files' modification and change times (ns), size and inode, and both times of every
directory they were found in (a file added, removed or renamed changes its directory's).
While all of them are unchanged, the remembered key is the key; anything else, and it is
computed again from the content.

The change time (``st_ctime``) moves on any write and on any ``utime`` call, so an edit
cannot hide behind a modification time set back (a copy that keeps times, a test). A time
only proves that nothing changed since if the file was not written again within the file
system's time resolution after it was stat'ed: as Git does with its index ("racily clean"
entries), a key is only remembered when every file and directory was last changed two
seconds or more before the hashing began, so an edit made while or soon after the key was
computed always shows in a stat. Nothing is remembered on Windows, where ``st_ctime`` is the
creation time. The remembered file is a hint, never trusted further: any error, shape or
mismatch is a miss, and the cache entry it points to is checked as before (its key and
payload digest).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from planner.adapters.files import replace_quietly

FORMAT = 1
RACY_S = 2.0  # files modified this recently before hashing: their key is not remembered
KEEP = 8  # remembered directory lists (one per catalog state, as the cache keeps)
MAX_FILE = 1024 * 1024
_NAME = "stat-keys.json"  # not "catalog-*.json": the cache prunes those as its entries

_BYTECODE = "__pycache__"

Stats = list[list[object]]


def _walk(roots: Iterable[Path]) -> list[Path]:
    """Every directory under ``roots`` (symbolic links followed, each directory once),
    bytecode folders left out."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    pending = [Path(r) for r in roots]
    while pending:
        directory = pending.pop()
        info = directory.stat()
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        found.append(directory)
        with os.scandir(directory) as entries:
            # Bytecode folders change as Python writes them, and hold no file read here.
            pending.extend(Path(e.path) for e in entries if e.is_dir() and e.name != _BYTECODE)
    return sorted(found)


def stats(roots: Iterable[Path], files: Iterable[Path]) -> Stats:
    """The size, modification time and inode of each file, and the modification time of
    each directory under ``roots``; OSError if one cannot be stat'ed."""
    rows: Stats = []
    for directory in _walk(roots):
        info = directory.stat()
        rows.append(["d", os.fsdecode(directory), info.st_mtime_ns, info.st_ctime_ns])
    for path in files:
        info = path.stat()
        rows.append(
            ["f", os.fsdecode(path), info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino]
        )
    return rows


def _ident(directories: Sequence[Path]) -> str:
    names = "\0".join(os.fsdecode(d) for d in directories)
    return hashlib.sha256(names.encode("utf-8", "surrogateescape")).hexdigest()


def _read(cache_dir: Path) -> dict[str, object]:
    try:
        with (cache_dir / _NAME).open("rb") as fh:
            data = json.loads(fh.read(MAX_FILE + 1))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _still(row: object) -> bool:
    """Whether one remembered stat row still holds."""
    if not isinstance(row, list) or not row or not isinstance(row[1], str):
        return False
    try:
        info = os.stat(row[1])  # noqa: PTH116  (400 of them: no Path each)
    except (OSError, ValueError):
        return False
    if row[0] == "d":
        return row[2:] == [info.st_mtime_ns, info.st_ctime_ns]
    return row[0] == "f" and row[2:] == [
        info.st_mtime_ns,
        info.st_ctime_ns,
        info.st_size,
        info.st_ino,
    ]


def remembered(cache_dir: Path, directories: Sequence[Path], fixed: str) -> str | None:
    """The key remembered for ``directories`` if none of its files and directories changed
    since (``fixed``: what else the key depends on, e.g. the planner's version); else None."""
    entry = _read(cache_dir).get(_ident(directories))
    if not isinstance(entry, dict) or entry.get("fixed") != fixed:
        return None
    key, rows = entry.get("key"), entry.get("stats")
    if not isinstance(key, str) or not isinstance(rows, list):
        return None
    return key if all(_still(row) for row in rows) else None


def remember(
    cache_dir: Path,
    directories: Sequence[Path],
    fixed: str,
    key: str,
    before: Stats,
    started: float,
) -> None:
    """Remember ``key`` for ``directories``, computed from files whose stats were ``before``
    (taken before hashing began at ``started``, a ``time.time()``): not when one of them was
    modified within RACY_S of it. Gives up silently when the disk says no."""
    limit = int((started - RACY_S) * 1e9)
    times = [t for row in before for t in row[2:4]]
    if os.name == "nt" or any(not isinstance(t, int) or t > limit for t in times):
        return  # Windows: st_ctime is the creation time there, which an edit leaves as is
    entries = _read(cache_dir)
    ident = _ident(directories)
    entries.pop(ident, None)
    kept = dict(list(entries.items())[-(KEEP - 1) :]) if KEEP > 1 else {}
    kept[ident] = {"fixed": fixed, "key": key, "stats": before}
    payload = json.dumps({"format": FORMAT, "entries": kept}, separators=(",", ":"))
    replace_quietly(cache_dir / _NAME, payload.encode("utf-8"), durable=False)


def now() -> float:
    return time.time()
