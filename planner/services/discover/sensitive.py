"""Sites revealing special-category data (GDPR Art. 9), set aside at import.

The one place evidence from every log source passes before it is pseudonymised or written
(``logs.import_log``; a many-file import goes through it too): hosts under a domain of the
sensitive list (shipped ``catalog/sensitive.yaml`` plus the workspace's own entries) leave
the log's aggregates here, and only their requests per category are kept. The check is
part of the one walk up the parent domains of the log's DISTINCT hosts
(``domain.host_facts``), after the read: the readers' per-line loops do not change.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import compress
from operator import not_

from planner.adapters import sensitive as shipped_list
from planner.adapters.sources.logs.host_table import without
from planner.adapters.sources.logs.model import LogSummary
from planner.adapters.store import sensitive_repo
from planner.adapters.store.db import Session
from planner.domain.host_facts import HostFacts
from planner.domain.sensitive import SensitiveList

__all__ = ["listed", "without_sensitive"]


def listed(session: Session) -> SensitiveList:
    """The shipped list with the workspace's own entries."""
    return shipped_list.sensitive_list(sensitive_repo.own_entries(session))


def without_sensitive(
    summary: LogSummary, facts: HostFacts
) -> tuple[LogSummary, dict[str, int], HostFacts]:
    """``summary`` without its hosts under a sensitive domain (``facts.sensitive``, found
    in the import's one walk of its hosts), their requests (used or refused) per
    category, and the facts of the hosts kept. Their users' raw names go with them,
    unpseudonymised."""
    counts: dict[str, int] = {}
    hosts = summary.hosts
    dropped = facts.sensitive
    if not dropped:
        return summary, {}, facts
    for host, category in dropped.items():  # in the hosts' order
        stats = hosts[host]
        counts[category.value] = counts.get(category.value, 0) + stats.hits + stats.blocked
    labels = dict(summary.labels)
    for host in dropped:
        labels.pop(host, None)
    kept = list(map(not_, map(dropped.__contains__, hosts)))
    claimed = {h: pair for h, pair in facts.claimed.items() if h not in dropped}
    rest = HostFacts(list(compress(facts.domains, kept)), {}, claimed)
    return replace(summary, hosts=without(hosts, dropped), labels=labels), counts, rest
