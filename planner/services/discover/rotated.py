"""A month of rotated logs in one command (issue 17): many files, read in parallel.

``discover import access.log-202611*.gz`` names thirty files. Each is read by its own
worker process (one gzip stream per worker: a gzip stream cannot be split, but thirty of
them can run side by side), and the results are written one file after the other in the
order given, through the same write path as a single import: each file is one import
run, people are pseudonymised and counted once across all of them (their host user sets
are unions), and the file's digest is recorded. Before anything is read, each file's bytes
are hashed (cheap next to decompressing and parsing) and the ones this plan already holds
are skipped, so a re-run over a growing set of days imports only the new ones.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from planner.adapters import evidence
from planner.adapters.db import Workspace
from planner.adapters.logs.model import LogSummary
from planner.adapters.logs.parallel import worker_count
from planner.adapters.repository import Repository
from planner.domain.catalog import Catalog
from planner.services.discover.common import ImportResult, plan_id_of
from planner.services.discover.logs import disk_digest, import_log

Done = Callable[[ImportResult], None]


def _read(path: Path, fmt: str | None) -> LogSummary:
    from planner.adapters.logs import read_log

    return read_log(path, fmt, source=str(path), workers=1)


def _summaries(
    paths: Sequence[Path], fmt: str | None, workers: int
) -> Iterator[tuple[Path, LogSummary]]:
    """Each file's aggregates, in the order given; several files at once when allowed."""
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            yield path, _read(path, fmt)
        return
    # fork: the children inherit the loaded modules (spawning re-imports them per worker).
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(workers, len(paths)), mp_context=context) as pool:
        futures = [pool.submit(_read, path, fmt) for path in paths]
        for path, future in zip(paths, futures, strict=True):
            yield path, future.result()


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
) -> list[ImportResult]:
    """Import many logs (rotated days) into the plan; one result per file, in order.

    Files already imported (the same bytes) are skipped without being read, as is a file
    given twice. ``workers`` caps the reader processes (default: the cores available, from
    the main thread only); ``done`` is told of each file as it is written."""
    with ws.read() as session:
        plan_id = plan_id_of(Repository(session), plan)
        digests = {path: disk_digest(path) for path in paths}
        known = evidence.imported_files(session, plan_id, digests.values())
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
    for path, summary in _summaries(todo, fmt, count):
        result = import_log(
            ws,
            catalog,
            key,
            plan,
            path,
            summary.format,
            directory=directory,
            encoding=encoding,
            summary=summary,
            file_digest=digests[path],
        )
        results[path] = result
        if done is not None:
            done(result)
    return [results[p] for p in dict.fromkeys(paths)]
