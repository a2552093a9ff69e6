"""A long tail's host rows made by a forked helper (``host_columns`` with ``host_fork``)
are the rows one process makes: the same values in the same order, the same claims, the
same known hosts' deltas and fresh domains' totals. A helper that fails raises its error
in the caller, and one whose rows were not all taken is stopped; none is left behind."""

from __future__ import annotations

import os
import random
import threading
from pathlib import Path
from typing import Any

import pytest

from planner.adapters import processes
from planner.adapters.store import host_fork
from planner.adapters.store.domains import FreshTotals
from planner.adapters.store.evidence import KnownHost
from planner.adapters.store.host_columns import HostColumns, column_rows
from planner.adapters.store.new_hosts import HostClaims, new_host_rows
from tests.unit.test_host_columns import _claims, _columns

Started = list[tuple[host_fork.Helper, int]]


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> Started:
    """Every import forks a helper, whatever its size; the helpers started, with their
    process ids."""
    started: Started = []
    start = host_fork.start

    def spied(work: Any) -> host_fork.Helper:
        helper = start(work)
        started.append((helper, helper.pid))
        return helper

    monkeypatch.setattr(host_fork, "FORK_MIN_HOSTS", 1)
    monkeypatch.setattr(processes, "cores", lambda: 2)  # a machine of one core too
    monkeypatch.setattr(host_fork, "_load", lambda: 0.0)  # or a busy one
    monkeypatch.setattr(host_fork, "start", spied)
    return started


