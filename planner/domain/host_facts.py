"""What a log's hosts are, by name alone: found in one walk over their parent domains.

An import asks four questions of every distinct host: its registrable domain (the unit of
triage, ``suffixes``), whether it is under a sensitive domain (``sensitive``: set aside),
under a catalog product's domain, and under the infrastructure list's (``DomainMatcher``:
both at once, as pairs, see ``services.discover.claims``). Each answer is a host's own
name's when a list names it, else its parent's. Asked one list after the other, a long
tail of 280,000 hosts cost three walks of a Python call per host (0.09-0.13 s each);
here the answers are found once per distinct parent (a long tail has a quarter as many)
and given to each host by look-ups in C, only the few hosts a list names themselves
(or whose parent has no one answer: an address, a wildcard's children) asked one by one.

Pure: the answers are the same whatever the order of the hosts, and whether they are
walked at once or a batch at a time (``Walker``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import itemgetter, not_
from typing import TypeVar

from planner.domain.hosts import DomainMatcher
from planner.domain.sensitive import Category, SensitiveList
from planner.domain.suffixes import parent_walk

__all__ = ["HostFacts", "HostLists", "Pair", "Walker", "by_host", "walk"]

# A claimed host's answers: the catalog's product, the infrastructure list's kind.
Pair = tuple[str | None, str | None]

T = TypeVar("T")
K = TypeVar("K", str, int)  # a name, or its position in a run of names


@dataclass(frozen=True, slots=True)
class HostLists:
    """What a host's facts are looked up in: the sensitive list, one matcher of the
    catalog's and the infrastructure list's domains (each domain -> its ``Pair``), and
    the prefix of application keys (``app:``: under no domain, their own domain)."""

    sensitive: SensitiveList
    claims: DomainMatcher
    apps: str


@dataclass(slots=True)
class HostFacts:
    """The facts of a log's hosts: ``domains``, each host's registrable domain in the
    hosts' order; ``sensitive``, the hosts under a sensitive domain -> its category;
    ``claimed``, the hosts under a domain of the catalog or the list -> their ``Pair``
    (both in the hosts' order)."""

    domains: list[str]
    sensitive: dict[str, Category]
    claimed: dict[str, Pair]


# Names walked at once: each batch's parents are new texts (a long tail's 1,000,000 hosts
# at once held some 40 MB more at the import's peak than a batch at a time).
WALK_BATCH = 1 << 16


def walk(names: Sequence[str], lists: HostLists, batch: int = WALK_BATCH) -> HostFacts:
    """The facts of ``names`` (normalised hosts and application keys), walked ``batch``
    at a time (the answers do not depend on it: ``Walker``)."""
    walker = Walker(lists)
    domains: list[str] = []
    sensitive: dict[str, Category] = {}
    claimed: dict[str, Pair] = {}
    for start in range(0, len(names), batch):
        part = names[start : start + batch]
        found, under_sensitive, under_claimed = walker(part)
        domains += found
        sensitive.update(by_host(part, under_sensitive))
        claimed.update(by_host(part, under_claimed))
    return HostFacts(domains, sensitive, claimed)


class Walker:
    """``walk`` by position, for a run of names given at once or a batch at a time, each
    parent's answers remembered across the batches."""

    def __init__(self, lists: HostLists) -> None:
        self.lists = lists
        self.domains_of = parent_walk()
        # the names answered one by one: their own entry in a list may differ from their
        # parent's answer
        self.named = self.domains_of.named.union(lists.sensitive.domains, lists.claims.names())
        self.by_parent: dict[str, str | None] = {}
        self.sensitive_of: dict[str, Category] = {}
        self.claimed_of: dict[str, Pair] = {}

    def __call__(
        self, names: Sequence[str]
    ) -> tuple[list[str], dict[int, Category], dict[int, Pair]]:
        """Each name's domain; the positions of the names under a sensitive domain, and
        of those under a domain of the catalog or the list, with the answer, in order."""
        parents = list(map(itemgetter(2), map(str.partition, names, repeat("."))))
        self._learn(set(parents).difference(self.by_parent))
        domains: list[str] = list(map(self.by_parent.__getitem__, parents))  # type: ignore[arg-type]
        count = range(len(names))
        # one by one: a name a list names, a child of a parent with no one answer, a name
        # with a ':' (an application key, an IPv6 address) or with no label of its own
        apart = set(compress(count, map(self.named.__contains__, names)))
        for i in compress(count, map(not_, domains)):
            if domains[i] is None:
                apart.add(i)
            else:  # "": each child of the parent is a domain of its own
                domains[i] = names[i]
        apart.update(_colons_or_dots(names))
        sensitive = _under(names, parents, self.sensitive_of, apart)
        claimed = _under(names, parents, self.claimed_of, apart)
        if apart:
            self._apart(names, sorted(apart), domains, sensitive, claimed)
        return domains, sensitive, claimed

    def _learn(self, parents: Iterable[str]) -> None:
        """The answers for the children of each of ``parents``: those of its own parent's
        children (the same walk one level up, asked once per grandparent: a long tail's
        parents share a few), its own only where a list names it or it has no one answer
        for its children (``_odd``)."""
        found = list(parents)
        grands = list(map(itemgetter(2), map(str.partition, found, repeat("."))))
        odd = self._odd(found, grands)
        kept = [True] * len(found)
        for i in odd:
            kept[i] = False
        if odd:
            self._learn_each([found[i] for i in odd])
            found, grands = list(compress(found, kept)), list(compress(grands, kept))
        grand = self.domains_of.grand
        assert grand is not None or not found  # no list: every parent is odd
        of_grand: dict[str, str] = {}
        sensitive_of: dict[str, Category] = {}
        claimed_of: dict[str, Pair] = {}
        for name in set(grands):
            of_grand[name] = grand(name)  # type: ignore[misc]  # a list, see above
            self._ask(name, name, sensitive_of, claimed_of)
        domains = list(map(of_grand.__getitem__, grands))
        for i in compress(range(len(domains)), map(not_, domains)):
            domains[i] = found[i]  # "": the grandparent's children are domains of their own
        self.by_parent.update(zip(found, domains, strict=True))
        for answers, mine in ((sensitive_of, self.sensitive_of), (claimed_of, self.claimed_of)):
            if answers:
                at = compress(range(len(found)), map(answers.__contains__, grands))
                mine.update((found[i], answers[grands[i]]) for i in at)  # type: ignore[misc]

    def _odd(self, parents: list[str], grands: list[str]) -> list[int]:
        """The positions of the parents answered on their own: no grandparent, named by a
        list, a wildcard's or a wildcard's child, a ``:``, no label, a last digit."""
        count = range(len(parents))
        wildcards = self.domains_of.wildcards
        if self.domains_of.grand is None:
            return list(count)
        odd = set(compress(count, map(not_, grands)))
        odd.update(compress(count, map(self.named.__contains__, parents)))
        odd.update(compress(count, map(wildcards.__contains__, parents)))
        odd.update(compress(count, map(wildcards.__contains__, grands)))
        odd.update(compress(count, map(str.isdigit, map(itemgetter(slice(-1, None)), parents))))
        odd.update(_colons_or_dots(parents))
        return sorted(odd)

    def _learn_each(self, parents: Iterable[str]) -> None:
        """The answers for the children of each of ``parents``, asked one by one."""
        children = self.domains_of.children
        for parent in parents:
            self.by_parent[parent] = children(parent)
            if parent:
                self._ask(parent, parent, self.sensitive_of, self.claimed_of)

    def _ask(self, name: str, key: K, sensitive: dict[K, Category], claimed: dict[K, Pair]) -> None:
        """``name``'s own answers in the lists, kept under ``key`` where it has one."""
        if (found := self.lists.sensitive.category(name)) is not None:
            sensitive[key] = found
        if (pair := self.lists.claims.closest(name)) is not None:
            claimed[key] = pair  # type: ignore[assignment]  # the pairs matcher

    def _apart(
        self,
        names: Sequence[str],
        apart: list[int],
        domains: list[str],
        sensitive: dict[int, Category],
        claimed: dict[int, Pair],
    ) -> None:
        """Each of the ``apart`` names answered as the lists answer one host; the answers
        kept by position (those found here come after their parents')."""
        host_domain, apps = self.domains_of.host, self.lists.apps
        added = len(sensitive), len(claimed)
        for i in apart:
            host = names[i]
            domains[i] = host_domain(host)
            if not host.startswith(apps):  # an application is under no domain
                self._ask(host, i, sensitive, claimed)
        if len(sensitive) != added[0]:
            ordered = sorted(sensitive.items())
            sensitive.clear()
            sensitive.update(ordered)
        if len(claimed) != added[1]:
            ordered_pairs = sorted(claimed.items())
            claimed.clear()
            claimed.update(ordered_pairs)


def _under(
    names: Sequence[str], parents: list[str], of_parent: dict[str, T], apart: set[int]
) -> dict[int, T]:
    """Host position -> its parent's answer, for the hosts whose parent has one, in
    order (those ``apart`` left out: they are answered one by one)."""
    if not of_parent:
        return {}
    at = compress(range(len(names)), map(of_parent.__contains__, parents))
    return {i: of_parent[parents[i]] for i in at if i not in apart}


def _colons_or_dots(names: Sequence[str]) -> Iterable[int]:
    """The positions of the names with a ``:`` (an application key, an IPv6 address) or
    with no first label (``.x``): rare, so one search of all the names tells first."""
    joined = "\n" + "\n".join(names)
    count = range(len(names))
    found: list[int] = []
    if ":" in joined:
        found += compress(count, map(str.__contains__, names, repeat(":")))
    if "\n." in joined:
        found += compress(count, map(str.startswith, names, repeat(".")))
    return found


def by_host(names: Sequence[str], answers: dict[int, T]) -> dict[str, T]:
    """Position -> answer as host -> answer, in the hosts' order."""
    return {names[i]: answer for i, answer in answers.items()}
