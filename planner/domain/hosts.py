"""Host names as evidence: normalising what logs write and matching it to catalog domains.

Proxy and DNS logs name the same site in many spellings — a full URL, ``host:443`` for an
HTTPS tunnel, ``user:pw@host``, an upper-case or trailing-dot name, an IPv6 literal in
brackets, an internationalised name in Unicode or punycode. Counting tools in use only works
if all of them collapse to one key, so ``normalize_host`` reduces each to the lower-case
ASCII name and returns ``None`` for anything that is not a host at all (the log line is then
malformed rather than evidence of a site called ``error``).

Internationalised names follow IDNA 2008 with UTS #46 non-transitional processing (the
maintained ``idna`` package), as browsers and registries do: ``straße.example`` is
``xn--strae-oqa.example``, a domain of its own, not ``strasse.example`` (Python's
``"idna"`` codec is IDNA 2003, which maps ß to ss and ς to σ and so merged two domains).
Only non-ASCII names reach it, each distinct one once (a cache): imports of a million lines
see a few thousand hosts.

``DomainMatcher`` answers "which catalog product does this host belong to?" by walking the
host's parent domains from the longest down, so ``a.b.yammer.com`` matches ``yammer.com``,
``notyammer.com`` never does, and a more specific catalog domain beats a shorter one. Logs
repeat the same few thousand hosts millions of times, hence the cache. Pure code: no I/O.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Collection, Iterable, Mapping

__all__ = ["DomainMatcher", "host_prefix", "normalize_host"]

_MAX_NAME = 253
_MAX_LABEL = 63
# Letters, digits, hyphen, and underscore (seen in real names such as ``_dmarc`` or
# ``my_host.corp``): anything else in an ASCII name means it was not a host name.
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")


def _is_scheme(text: str) -> bool:
    """RFC 3986 scheme: a letter, then letters, digits, ``+``, ``-`` or ``.``."""
    return text.isascii() and text[0].isalpha() and all(c.isalnum() or c in "+-." for c in text)


def _split_port(hostport: str) -> str | None:
    """``host[:port]`` or ``[v6][:port]`` -> host part, or None when the port is not a port."""
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            return None
        rest = hostport[end + 1 :]
        if rest and not (rest[0] == ":" and (rest[1:].isdigit() or rest == ":")):
            return None
        return hostport[: end + 1]
    colons = hostport.count(":")
    if colons == 0:
        return hostport
    if colons == 1:
        host, _, port = hostport.partition(":")
        if port and not (port.isascii() and port.isdigit()):
            return None
        return host
    return hostport  # a bare IPv6 address, checked by the caller


def _ipv6(text: str) -> str | None:
    address = text[1:-1] if text.startswith("[") else text
    address = address.partition("%")[0]  # a zone id (fe80::1%eth0) is local detail
    try:
        return ipaddress.IPv6Address(address).compressed
    except ValueError:
        return None


# Where IDNA 2003 and non-transitional UTS #46 differ: ß, final sigma, ZWJ, ZWNJ.
_DEVIATIONS = frozenset("\u00df\u03c2\u200c\u200d")


@functools.lru_cache(maxsize=65536)
def _punycode(host: str) -> str | None:
    """An internationalised name in its ASCII form (IDNA 2008, UTS #46 non-transitional),
    None when it is not a valid one.

    A name IDNA 2008 refuses but browsers still open (``i❤.ws``: symbols were valid in
    IDNA 2003) keeps its IDNA 2003 form, unless it holds a deviation character, whose
    2003 form would be another domain's."""
    import idna  # 40 ms of tables, loaded only when a log holds a non-ASCII name

    try:
        return idna.encode(host, uts46=True, transitional=False).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        pass
    if not _DEVIATIONS.isdisjoint(host):
        return None
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def _ascii_name(host: str) -> str | None:
    if not host.isascii():
        encoded = _punycode(host)
        if encoded is None:
            return None
        host = encoded
    host = host.lower()
    if not host or len(host) > _MAX_NAME or not _NAME_CHARS.issuperset(host):
        return None
    labels = host.split(".")
    if any(
        not label or len(label) > _MAX_LABEL or label[0] == "-" or label[-1] == "-"
        for label in labels
    ):
        return None
    return host


# What logs write nearly always: an optional scheme, a name that is already lower-case
# ASCII with valid labels, an optional port and the ``/`` of ``host_prefix``. Such text is
# its own host once the scheme, port and slash are cut, and one C-level match and a few
# C-level searches decide it (``_plain_labels``); anything else (upper case, user-info, a
# path, trailing dots, IPv6, IDN...) takes the careful path. A long tail normalises each
# of a million hosts once, so this is most of the per-host cost of reading it. The match
# takes the name's characters only, possessively (none of them can end a scheme or start
# a port): one pattern of whole labels, backtracking inside each, took 0.43 us a host of
# the long tail's ``name:443``, this one and its searches 0.2-0.3 us.
_PLAIN = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.\-]*+://)?([a-z0-9_.\-]{1,253}+)(?::[0-9]*+)?/?", re.ASCII
).fullmatch


