"""Names a DNS log holds that are not sites anyone uses: the network's own devices and
zones, and reverse look-ups.

A Zeek ``dns.log`` or a BIND query log sees every name the clients resolve, so beside
``slack.com`` it holds the laptops DHCP named after their owners
(``laptop-anna.corp.example``, ``annas-macbook.local``), printers, domain controllers and
PTR look-ups of addresses (``21.0.1.10.in-addr.arpa``). None of these is a social tool,
and a device name is personal data: they are skipped at import, never stored nor listed
for triage, and counted. Local means a single label (``LAPTOP-ANNA``, ``wpad``), a name
under a suffix reserved or customary for private networks (RFC 6761/6762/8375 and the
ones routers and Active Directory use), anything under ``.arpa``, or a name under one of
the organisation's own zones the user gives (``--internal-zone corp.example``). Pure
code: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.domain.hosts import normalize_host

__all__ = ["LOCAL_SUFFIXES", "LocalNames"]

# Reserved (local, localhost, invalid, home.arpa, internal) or customary on private
# networks (lan, home, corp, intranet, private, localdomain: routers and AD forests).
LOCAL_SUFFIXES = (
    "local",
    "localhost",
    "localdomain",
    "invalid",
    "lan",
    "home",
    "internal",
    "intranet",
    "corp",
    "private",
    "arpa",  # in-addr.arpa, ip6.arpa, home.arpa
)


class LocalNames:
    """Tells local names apart; built once per import with the organisation's zones."""

    def __init__(self, zones: Iterable[str] = ()) -> None:
        suffixes = set(LOCAL_SUFFIXES)
        for zone in zones:
            name = normalize_host(zone.removeprefix("*."))
            if name is None:
                raise ValueError(f"not a DNS zone: {zone!r}")
            suffixes.add(name)
        self._suffixes = frozenset(suffixes)

    def __contains__(self, host: object) -> bool:
        """``host`` (normalised, as evidence keys are) is a local name."""
        if not isinstance(host, str) or ":" in host:
            return False  # an application key or an IPv6 address
        if "." not in host:
            return not host.isdigit()  # one label; a bare number is an address
        suffixes = self._suffixes
        name = host
        while name:
            if name in suffixes:
                return True
            name = name.partition(".")[2]
        return False
