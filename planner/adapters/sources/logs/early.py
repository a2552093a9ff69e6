"""Start reading a large log before the rest of the command has started.

``planner discover import access.log`` spends its first third of a second importing the
database layer, the catalog and the workspace, none of which the reading needs. For a log
big enough to be read by several processes, the command line calls ``start`` first: it
looks at the file's first bytes (format sniffed as ``read_log`` will) and lets that
format begin, if its registry entry knows how (``LogFormat.start_early``: a Squid log
launches its helper processes on their byte ranges, which parse while the command starts
up). What comes back is an :class:`~planner.adapters.sources.logs.spec.EarlyRead`, opaque
to the caller, who passes it on to ``read_log(..., early=...)`` and closes it when done.

Nothing is started for a small or compressed log, a format that cannot begin early, or
from a thread other than the main one (a TUI worker); then ``start`` returns None and
reading happens as usual.
"""

from __future__ import annotations

import threading
from pathlib import Path

from planner.adapters.sources.logs import registry
from planner.adapters.sources.logs.parallel import PARALLEL_THRESHOLD, worker_count
from planner.adapters.sources.logs.sniff import sniff_format
from planner.adapters.sources.logs.source import LogSource
from planner.adapters.sources.logs.spec import EarlyRead
from planner.errors import InputError

__all__ = ["start"]


def start(
    path: Path,
    fmt: str | None = None,
    workers: int | None = None,
    threshold: int | None = None,
) -> EarlyRead | None:
    """A read of ``path`` already under way, or None when it is not worth it (not larger
    than ``threshold`` bytes, default ``PARALLEL_THRESHOLD``), its format cannot begin
    early, or it is unreadable (reading it later says why)."""
    count = worker_count() if workers is None else workers
    if count <= 1 or threading.current_thread() is not threading.main_thread():
        return None
    if fmt is not None and (fmt not in registry.NAMES or registry.get(fmt).start_early is None):
        return None
    if not path.is_file():  # never open a pipe twice
        return None
    try:
        with LogSource(path, str(path)) as src:
            limit = PARALLEL_THRESHOLD if threshold is None else threshold
            if src.total <= limit:  # small: not worth a guess of its format either
                return None
            chosen = fmt if fmt is not None else sniff_format(src.head(), source=str(path))
            begin = registry.get(chosen).start_early
            if begin is None:
                return None
            work = begin(src, count, limit)
            return None if work is None else EarlyRead(chosen, work)
    except InputError:
        return None