def _plain_labels(host: str) -> bool:
    """Whether ``host`` (lower-case ASCII letters, digits, ``_``, ``-`` and dots) is made
    of valid labels: none empty, none longer than 63, none starting or ending with ``-``."""
    return (
        host[0] not in ".-"
        and host[-1] not in ".-"
        and ".." not in host
        and ".-" not in host
        and "-." not in host
        and (len(host) <= _MAX_LABEL or max(map(len, host.split("."))) <= _MAX_LABEL)
    )


def normalize_host(raw: str) -> str | None:
    """The lower-case ASCII host named by a URL, ``host:port`` or bare host, else None.

    Strips the scheme, user-info, port, path, query, fragment, IPv6 brackets and trailing
    dots; converts internationalised names to punycode. Returns None for empty input and
    for text that cannot be a host (bad port, spaces, empty labels, undecodable IDN).
    """
    plain = _PLAIN(raw)
    if plain is not None and _plain_labels(host := plain[1]):
        return host
    return _careful_host(raw)


def _careful_host(raw: str) -> str | None:
    """``normalize_host`` for any text, step by step (the fast path's answers agree)."""
    text = raw.strip()
    scheme = text.find("://")
    if scheme > 0 and _is_scheme(text[:scheme]):
        text = text[scheme + 3 :]
    elif text.startswith("//"):
        text = text[2:]
    for stop in "/?#":
        cut = text.find(stop)
        if cut >= 0:
            text = text[:cut]
    text = text.rpartition("@")[2]
    host = _split_port(text)
    if host is None:
        return None
    if ":" in host:
        return _ipv6(host)
    host = host.rstrip(".")
    if not host:
        return None
    return _ascii_name(host)


def host_prefix(url: str) -> str:
    """The shortest prefix of ``url`` that decides ``normalize_host(url)``.

    Logs repeat one host under countless paths; caching normalised hosts by this prefix
    (``https://host:443/`` of ``https://host:443/a/b?c``) makes one cache entry per site.
    It runs at least to the first ``/`` after the first ``://`` (without one, past the
    first two characters after any leading blanks), which is as far as
    ``normalize_host`` looks.
    """
    scheme = url.find("://")
    if scheme >= 0:
        cut = url.find("/", scheme + 3)
    else:
        cut = url.find("/", len(url) - len(url.lstrip()) + 2)  # past a leading "//"
    return url[: cut + 1] if cut >= 0 else url  # the "/" too: it is where the host ends


