"""``read_log``: one call that turns a proxy or DNS log file into per-host aggregates.

Both front ends (CLI with a Rich progress bar, TUI with a worker and a progress bar) call
this with a path and get a ``LogSummary`` back; the format is sniffed unless forced, gzip
is undone transparently, and large uncompressed Squid logs are read by several processes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planner.adapters.logs.csvlog import read_csv
from planner.adapters.logs.model import Aggregate, LogSummary
from planner.adapters.logs.parallel import PARALLEL_THRESHOLD, read_squid_parallel, worker_count
from planner.adapters.logs.sniff import FORMATS, sniff_format
from planner.adapters.logs.source import LogSource, Progress
from planner.adapters.logs.squid import scan_blocks
from planner.adapters.logs.w3c import read_w3c
from planner.errors import InputError

__all__ = ["read_log"]


def read_log(
    path: Path,
    fmt: str | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    source: str | None = None,
    workers: int | None = None,
    parallel_threshold: int = PARALLEL_THRESHOLD,
) -> LogSummary:
    """Read a whole log once and return its per-host aggregates.

    ``fmt`` forces ``"squid"``, ``"w3c"`` or ``"csv"``; otherwise it is sniffed from the
    first 64 KB. ``progress(done, total)`` is called about every megabyte with bytes of the
    file on disk (compressed bytes for gzip) and last with ``(total, total)``;
    ``cancelled()`` is polled as often and stops the import with ``PlannerError``.
    ``source`` names the file in error messages (default: the path). ``workers`` caps the
    processes used for an uncompressed Squid log larger than ``parallel_threshold`` bytes
    (default: the available cores; 1 disables it).

    Raises ``InputError`` for an unreadable file, corrupt gzip data, an unknown format,
    or a header that names none of the needed columns. Malformed lines are skipped and
    counted, never fatal.
    """
    name = source if source is not None else str(path)
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown log format {fmt!r} (expected squid, w3c or csv)", file=name)
    with LogSource(Path(path), name, progress, cancelled) as src:
        chosen = fmt if fmt is not None else sniff_format(src.head(), source=name)
        count = worker_count() if workers is None else max(1, workers)
        if (
            chosen == "squid"
            and count > 1
            and not src.compressed
            and src.total > parallel_threshold
        ):
            agg, digest = read_squid_parallel(src, count, cancelled)
            return agg.summary(chosen, digest)
        if chosen == "squid":
            agg = scan_blocks(src.blocks())
            return agg.summary(chosen, src.hexdigest())
        agg = _read_text(chosen, src)
        return agg.summary(chosen, src.hexdigest())


def _read_text(fmt: str, src: LogSource) -> Aggregate:
    if fmt == "w3c":
        return read_w3c(src.blocks(), source=src.source)
    return read_csv(src.blocks(), source=src.source)