def _reaped(helper: host_fork.Helper, pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return helper.pid == 0
    return False


def _run(path: str, sqlite: bool, columns: HostColumns, seed: int) -> tuple[Any, ...]:
    rng = random.Random(seed)
    known = {h: KnownHost(i, None, None) for i, h in enumerate(rng.sample(columns.names, 50))}
    claims = _claims(columns.names, rng)
    fresh, old = FreshTotals({"site3.com", "site5.de"}), {}  # type: ignore[var-annotated]
    if path == "forked":
        rows = list(column_rows(sqlite, columns, known, old, fresh, claims))
        fresh.settle()
    else:
        rows = list(new_host_rows(sqlite, columns.rows(), known, old, fresh, claims))
    rows = [tuple(bytes(v) if isinstance(v, bytearray) else v for v in r) for r in rows]
    return rows, list(claims.found.items()), old, fresh.totals(sqlite), fresh.touched


@pytest.mark.parametrize("sqlite", [True, False])
@pytest.mark.parametrize("seed", [1, 2])
def test_a_helpers_rows_are_the_per_host_rows(
    helpers: Started, monkeypatch: pytest.MonkeyPatch, sqlite: bool, seed: int
) -> None:
    import planner.adapters.store.host_columns as module

    monkeypatch.setattr(module, "CHUNK", 397)  # several chunks, claims in several
    columns = _columns(3000, seed)
    by_host = _run("hosts", sqlite, _columns(3000, seed), seed)
    forked = _run("forked", sqlite, columns, seed)
    ((helper, pid),) = helpers
    assert forked == by_host
    assert _reaped(helper, pid)


def test_an_error_in_the_helper_is_raised_here(
    helpers: Started, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.adapters.store import host_columns

    real = host_columns.derive

    def broken(sqlite: bool, taken: Any, *rest: Any) -> Any:  # in the helper's chunks
        if "localhost" in taken[0]:
            raise ValueError("no domain for localhost")
        return real(sqlite, taken, *rest)

    monkeypatch.setattr(host_columns, "derive", broken)
    columns = _columns(500, 2)
    fresh = FreshTotals(())
    rows = column_rows(True, columns, {}, {}, fresh, HostClaims({}, {}, ()))
    with pytest.raises(ValueError, match="no domain for localhost"):
        list(rows)
    ((helper, pid),) = helpers
    assert _reaped(helper, pid)  # already: the rows' error stopped it
    fresh.release()


def test_rows_not_all_taken_stop_the_helper(
    helpers: Started, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planner.adapters.store.host_columns as module

    monkeypatch.setattr(module, "CHUNK", 50)
    fresh = FreshTotals(())
    rows = column_rows(True, _columns(2000, 3), {}, {}, fresh, HostClaims({}, {}, ()))
    assert len([next(rows) for _ in range(120)]) == 120
    ((helper, pid),) = helpers
    assert helper.pid == pid
    del rows  # the write failed: its rows are let go of
    assert _reaped(helper, pid)
    fresh.release()  # and releasing again is harmless


def test_parts_arrive_whole_and_in_order() -> None:
    """Many items in parts (a million hosts' totals), then more messages after them."""
    items = [(f"d{i}.example", i) for i in range(2_500)]

    def work(send: host_fork.Send) -> None:
        host_fork.send_parts(send, iter(items), 1_000)
        host_fork.send_parts(send, [], 1_000)
        send("after")

    helper = host_fork.start(work)
    assert list(helper.parts()) == items
    assert list(helper.parts()) == []
    assert helper.receive() == "after"
    helper.close()


def test_a_helper_sends_in_order_and_an_error_that_does_not_pickle() -> None:
    def work(send: host_fork.Send) -> None:
        send([1, "two"])
        send({"three": bytearray(b"3")})
        lock = threading.Lock()
        raise RuntimeError(lock)  # an argument pickle refuses

    helper = host_fork.start(work)
    assert helper.receive() == [1, "two"]
    assert helper.receive() == {"three": bytearray(b"3")}
    with pytest.raises(host_fork.HelperError, match="RuntimeError"):
        helper.receive()
    pid = helper.pid
    with pytest.raises(host_fork.HelperEnded, match="ended early"):
        helper.receive()
    helper.close()
    helper.close()
    assert _reaped(helper, pid)


def test_a_helper_killed_is_one_line_the_user_can_act_on() -> None:
    import signal

    def work(send: host_fork.Send) -> None:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would

    helper = host_fork.start(work)
    with pytest.raises(host_fork.HelperEnded, match=rf"ended early \(signal {signal.SIGKILL}\)"):
        helper.receive()
    assert helper.pid == 0  # reaped
    helper.close()


_ORPHAN = """
import os, sys, time
from planner.adapters.store import host_fork

def work(send):
    while True:  # a long tail's chunks, for ever
        send(list(range(1000)))
        time.sleep(0.01)

helper = host_fork.start(work)
helper.receive()
print(helper.pid, flush=True)
os.kill(os.getpid(), 9)  # kill -9 of the import while its helper works
"""


def _gone(pid: int) -> bool:
    """No such process, or a zombie left for its new parent to reap."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="reads /proc")
def test_a_helper_leaves_when_the_import_is_killed() -> None:
    """kill -9 of the import: the helper's next message finds no reader and it ends."""
    import subprocess
    import sys
    import time

    done = subprocess.run([sys.executable, "-c", _ORPHAN], capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert done.returncode == -9
    pid = int(done.stdout.split()[0])
    deadline = time.monotonic() + 30  # a hang guard, not a measure
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(pid)


def test_only_a_single_threaded_process_forks_and_only_for_a_long_tail(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(processes, "cores", lambda: 2)
    monkeypatch.setattr(host_fork, "_load", lambda: 1.2)
    assert host_fork.can_fork(host_fork.FORK_MIN_HOSTS) == hasattr(os, "fork")
    monkeypatch.setattr(host_fork, "_load", lambda: 2.1)  # both cores busy already
    assert not host_fork.can_fork(host_fork.FORK_MIN_HOSTS)
    monkeypatch.setattr(host_fork, "_load", lambda: 0.0)
    monkeypatch.setattr(processes, "cores", lambda: 1)  # no core for a helper
    assert not host_fork.can_fork(host_fork.FORK_MIN_HOSTS)
    monkeypatch.setattr(processes, "cores", lambda: 2)
    assert isinstance(host_fork._load(), float)
    assert not host_fork.can_fork(host_fork.FORK_MIN_HOSTS - 1)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not host_fork.can_fork(host_fork.FORK_MIN_HOSTS)
    finally:
        release.set()
        other.join()
