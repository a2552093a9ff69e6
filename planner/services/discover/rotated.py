"""A month of rotated logs in one command: many files, read in parallel.

``discover import access.log-202611*.gz`` names thirty files. Each is read by its own
worker process (one gzip stream per worker: a gzip stream cannot be split, but thirty of
them can run side by side). Their aggregates are then merged in memory (counts add up,
user sets are unions, so each person counts once) and written once, in one transaction,
through the same write path as a single import, with each file's digests recorded as an
import of its own: per-file writes each re-read and re-wrote every known host, its domain
totals and the plan's tools, which cost more than reading the file did. Before anything
is read, each file's bytes are hashed (cheap next to decompressing and parsing) and the
ones this plan already holds are skipped, so a re-run over a growing set of days imports
only the new ones; a file whose content was imported under other bytes is skipped too.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from planner.adapters.sources.logs.model import LogSummary
from planner.adapters.sources.logs.parallel import worker_count
from planner.adapters.store import imports
from planner.adapters.store.db import Workspace
from planner.adapters.store.import_repo import ImportRepository as Repository  # Core only
from planner.domain.catalog import Catalog
from planner.services.discover.common import ImportOptions, ImportResult, plan_id_of
from planner.services.discover.logs import Part, disk_digest, import_log
from planner.services.discover.month_totals import MonthTotals

Done = Callable[[ImportResult], None]


def _read(path: Path, fmt: str | None) -> LogSummary:
    from planner.adapters.sources.logs import read_log

    return read_log(path, fmt, source=str(path), workers=1)


def _summaries(
    paths: Sequence[Path], fmt: str | None, workers: int
) -> Iterator[tuple[Path, LogSummary]]:
    """Each file's aggregates, in the order given; several files at once when allowed.
    A result is let go of as soon as it is handed over (the caller folds it into the
    month's totals), so thirty files' aggregates are never all held at once."""
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            yield path, _read(path, fmt)
        return
    # fork: the children inherit the loaded modules (spawning re-imports them per worker).
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(workers, len(paths)), mp_context=context) as pool:
        futures: list[Future[LogSummary] | None] = [pool.submit(_read, p, fmt) for p in paths]
        for i, path in enumerate(paths):
            future = futures[i]
            assert future is not None
            futures[i] = None
            yield path, future.result()
            del future


def import_logs(
    ws: Workspace,
    catalog: Catalog,
    key: bytes,
    plan: str | None,
    paths: Sequence[Path],
    fmt: str | None = None,
    *,
    directory: Path | None = None,
    encoding: str | None = None,
    workers: int | None = None,
    done: Done | None = None,
    internal_zones: Sequence[str] = (),
    today: dt.date | None = None,
) -> list[ImportResult]:
    """Import many logs (rotated days) into the plan; one result per file, in order.

    Files already imported (the same bytes) are skipped without being read, as is a file
    given twice. ``workers`` caps the reader processes (default: the cores available, from
    the main thread only); ``done`` is told of each file as it is written."""
    with ws.read() as session:
        plan_id = plan_id_of(Repository(session), plan)
        digests = {path: disk_digest(path) for path in paths}
        known = imports.imported_files(session, plan_id, digests.values())
    results: dict[Path, ImportResult] = {}
    todo: list[Path] = []
    for path in paths:
        digest = digests[path]
        if digest in known or path in results or any(digests[p] == digest for p in todo):
            results.setdefault(path, ImportResult(path.name, fmt or "", duplicate=True))
        else:
            todo.append(path)
            results[path] = ImportResult(path.name, fmt or "")
    for result in results.values():
        if result.duplicate and done is not None:
            done(result)
    if threading.current_thread() is not threading.main_thread():
        workers = 1  # a TUI worker thread must not fork
    count = worker_count() if workers is None else max(1, workers)
    # Each file is folded into its format's totals as it arrives and kept only as counts
    # (its name, digest, lines): the month is held once, not thirty times, its people as
    # numbers (``month_totals``).
    totals: dict[str, MonthTotals] = {}
    groups: dict[str, list[tuple[Path, LogSummary]]] = {}
    host_counts: dict[Path, int] = {}
    seen: set[str] = set()
    for path, summary in _summaries(todo, fmt, count):
        if summary.digest not in seen:  # the same content under other bytes counts once
            with ws.read() as session:
                if imports.already_imported(session, plan_id, summary.digest):
                    seen.add(summary.digest)
        if summary.digest in seen:
            results[path] = ImportResult(path.name, summary.format, duplicate=True)
            continue
        seen.add(summary.digest)
        host_counts[path] = len(summary.hosts)
        totals.setdefault(summary.format, MonthTotals()).add(summary)
        # one write per format (its tools' sources differ)
        groups.setdefault(summary.format, []).append((path, replace(summary, hosts={})))
        del summary
    for group in groups.values():
        last = group[-1][0]
        merged = import_log(
            ws,
            catalog,
            key,
            plan,
            last,
            group[0][1].format,
            ImportOptions(directory, encoding, internal_zones=tuple(internal_zones), today=today),
            summary=totals.pop(group[0][1].format).summary(),
            file_digest=digests[last],
            parts=[Part(path.name, s, digests[path]) for path, s in group],
        )
        for path, summary in group:
            results[path] = _file_result(path, summary, merged, host_counts[path])
        results[last] = replace(
            merged, source=last.name, **_counts(group[-1][1], host_counts[last])
        )
    if done is not None:
        for path in todo:
            done(results[path])
    return [results[p] for p in dict.fromkeys(paths)]


def _counts(summary: LogSummary, hosts: int) -> dict[str, Any]:
    return {
        "format": summary.format,
        "lines": summary.lines,
        "skipped": summary.skipped,
        "skipped_lines": list(summary.skipped_lines),
        "hosts": hosts,
    }


def _file_result(path: Path, summary: LogSummary, merged: ImportResult, hosts: int) -> ImportResult:
    """One file of the merged write: its own counts; what the write found (new tools,
    domains, unmatched hosts) goes on the last file's result only, so totals add up."""
    return ImportResult(
        path.name, first_hosts=merged.first_hosts, seconds=merged.seconds, **_counts(summary, hosts)
    )
