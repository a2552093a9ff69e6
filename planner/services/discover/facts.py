"""Each host's facts for one import: found by the log's reader processes, or here.

Why this exists: an import's later steps — the sensitive hosts set aside, the claims on
new hosts, the registrable domain of each row written — each asked their own list about
every host of a long tail, one walk after the other in the main process. The lists are
gathered here before the read (``import_lists``), so that a reader that can walk its own
hosts while it reads (a Squid log read by several processes) is given them; whatever it
did not walk is walked here, once (``domain.host_facts``), and every step after takes
its answers from the one ``HostFacts``.
"""

from __future__ import annotations

from planner.adapters.sources.logs.model import APP_PREFIX, LogSummary
from planner.domain.catalog import Catalog
from planner.domain.host_facts import HostFacts, HostLists, walk
from planner.domain.hosts import DomainMatcher
from planner.domain.sensitive import SensitiveList

__all__ = ["import_lists", "summary_facts"]


def import_lists(catalog: Catalog, sensitive: SensitiveList) -> HostLists:
    """The lists an import's hosts are looked up in: the sensitive list, the catalog's
    domains with the shipped infrastructure list's (``claims.pairs``)."""
    from planner.adapters.infrastructure import matcher
    from planner.services.discover.claims import pairs

    return HostLists(sensitive, pairs(DomainMatcher(catalog.domains()), matcher()), APP_PREFIX)


def summary_facts(summary: LogSummary, lists: HostLists) -> HostFacts:
    """The facts of ``summary``'s hosts, in their order: the reader's, when it found them
    in these very ``lists`` for these very hosts, else walked here."""
    found = getattr(summary.hosts, "facts", None)
    if (
        isinstance(found, HostFacts)
        and found.lists is lists
        and len(found.domains) == len(summary.hosts)
    ):
        return found
    return walk(list(summary.hosts), lists)
