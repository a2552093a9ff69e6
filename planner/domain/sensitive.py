"""Special categories of personal data (GDPR Art. 9) that a log can reveal, set aside.

A visit to a trade union's site, a patient organisation, a church, a party or a queer
dating app reveals data the GDPR forbids processing without an Art. 9(2) exception, and a
plan for social software has none. So hosts under a listed domain are not evidence: an
import counts their requests per category and drops them before any user is pseudonymised
or any host is written; they are never listed for triage. The list (``catalog/sensitive.yaml``
plus the workspace's own entries) maps each domain to a category; matching a host is a
walk up its parent domains, each step a dict look-up, once per distinct host.

Pure: the import, the CLI, the TUI and the reports word the same counts the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from planner.domain.hosts import normalize_host

__all__ = ["Category", "SensitiveList", "set_aside_line", "set_aside_text"]


class Category(StrEnum):
    """Art. 9(1)'s categories a web visit can reveal (the first word is how it is typed)."""

    TRADE_UNION = "trade-union"  # unions and works councils: trade-union membership
    HEALTH = "health"
    RELIGION = "religion"
    POLITICAL_PARTY = "political-party"  # political opinions
    SEXUAL_ORIENTATION = "sexual-orientation"  # sex life or sexual orientation

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Category.TRADE_UNION: "trade unions",
    Category.HEALTH: "health",
    Category.RELIGION: "religion",
    Category.POLITICAL_PARTY: "political parties",
    Category.SEXUAL_ORIENTATION: "sexual orientation",
}


class SensitiveList:
    """Hosts to the category of the closest listed domain (the domain or any parent)."""

    def __init__(self, domains: Mapping[str, Category]) -> None:
        table: dict[str, Category] = {}
        for domain, category in domains.items():
            key = normalize_host(domain.removeprefix("*."))
            if key is None or "." not in key:
                raise ValueError(f"not a domain name: {domain!r}")
            table[key] = category
        self._domains = table
        self.domains = frozenset(table)
        # Every entry has two labels at least, so a host can only be under one whose last
        # two labels are the host's: most hosts are told apart by that one set look-up.
        self._tails = frozenset(_tail(d) for d in table)

    def __len__(self) -> int:
        return len(self._domains)

    def category(self, host: str) -> Category | None:
        """The category of a normalised host: of the listed domain that is the host or
        its closest parent (an ``app:`` key is never under a domain)."""
        if _tail(host) not in self._tails:
            return None
        domains = self._domains
        name = host
        while name:
            found = domains.get(name)
            if found is not None:
                return found
            name = name.partition(".")[2]
        return None


def _tail(name: str) -> str:
    """The last two labels (``igmetall.de`` of ``www.igmetall.de``)."""
    cut = name.rfind(".", 0, name.rfind("."))
    return name[cut + 1 :]


def set_aside_text(counts: Mapping[str, int]) -> str:
    """``12 requests to sensitive sites set aside (trade unions: 10, health: 2)``; empty
    when nothing was set aside. Categories in the list's order, unknown ones last."""
    total = sum(counts.values())
    if not total:
        return ""
    order = {c.value: i for i, c in enumerate(Category)}
    parts = [
        f"{Category(c).label if c in order else c}: {n}"
        for c, n in sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
        if n
    ]
    noun = "request" if total == 1 else "requests"
    return f"{total} {noun} to sensitive sites set aside ({', '.join(parts)})"


def set_aside_line(counts: Mapping[str, int]) -> str:
    """The same as a sentence for records and reports, saying what became of them."""
    text = set_aside_text(counts)
    if not text:
        return "none so far"
    return f"{text}: never stored per person, not even pseudonymised (GDPR Art. 9)"
