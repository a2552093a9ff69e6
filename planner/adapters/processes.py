"""What this process may do with others: how many cores it may run on, whether it may fork.

Why this exists: the log reader's helper processes (``sources.logs.parallel``) and the long
tail's row maker (``store.host_fork``) ask the same two questions before starting a
process; each has one answer, here.
"""

from __future__ import annotations

import os
import threading

__all__ = ["cores", "may_fork"]


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def may_fork() -> bool:
    """Whether forking is safe here: the platform has ``fork`` and this process runs one
    thread (another thread may hold a lock the child would then wait for forever: a TUI
    import worker)."""
    return hasattr(os, "fork") and threading.active_count() == 1
