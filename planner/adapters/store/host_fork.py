"""A forked helper process that computes part of a long tail's host rows while the caller
writes them.

Why this exists: once a log is read, an import of 280,000 new hosts spends some 1.9 s in
one process making the host rows (a registrable domain, the times, the packed
people and the fresh domains' totals: 0.7-0.9 s) and handing them to SQLite (0.55-0.65
s), while the machine's other core sits idle. SQLite's connection cannot be shared and
the driver keeps the GIL between steps (a thread writing the rows beside one making them
convoys on the GIL), but a forked child sees the caller's host columns as they are (copy
on write, nothing sent to it) and can make the rows while the caller writes them: it
sends each chunk's columns but the names and the registrable domains back, which the
caller has (a pickle: 0.09 s to make and 0.08 s to read for all the chunks, when the
domains were sent too), the caller zips them with the names into the driver's
``executemany``, and the fresh domains' totals come once the host table's indexes are
rebuilt (the helper makes them meanwhile).

Forking is only safe in a process with one thread (another thread may hold a lock the
child would then wait for forever: a TUI import worker), so the caller forks only then,
on a platform that has ``fork``, above ``FORK_MIN_HOSTS``, and with a core to spare
(``can_fork``); otherwise it makes the rows itself, as before. The child never touches
the database: it computes, sends and leaves with ``os._exit`` (no clean-up of the
inherited SQLite connection, no flush of the inherited output buffers, no ``atexit``).
If the caller goes away, the child's next send fails on the closed pipe and it leaves;
if the child fails, its exception is raised in the caller, whose transaction is rolled
back as for any error of the import.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from itertools import islice
from typing import Any, BinaryIO

from planner.adapters import processes
from planner.errors import PlannerError

__all__ = [
    "FORK_MIN_HOSTS",
    "Helper",
    "HelperEnded",
    "HelperError",
    "as_arrays",
    "as_columns",
    "can_fork",
    "send_parts",
    "start",
]

FORK_MIN_HOSTS = 50_000  # below this, the child's start and the pickles cost what it saves
_HEADER = struct.Struct("<Q")  # each message's length, then its pickle

Send = Callable[[Any], None]


def can_fork(hosts: int) -> bool:
    """Whether ``hosts`` new hosts are worth a helper, and this process may fork one
    (``processes.may_fork``: one thread), with another core to run the helper on.

    The helper's pickles and its copy-on-write pages cost some 0.4 s of CPU at 280,000
    hosts, for 0.5 s less wall time when a core is free; on a machine whose cores are all
    busy (a load average of at least its cores) it only adds to the import's time (5.25 s
    against 4.99 s in one run at load 2.4-2.9 on two cores), as it does on one core."""
    if hosts < FORK_MIN_HOSTS or not processes.may_fork():
        return False
    cores = processes.cores()
    return cores > 1 and _load() < cores


def _load() -> float:
    """The system's load average over the last minute (0 where it is not known)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


class HelperError(RuntimeError):
    """The helper failed with an error that could not be sent back as it was."""


class HelperEnded(PlannerError):
    """The helper ended without a word (killed: out of memory, a signal)."""


class Helper:
    """The caller's end of a helper: its messages in the order sent, then its end."""

    def __init__(self, pid: int, reader: BinaryIO) -> None:
        self.pid = pid
        self._reader = reader

    def receive(self) -> Any:
        """The helper's next message; its exception raised here if it failed."""
        header = self._reader.read(_HEADER.size)
        if len(header) < _HEADER.size:
            status = self._reap()
            how = f"signal {-status}" if status < 0 else f"status {status}"
            raise HelperEnded(f"the process making the host rows ended early ({how})")
        (size,) = _HEADER.unpack(header)
        kind, value = pickle.loads(self._reader.read(size))  # noqa: S301 - our own child's
        if kind == "error":
            raise value
        return value

    def parts(self) -> Iterator[Any]:
        """The items the helper sent with ``send_parts``, in order."""
        while (part := self.receive()) is not None:
            yield from part

    def items(self) -> Iterator[tuple[Any, tuple[Any, ...]]]:
        """The (key, values) items the helper sent as ``as_columns`` packs with
        ``send_parts``, in order."""
        for keys, columns in self.parts():
            yield from zip(keys, zip(*columns, strict=True), strict=True)

    def close(self) -> None:
        """Stop the helper if it still runs, and reap it (idempotent)."""
        if self.pid:
            with suppress(ProcessLookupError):  # gone already (a zombie until reaped)
                os.kill(self.pid, signal.SIGKILL)
            self._reap()
        self._reader.close()

    def _reap(self) -> int:
        """Wait for the helper's end: its exit code, or minus the signal that ended it."""
        if not self.pid:
            return 0
        pid, self.pid = self.pid, 0
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def as_arrays(columns: list[Sequence[Any]], which: Iterable[int]) -> list[Sequence[Any]]:
    """``columns`` with those of ``which`` as arrays of 64-bit ints, which pickle as their
    bytes rather than an int at a time (the receiver zips them as they are); a column an
    array cannot hold (too large, a None, a datetime) stays as it is."""
    for i in which:
        with suppress(OverflowError, TypeError):
            columns[i] = array("q", columns[i])
    return columns


def as_columns(
    items: Sequence[tuple[Any, Sequence[Any]]], numbers: Iterable[int]
) -> tuple[list[Any], list[Sequence[Any]]]:
    """(key, values) ``items`` (at least one) as (their keys, the columns of their
    values), the columns of ``numbers`` as arrays (``as_arrays``); ``Helper.items`` makes
    the items again. A part of a mapping sent so costs a pickle of a few lists and arrays
    rather than one of each key's tuple."""
    keys = [k for k, _ in items]
    columns: list[Sequence[Any]] = [list(c) for c in zip(*(v for _, v in items), strict=True)]
    return keys, as_arrays(columns, numbers)


def send_parts(send: Send, items: Iterable[Any], size: int) -> None:
    """Send ``items`` in lists of ``size``, then an end (``Helper.parts`` takes them): a
    pickle's memory (its bytes and its memo of every object) is a part's, not all of
    theirs."""
    it = iter(items)
    while part := list(islice(it, size)):
        send(part)
    send(None)


def start(work: Callable[[Send], None]) -> Helper:
    """Fork a child that runs ``work(send)``: each value given to ``send`` is pickled to
    the caller (``Helper.receive``), in order; an exception ``work`` raises is sent in
    place of the rest. The child ends with ``os._exit`` whatever happens."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: nothing it inherited is cleaned up or flushed on the way out
        code = 1
        try:
            os.close(read_fd)
            with os.fdopen(write_fd, "wb") as out:
                _run(work, out)
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    return Helper(pid, os.fdopen(read_fd, "rb"))


def _run(work: Callable[[Send], None], out: BinaryIO) -> None:
    def send(value: Any, kind: str = "value") -> None:
        data = pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL)
        out.write(_HEADER.pack(len(data)))
        out.write(data)
        out.flush()

    try:
        work(send)
    except Exception as exc:  # sent to the caller, which raises it
        try:
            send(exc, "error")
        except Exception:  # an exception that does not pickle
            send(HelperError(f"{type(exc).__name__}: {exc}"), "error")
