"""Every log source the planner reads, by name: adding a format is one module + one line.

Names are listed without importing the readers, so the command line can offer them as
choices at start-up for nothing; a reader module is imported the first time it is used.
Order matters only to break a tie between two equally sure guesses (the earlier wins).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.adapters.sources.logs.spec import LogFormat

__all__ = ["NAMES", "NOT_GUESSED", "get", "guessed", "sources"]

_MODULES = {
    "squid": "planner.adapters.sources.logs.squid",
    "w3c": "planner.adapters.sources.logs.w3c",
    "csv": "planner.adapters.sources.logs.csvlog",
    "entra-signins": "planner.adapters.sources.logs.entra",
    "zeek-dns": "planner.adapters.sources.logs.zeek",
    "bind-query": "planner.adapters.sources.logs.bind",
    "aggregate": "planner.adapters.sources.logs.aggregate",
    "entra-grants": "planner.adapters.sources.logs.grants",
    "google-oauth": "planner.adapters.sources.logs.google",
    "profile": "planner.adapters.sources.logs.profiles",
}

NAMES: tuple[str, ...] = tuple(_MODULES)

# The sources chosen only by an option, whose ``recognise`` is 0 by design: a file's first
# bytes are not shown to them when no format is given (``guessed``). A field-map profile
# is given with ``--profile``; importing its module costs pydantic (0.13 s on the 2-core
# machine), which a big log's early read would otherwise pay before its helpers start
# (``early.start``).
NOT_GUESSED = frozenset({"profile"})


def get(name: str) -> LogFormat:
    """The source called ``name`` (KeyError when there is none)."""
    fmt: LogFormat = importlib.import_module(_MODULES[name]).FORMAT
    assert fmt.name == name, f"{_MODULES[name]} declares {fmt.name!r}, listed as {name!r}"
    return fmt


def sources() -> list[LogFormat]:
    return [get(name) for name in NAMES]


def guessed() -> list[LogFormat]:
    """The sources a format is guessed among (all but ``NOT_GUESSED``), in order."""
    return [get(name) for name in NAMES if name not in NOT_GUESSED]
