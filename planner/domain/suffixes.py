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
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

__all__ = [
    "ParentWalk",
    "checked_domain",
    "covers",
    "domain_finder",
    "parent_walk",
    "registrable_domain",
]


@cache
def _list() -> Any:
    """The shipped list, parsed as ``PublicSuffixList()`` parses it, in a third of the time.

    The package adds each rule's IDNA (punycode) spelling beside the rule, encoding all of
    them, ~10,000; but an ASCII rule is its own spelling, and only a few hundred are not
    ASCII. So those few are encoded here and given as rules of their own, and the package
    parses the result without encoding any: the same rules, the same longest rule
    (``tests/unit/test_hosts.py`` compares them with the package's own parse)."""
    from publicsuffixlist import PSLFILE, PublicSuffixList

    with open(PSLFILE, "rb") as fh:
        lines = fh.read().decode("utf8", "surrogateescape").splitlines()
    return PublicSuffixList(_with_idna_spellings(lines), accept_encoded_idn=False)


def _with_idna_spellings(lines: list[str]) -> list[str]:
    """The list's lines, each rule that is not ASCII followed by its IDNA spelling (as the
    package spells it: the rule as it reads it, ``!`` kept in front of an exception)."""
    found = list(lines)
    for line in lines:
        if line.isascii():
            continue
        rule = line.lower().split(" ")[0].rstrip()
        if not rule or rule.startswith("//"):
            continue
        encoded = rule.lstrip("!").encode("idna").decode("ascii")
        found.append("!" + encoded if rule[0] == "!" else encoded)
    return found


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
    # parent, see below), no rule naming the host, and no ':' in its label (an
    # application key is its own domain, whatever its parent).
    if (
        found is not None
        and label
        and rules is not None
        and host not in rules[0]
        and ":" not in label
    ):
        return found or host
    if len(_BY_PARENT) >= _BY_PARENT_MAX:
        _BY_PARENT.clear()
    return _uncached(host, label, dot, parent, rules, _BY_PARENT)


def _uncached(
    host: str,
    label: str,
    dot: str,
    parent: str,
    rules: tuple[frozenset[str], frozenset[str]] | None,
    by_parent: dict[str, str],
) -> str:
    """``registrable_domain`` of a host whose parent is not in ``by_parent`` (or which a
    rule names): remembers the parent's answer when it stands for its children."""
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
    return _of_children(rules, by_parent, parent) or host


def _of_children(
    rules: tuple[frozenset[str], frozenset[str]], by_parent: dict[str, str], parent: str
) -> str:
    """The registrable domain of the children of ``parent`` that no rule names ("": each
    is its own), for a parent that is no address nor a wildcard's (``_uncached`` checks);
    remembered in ``by_parent``."""
    found = by_parent.get(parent)
    if found is None:
        grand = parent.partition(".")[2]
        if grand and parent[0] != "." and parent not in rules[0] and grand not in rules[1]:
            # No rule names the parent, so it is no public suffix (its suffix is a shorter
            # one): its children's domain is its own, found the same way, one level up;
            # the list is asked once per public suffix, not once per parent (~6 us).
            found = _domain(rules, by_parent, parent)
        else:
            # none: the parent is itself a public suffix, so the host is the domain
            found = _list().privatesuffix(parent) or ""
            # the parent's own string when it is the domain: the caller's domains share it
            found = parent if found == parent else found
        by_parent[parent] = found
    return found


def _domain(
    rules: tuple[frozenset[str], frozenset[str]], by_parent: dict[str, str], host: str
) -> str:
    """``registrable_domain`` with ``by_parent`` as its memory."""
    label, dot, parent = host.partition(".")
    found = by_parent.get(parent)
    if found is not None and label and host not in rules[0] and ":" not in label:
        return found or host
    return _uncached(host, label, dot, parent, rules, by_parent)


def domain_finder() -> Callable[[str], str]:
    """``registrable_domain`` with a memory of its own for one long run of hosts (an
    import's), unbounded, let go of with the function.

    Why: the shared memory is bounded (a long-running TUI keeps it), and a million-host
    log sorted by name visits its 250,000 parents once per first label: each pass pushed
    the last one's parents out, and half the hosts went to the list (~6 us each, 3 s over
    the log). Here a parent costs a dict slot, its string being the domain's (which the
    import keeps anyway)."""
    rules = _rules()
    if rules is None:
        return registrable_domain
    return partial(_domain, rules, {})


@dataclass(frozen=True, slots=True)
class ParentWalk:
    """``domain_finder`` for a run of hosts walked by parent (``host_facts``): ``host``
    answers one host, ``children`` all the children of one parent at once, one memory
    of parents for both.

    ``children(parent)``: the registrable domain of every child of ``parent`` that has a
    label of its own (``x`` of ``x.parent``), no ``:`` in it, and no rule of the list
    naming it (``named``): "" when each such child is its own domain, None when they
    are not one answer (an address, a wildcard's children, no list): ask ``host``.
    ``grand(grandparent)``: ``children`` of a parent that is none of ``named`` nor of
    ``wildcards``, has a label of its own, and whose own parent (``grandparent``) is no
    wildcard's either, is ``grand(grandparent) or parent`` (None: no list)."""

    host: Callable[[str], str]
    children: Callable[[str], str | None]
    named: frozenset[str]
    wildcards: frozenset[str] = frozenset()
    grand: Callable[[str], str] | None = None


def parent_walk() -> ParentWalk:
    """A ``ParentWalk`` with a memory of its own (``domain_finder``'s)."""
    rules = _rules()
    if rules is None:
        return ParentWalk(registrable_domain, lambda parent: None, frozenset())
    by_parent: dict[str, str] = {}
    wildcards = rules[1]

    def children(parent: str) -> str | None:
        if not parent or ":" in parent or parent[-1].isdigit() or parent in wildcards:
            return None  # the same conditions as ``_uncached``'s, for any child
        return _of_children(rules, by_parent, parent)

    grand = partial(_of_children, rules, by_parent)  # what ``_uncached`` asks of it
    return ParentWalk(partial(_domain, rules, by_parent), children, rules[0], wildcards, grand)


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