class DomainMatcher:
    """Maps hosts to product ids by their longest matching catalog domain.

    Built once from ``{domain: product_id}``. ``closest`` answers a normalised name (an
    evidence key) and remembers the answer of each parent it walks: a long tail's hosts
    share parents (``a.x.com``, ``b.x.com``, and ``x.com``, ``y.com`` share ``com``), so
    most of its hosts cost two dictionary look-ups, their own name and their parent's,
    and a caller with many hosts just asks, without a memo of its own. ``match`` takes
    any text a log writes and remembers each one.
    """

    _CACHE_LIMIT = 200_000

    def __init__(self, domains: Mapping[str, str]) -> None:
        table: dict[str, str] = {}
        for domain, product in domains.items():
            key = normalize_host(domain.removeprefix("*."))
            if key is None:
                raise ValueError(f"not a domain name: {domain!r}")
            if table.get(key, product) != product:
                raise ValueError(
                    f"domain {key!r} is claimed by both {table[key]!r} and {product!r}"
                )
            table[key] = product
        self._domains = table
        # normalised name -> answer: the named domains, then each parent walked (bounded)
        self._closest: dict[str, str | None] = dict(table)
        self._cache: dict[str, str | None] = {}  # a log's own text -> answer (bounded)

    def __len__(self) -> int:
        return len(self._domains)

    def names(self) -> Collection[str]:
        """The domains it knows, normalised: a host none of them names exactly gets its
        parent's answer (``closest``)."""
        return self._domains.keys()

    def closest(self, name: str) -> str | None:
        """The product whose domain is ``name`` or its closest parent domain, else None,
        for a ``name`` that is ``normalize_host``'s output already (evidence keys are).

        ``name`` itself is not remembered (a long tail asks each host once, and filling
        the memo with them would only push out the parents they share); the parents
        walked to answer it are (``_parent``)."""
        known = self._closest
        found = known.get(name, _UNSEEN)
        if found is _UNSEEN:
            parent = name.partition(".")[2]
            if not parent:
                return None
            found = known.get(parent, _UNSEEN)
            if found is _UNSEEN:
                return self._parent(parent)
        return found  # type: ignore[return-value]  # not _UNSEEN here

    def claimed(self, names: Iterable[str], others: list[str] | None = None) -> dict[str, str]:
        """Each of ``names`` (normalised, as ``closest`` takes them) that a domain claims
        -> its answer; the rest appended to ``others``, in their order, when it is given.

        ``closest`` for many names at once, its look-ups inline: a long tail's hosts cost
        two dictionary look-ups each and no call, where a call per host cost more than
        the look-ups (claims over 280,000 hosts, the catalog's matcher and the
        infrastructure list's: 0.23-0.25 s of CPU, against 0.33-0.35 s a call per host)."""
        get, unseen = self._closest.get, _UNSEEN  # bound once: the loop runs per host
        found: dict[str, str] = {}
        keep = None if others is None else others.append
        for name in names:
            answer = get(name, unseen)
            if answer is unseen:
                parent = name.partition(".")[2]
                answer = get(parent, unseen) if parent else None
                if answer is unseen:
                    answer = self._parent(parent)
                    get = self._closest.get  # a new memo, if it outgrew its bound
            if answer is not None:
                found[name] = answer  # type: ignore[assignment]  # a product here
            elif keep is not None:
                keep(name)
        return found

    def match(self, host: str) -> str | None:
        """The product whose domain is ``host`` or its closest parent domain, else None,
        for any text a log writes (normalised here; a name that is ``normalize_host``'s
        output already goes to ``closest``, without normalising it again)."""
        cache = self._cache
        if host in cache:
            return cache[host]
        name = normalize_host(host)
        result = self.closest(name) if name else None
        if len(cache) >= self._CACHE_LIMIT:
            cache.clear()  # hosts seen in one log are far fewer; this only bounds memory
        cache[host] = result
        return result

    def _parent(self, name: str) -> str | None:
        """The answer for a parent name none of the domains is, walked up and remembered
        with every name on the way (``x.com``, then ``com`` once for all ``*.com``)."""
        known = self._closest
        if len(known) >= len(self._domains) + self._CACHE_LIMIT:
            # only bounds memory: back to the named domains, parents are walked again
            self._closest = known = dict(self._domains)
        walked = [name]
        found: str | None = None
        parent = name.partition(".")[2]
        while parent:
            answer = known.get(parent, _UNSEEN)
            if answer is not _UNSEEN:
                found = answer  # type: ignore[assignment]  # not _UNSEEN here
                break
            walked.append(parent)
            parent = parent.partition(".")[2]
        for each in walked:
            known[each] = found
        return found


_UNSEEN = object()  # not a name's answer yet (an answer may be None)
