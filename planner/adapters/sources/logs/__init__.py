"""Proxy and DNS log readers: stream a log once, keep per-host aggregates only.

Logs are the evidence for phase 1 of the roadmap (which social tools are used, by whom):
``read_log`` turns a Squid, W3C/ELFF or CSV log, gzip-compressed or not, into a
``LogSummary`` of hits, bytes, first and last seen and the raw users of each host. Raw
users never leave memory here: the discover service pseudonymises them (DESIGN.md §5).

Modules: ``reader`` (the entry point), ``registry`` (every source by name), ``spec`` (what
a source declares), ``sniff`` (format guessing), one module per source (``squid``, ``w3c``,
``csvlog``…), ``parallel`` (large Squid logs on several cores), ``source`` (gzip, digest,
progress, cancellation), ``times`` (timestamps), ``model`` (the results).

The names below are loaded on first use, so the command line can list the registry's
format names at start-up without importing every reader.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.adapters.sources.logs.model import HostStats, LogSummary
    from planner.adapters.sources.logs.parallel import PARALLEL_THRESHOLD
    from planner.adapters.sources.logs.reader import read_log
    from planner.adapters.sources.logs.sniff import FORMATS, sniff_format

__all__ = ["FORMATS", "PARALLEL_THRESHOLD", "HostStats", "LogSummary", "read_log", "sniff_format"]

_HOMES = {
    "FORMATS": "sniff",
    "PARALLEL_THRESHOLD": "parallel",
    "HostStats": "model",
    "LogSummary": "model",
    "read_log": "reader",
    "sniff_format": "sniff",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
