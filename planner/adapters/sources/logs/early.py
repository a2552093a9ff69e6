"""Start reading a large Squid log before the rest of the command has started (issue 17).

``planner discover import access.log`` spends its first third of a second importing the
database layer, the catalog and the workspace, none of which the reading needs. For a log
big enough to be read by several processes, the command line calls ``start`` first: it
looks at the file's first bytes (format sniffed as ``read_log`` will) and launches the
helper processes on their byte ranges, which parse while the command starts up. The
caller's own range is made shorter by what that start-up is worth, so every core finishes
at about the same time; ``read_log(..., early=...)`` then parses that range and merges.

Nothing is started for a small or compressed log, another format, or from a thread other
than the main one (a TUI worker); then ``start`` returns None and reading happens as usual.
"""

from __future__ import annotations

import threading
from pathlib import Path

from planner.adapters.sources.logs.parallel import PARALLEL_THRESHOLD, RangeRead, worker_count
from planner.adapters.sources.logs.sniff import sniff_format
from planner.adapters.sources.logs.source import LogSource
from planner.errors import InputError

__all__ = ["HEAD_START", "start"]

# What the command's start-up is worth in bytes of Squid parsing (~0.26 s of imports at
# ~11 ms a megabyte; both CPU-bound Python, so the ratio holds across machines better than
# either figure). Set by measuring a 135 MB log on two cores: with 40 MB the caller then
# waited 0.12 s for its helper, with 28 MB 0.01 s.
HEAD_START = 28 * 1024 * 1024


def start(
    path: Path,
    fmt: str | None = None,
    workers: int | None = None,
    threshold: int | None = None,
) -> RangeRead | None:
    """Helpers already parsing ``path``, or None when it is not worth it (not larger than
    ``threshold`` bytes, default ``PARALLEL_THRESHOLD``), not a Squid log, or unreadable
    (reading it later says why)."""
    count = worker_count() if workers is None else workers
    if count <= 1 or threading.current_thread() is not threading.main_thread():
        return None
    if fmt not in (None, "squid") or not path.is_file():  # never open a pipe twice
        return None
    try:
        with LogSource(path, str(path)) as src:
            limit = PARALLEL_THRESHOLD if threshold is None else threshold
            if src.compressed or src.total <= limit:
                return None
            if fmt is None and sniff_format(src.head(), source=str(path)) != "squid":
                return None
            return RangeRead(path, src.total, count, HEAD_START)
    except InputError:
        return None
