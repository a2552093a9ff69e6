"""Sites revealing special-category data (GDPR Art. 9), set aside at import.

The one place evidence from every log source passes before it is pseudonymised or written
(``logs.import_log``; a many-file import goes through it too): hosts under a domain of the
sensitive list (shipped ``catalog/sensitive.yaml`` plus the workspace's own entries) leave
the log's aggregates here, and only their requests per category are kept. The check is
one walk up a host's parent domains (dict look-ups) per DISTINCT host of the log, after
the read: the readers' per-line loops do not change.
"""

from __future__ import annotations

from dataclasses import replace

from planner.adapters import sensitive as shipped_list
from planner.adapters.sources.logs.host_table import without
from planner.adapters.sources.logs.model import APP_PREFIX, LogSummary
from planner.adapters.store import sensitive_repo
from planner.adapters.store.db import Session
from planner.domain.sensitive import SensitiveList

__all__ = ["listed", "without_sensitive"]


def listed(session: Session) -> SensitiveList:
    """The shipped list with the workspace's own entries."""
    return shipped_list.sensitive_list(sensitive_repo.own_entries(session))


def without_sensitive(
    summary: LogSummary, sensitive: SensitiveList
) -> tuple[LogSummary, dict[str, int]]:
    """``summary`` without its hosts under a sensitive domain, and their requests (used or
    refused) per category. Their users' raw names go with them, unpseudonymised."""
    counts: dict[str, int] = {}
    dropped: list[str] = []
    hosts = summary.hosts
    for host in hosts:  # only the dropped hosts' totals are looked at
        if host.startswith(APP_PREFIX):
            continue  # an application of an identity provider is not under a domain
        category = sensitive.category(host)
        if category is not None:
            dropped.append(host)
            stats = hosts[host]
            counts[category.value] = counts.get(category.value, 0) + stats.hits + stats.blocked
    if not dropped:
        return summary, {}
    labels = dict(summary.labels)
    for host in dropped:
        labels.pop(host, None)
    return replace(summary, hosts=without(hosts, dropped), labels=labels), counts
