"""``read_log``: one call that turns a log file into aggregates keyed by where use was seen.

Both front ends (CLI with a Rich progress bar, TUI with a worker and a progress bar) call
this with a path and get a ``LogSummary`` back; the format is sniffed unless forced
(every source in ``registry`` is asked), gzip is undone transparently, and each source
reads the file its own way (large Squid logs with several processes, gzipped or not).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planner.adapters.sources.logs import registry
from planner.adapters.sources.logs.gzip_parallel import read_squid_gzip_parallel
from planner.adapters.sources.logs.model import LogSummary
from planner.adapters.sources.logs.parallel import PARALLEL_THRESHOLD, read_squid_parallel
from planner.adapters.sources.logs.sniff import sniff_format
from planner.adapters.sources.logs.source import LogSource, Progress
from planner.adapters.sources.logs.spec import EarlyRead, ReadOptions
from planner.errors import InputError

__all__ = ["read_log", "read_squid_gzip_parallel", "read_squid_parallel"]


def read_log(
    path: Path,
    fmt: str | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    source: str | None = None,
    workers: int | None = None,
    parallel_threshold: int = PARALLEL_THRESHOLD,
    profile: str | None = None,
    early: EarlyRead | None = None,
) -> LogSummary:
    """Read a whole log once and return its aggregates.

    ``fmt`` forces a format by name (``registry.NAMES``); otherwise it is sniffed from the
    first 64 KB. ``progress(done, total)`` is called about every megabyte with bytes of the
    file on disk (compressed bytes for gzip) and last with ``(total, total)``;
    ``cancelled()`` is polled as often and stops the import with ``PlannerError``.
    ``source`` names the file in error messages (default: the path). ``workers`` caps the
    processes used for an uncompressed Squid log larger than ``parallel_threshold`` bytes
    (default: the available cores; 1 disables it). ``profile`` (a shipped field-map
    profile's name or a profile file) reads a CSV export through it (format ``profile``).
    ``early``: this file's read already begun (``early.start``); it is closed here, used
    or not.

    Raises ``InputError`` for an unreadable file, corrupt gzip data, an unknown format,
    or a header that names none of the needed columns. Malformed lines are skipped and
    counted, never fatal.
    """
    name = source if source is not None else str(path)
    if profile is not None:
        if fmt not in (None, "profile"):
            raise InputError(f"--profile reads CSV exports: not with format {fmt!r}", file=name)
        fmt = "profile"
    if fmt is not None and fmt not in registry.NAMES:
        raise InputError(
            f"unknown log format {fmt!r} (expected {', '.join(registry.NAMES)})", file=name
        )
    try:
        with LogSource(Path(path), name, progress, cancelled) as src:
            chosen = fmt if fmt is not None else sniff_format(src.head(), source=name)
            if early is not None and early.format != chosen:  # read as another format
                early.close()
                early = None
            options = ReadOptions(cancelled, workers, parallel_threshold, profile, early)
            agg, digest = registry.get(chosen).read(src, options)
            return agg.summary(chosen, digest)
    finally:
        if early is not None:
            early.close()
