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


@cache
def _registrable(host: str) -> str:
    if ":" in host or _is_ip(host):
        return host
    found = _list().privatesuffix(host)
    return found if found else host


def registrable_domain(host: str) -> str:
    """The registrable domain of a normalised host (``www.bbc.co.uk`` -> ``bbc.co.uk``),
    or the host itself when it has none (an IP address, a public suffix, one label)."""
    if _registrable.cache_info().currsize > 200_000:
        _registrable.cache_clear()  # bounds memory on a long tail; the list stays loaded
    return _registrable(host)


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
