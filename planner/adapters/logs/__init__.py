"""Proxy and DNS log readers: stream a log once, keep per-host aggregates only.

Logs are the evidence for phase 1 of the roadmap (which social tools are used, by whom):
``read_log`` turns a Squid, W3C/ELFF or CSV log, gzip-compressed or not, into a
``LogSummary`` of hits, bytes, first and last seen and the raw users of each host. Raw
users never leave memory here: the discover service pseudonymises them (DESIGN.md §5).

Modules: ``reader`` (the entry point), ``sniff`` (format guessing), ``squid`` / ``w3c`` /
``csvlog`` (one per format), ``parallel`` (large Squid logs on several cores), ``source``
(gzip, digest, progress, cancellation), ``times`` (timestamps), ``model`` (the results).
"""

from planner.adapters.logs.model import HostStats, LogSummary
from planner.adapters.logs.parallel import PARALLEL_THRESHOLD
from planner.adapters.logs.reader import read_log
from planner.adapters.logs.sniff import FORMATS, sniff_format

__all__ = ["FORMATS", "PARALLEL_THRESHOLD", "HostStats", "LogSummary", "read_log", "sniff_format"]
