"""Local and reverse DNS look-ups left out of an import (see ``domain.local_names``).

The reader keeps every name it reads; a DNS log's device names, PTR look-ups and internal
zones are dropped here, before anything is pseudonymised or written, and only their number
is kept for the import's summary. Logs of other kinds are left alone: a proxy sees the
intranet sites people use on purpose, and triage is where those are decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planner.adapters.sources.logs import LogSummary, registry
from planner.adapters.sources.logs.host_table import without
from planner.domain.local_names import LocalNames
from planner.errors import InputError

__all__ = ["DNS_EVIDENCE", "local_names", "without_local_names"]

DNS_EVIDENCE = "dns-log"


def local_names(zones: Sequence[str]) -> LocalNames:
    """The local names with the organisation's ``zones``; a zone that is not a DNS name is
    refused (``--internal-zone``)."""
    try:
        return LocalNames(zones)
    except ValueError as exc:
        raise InputError(f"--internal-zone: {exc}") from None


def without_local_names(summary: LogSummary, zones: Sequence[str]) -> tuple[LogSummary, int]:
    """``summary`` without its local names when it is a DNS log, and how many look-ups
    (used or refused) were left out."""
    if registry.get(summary.format).evidence != DNS_EVIDENCE:
        return summary, 0
    local = local_names(zones)
    dropped = [host for host in summary.hosts if host in local]
    if not dropped:
        return summary, 0
    hosts = summary.hosts
    count = 0
    for host in dropped:
        stats = hosts[host]
        count += stats.hits + stats.blocked
    return replace(summary, hosts=without(hosts, dropped)), count
