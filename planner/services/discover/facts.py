"""Each host's facts for one import, found in one walk after the read.

Why this exists: an import's later steps — the sensitive hosts set aside, the claims on
new hosts, the registrable domain of each row written — each asked their own list about
every host of a long tail, one walk after the other in the main process. Here the lists
are gathered once, before the read (``import_lists``: a bad list fails before a big file
is read), the hosts walked once (``domain.host_facts``), and every step after takes its
answers from the one ``HostFacts``.

Walking in a parallel read's processes instead did not pay (``docs/benchmarks.md``,
2026-12-07): a helper that walks its own hosts finishes later, and it is the read's long
pole; the caller walking the helpers' hosts as it merges them slows the merge as much.
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
    """The facts of ``summary``'s hosts, in their order."""
    return walk(list(summary.hosts), lists)
