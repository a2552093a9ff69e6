"""Registrable domains: the unit a long tail of hosts is triaged by.

``a.slack-edge.com``, ``b.slack-edge.com`` and ``slack-edge.com`` are one decision, but
``bbc.co.uk`` and ``gov.co.uk`` are not one, nor are ``alice.github.io`` and
``bob.github.io``: where a name stops being a public suffix is in the Public Suffix List,
which the ``publicsuffixlist`` package ships (no network at run time). The list is read
once, on first use (~20 ms), so commands that never group by domain do not pay for it.

Hosts are normalised first (``hosts.normalize_host``: lower-case ASCII, IDNs in punycode),
so domains come out in punycode too. An IP address has no domain: it stands for itself, as
does a name that is itself a public suffix (``co.uk``) or a single label (``localhost``).
"""

from __future__ import annotations

import ipaddress
from functools import cache
from typing import Any

__all__ = ["checked_domain", "covers", "registrable_domain"]


@cache
def _list() -> Any:
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def _is_ip(host: str) -> bool:
    if ":" not in host and not host[-1:].isdigit():
        return False  # an IPv4 address ends with a digit (a third of the time on a long tail)
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _lookup(host: str) -> str:
    """The list's own answer (~6 µs a host)."""
    if ":" in host or _is_ip(host):
        return host
    found = _list().privatesuffix(host)
    return found if found else host


@cache
def _rules() -> tuple[frozenset[str], frozenset[str]] | None:
    """The names the list has a rule about (exact, ``*.`` wildcard or ``!`` exception),
    bare, and the names all of whose children are public (``*.name``); None if a future
    version keeps its rules otherwise (then every host goes through the list's own
    look-up). Bare names make a host's check one set look-up rather than four strings."""
    rules = getattr(_list(), "_publicsuffix", None)
    if not isinstance(rules, frozenset):
        return None
    named = frozenset(r.removeprefix("*.").removeprefix("!") for r in rules)
    return named, frozenset(r[2:] for r in rules if r.startswith("*."))


# Parent name -> its registrable domain ("" when the parent is itself a public suffix).
# Bounded: cleared when full, the list stays loaded.
_BY_PARENT: dict[str, str] = {}
_BY_PARENT_MAX = 200_000


def registrable_domain(host: str) -> str:
    """The registrable domain of a normalised host (``www.bbc.co.uk`` -> ``bbc.co.uk``),
    or the host itself when it has none (an IP address, a public suffix, one label).

    A long tail has hundreds of thousands of hosts but far fewer parents (``a.x.com`` and
    ``b.x.com`` share ``x.com``), so the list is consulted once per distinct parent: a
    host's public suffix is its parent's unless a rule names the host itself (exact,
    wildcard or exception) or makes every child of the parent public (``*.parent``)."""
    label, dot, parent = host.partition(".")
    rules = _rules()
    found = _BY_PARENT.get(parent)
    # The common case: a parent seen before (so neither an address nor a wildcard's
    # parent, see below) and no rule naming the host.
    if found is not None and label and rules is not None and host not in rules[0]:
        return found or host
    if (
        not dot
        or rules is None
        or ":" in host
        or host[-1:].isdigit()  # perhaps an IPv4 address: the careful way
        or host in rules[0]
        or parent in rules[1]
        or not label
    ):
        return _lookup(host)
    if found is None:
        if len(_BY_PARENT) >= _BY_PARENT_MAX:
            _BY_PARENT.clear()
        # none: the parent is itself a public suffix, so the host is the domain
        found = _BY_PARENT[parent] = _list().privatesuffix(parent) or ""
    return found or host


def covers(domain: str, host: str) -> bool:
    """Is ``host`` under the registrable ``domain`` (the domain itself included)?"""
    return (host == domain or host.endswith("." + domain)) and registrable_domain(host) == domain


def checked_domain(text: str) -> str:
    """``text`` as a registrable domain (``bbc.co.uk``, an IP address), normalised; a
    ValueError saying why when it is not one (``www.bbc.co.uk``: its domain is given)."""
    from planner.domain.hosts import normalize_host

    host = normalize_host(text)
    if host is None:
        raise ValueError(f"'{text}' is not a domain name")
    domain = registrable_domain(host)
    if domain != host:
        raise ValueError(
            f"'{text}' is not a registrable domain: its registrable domain is '{domain}'"
        )
    return domain
