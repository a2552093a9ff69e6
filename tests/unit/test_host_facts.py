"""One walk over the hosts' parents (``domain.host_facts.walk``) gives every host the
answers each list gives it asked alone: its registrable domain (``domain_finder``), its
sensitive category (``SensitiveList.category``), its catalog and infrastructure pair
(``DomainMatcher.closest``), for names around every rule of the suffix list, every
listed domain, addresses, application keys and odd names; in any order, and in order."""

from __future__ import annotations

import random

import pytest
from publicsuffixlist import PublicSuffixList

from planner.adapters.infrastructure import matcher
from planner.adapters.sources.logs.model import APP_PREFIX
from planner.domain.catalog import Catalog
from planner.domain.host_facts import HostLists, walk
from planner.domain.hosts import DomainMatcher
from planner.domain.sensitive import Category, SensitiveList
from planner.domain.suffixes import domain_finder
from planner.services.discover.claims import pairs

CATALOG = {"yammer.com": "viva-engage", "slack.com": "slack", "a.slack.com": "other",
           "github.io": "pages", "x.github.io": "pages-x", "co.uk": "odd"}  # fmt: skip
SENSITIVE = {"igmetall.de": Category.TRADE_UNION, "www.health.example.com": Category.HEALTH,
             "doctolib.fr": Category.HEALTH}  # fmt: skip


def _lists() -> HostLists:
    claims = pairs(DomainMatcher(CATALOG), matcher())
    return HostLists(SensitiveList(SENSITIVE), claims, APP_PREFIX)


def _names() -> list[str]:
    rules = [r.lstrip("!").removeprefix("*.") for r in PublicSuffixList()._publicsuffix]
    named = [*rules[::7], *CATALOG, *SENSITIVE, *matcher().names()]
    names: set[str] = set()
    for name in named:
        parent = name.partition(".")[2]
        names |= {name, f"x.{name}", f"a.x.{name}", f"z{name}", parent, f"b.{parent}"}
    rng = random.Random(3)
    names |= {f"h{n}.site{rng.randrange(90)}.example.com" for n in range(400)}
    names |= {"10.0.0.5", "a.10.0.0.5", "::1", "2001:db8::1", "::ffff:1.2.3.4", "localhost",
              "app:slack", "app:teams.example.com", "app:Ünïcode.de", ".lead.example.com",
              "a..b.example.com", "x.kawasaki.jp", "city.kawasaki.jp", "b.x.ck", "www.ck",
              "ab.c١", "x.ab.c١", "com", "a.b.c.d.e.example.de"}  # fmt: skip
    return sorted(n for n in names if n)


def _alone(names: list[str], lists: HostLists) -> tuple[list[str], dict, dict]:  # type: ignore[type-arg]
    """Each list asked about each host on its own, as the import did before."""
    find = domain_finder()
    domains = list(map(find, names))
    hosts = [h for h in names if not h.startswith(APP_PREFIX)]
    sensitive = {h: c for h in hosts if (c := lists.sensitive.category(h)) is not None}
    claimed = {h: p for h in hosts if (p := lists.claims.closest(h)) is not None}
    return domains, sensitive, claimed


def test_one_walk_answers_as_each_list_alone() -> None:
    names = _names()
    facts = walk(names, _lists())
    domains, sensitive, claimed = _alone(names, _lists())
    assert facts.domains == domains
    assert list(facts.sensitive.items()) == list(sensitive.items())  # in the hosts' order
    assert list(facts.claimed.items()) == list(claimed.items())
    assert facts.sensitive["x.igmetall.de"] is Category.TRADE_UNION
    assert facts.claimed["x.a.slack.com"] == ("other", None)
    assert "app:slack" not in facts.claimed
    assert facts.domains[names.index("app:slack")] == "app:slack"
    assert len(sensitive) > 5 and len(claimed) > 100


def test_any_order_and_any_part_gives_the_same_answers() -> None:
    """A reader's processes each walk their own hosts, in the order they met them."""
    names = _names()
    rng = random.Random(11)
    shuffled = rng.sample(names, len(names))
    lists = _lists()
    whole = walk(names, lists)
    by_host = dict(zip(names, whole.domains, strict=True))
    for part in (shuffled[: len(names) // 3], shuffled[len(names) // 3 :], shuffled):
        facts = walk(part, lists)  # the same lists, their memories warm by now
        assert facts.domains == [by_host[h] for h in part]
        assert facts.sensitive == {h: c for h, c in whole.sensitive.items() if h in set(part)}
        assert list(facts.claimed) == [h for h in part if h in whole.claimed]


def test_batches_give_the_answers_of_one_walk() -> None:
    """A long tail is walked a batch at a time (memory): any batch size, same facts."""
    names = _names()
    whole = walk(names, _lists(), batch=len(names) + 1)
    for size in (1, 7, 100):
        facts = walk(names, _lists(), batch=size)
        assert facts.domains == whole.domains
        assert list(facts.sensitive.items()) == list(whole.sensitive.items())
        assert list(facts.claimed.items()) == list(whole.claimed.items())


def test_an_application_key_is_its_own_domain_whatever_came_before() -> None:
    """An application key whose name has dots (``app:teams.example.com``) is its own
    domain, whether or not a host under its parent was seen first: every finder agrees."""
    from planner.domain.suffixes import domain_finder, registrable_domain

    key = "app:teams.example.com"
    for order in ([key, "x.example.com"], ["x.example.com", key]):
        find = domain_finder()
        assert [find(h) for h in order] == [key if h == key else "example.com" for h in order]
        assert walk(order, _lists()).domains == [find(h) for h in order]
    registrable_domain("y.example.com")  # the shared memory knows the parent now
    assert registrable_domain(key) == key


def test_empty_and_empty_lists() -> None:
    empty = HostLists(SensitiveList({}), DomainMatcher({}), APP_PREFIX)
    assert walk([], empty).domains == []
    facts = walk(["a.b.example.com", "example.com", "1.2.3.4"], empty)
    assert facts.domains == ["example.com", "example.com", "1.2.3.4"]
    assert facts.sensitive == {} and facts.claimed == {}


def test_the_import_lists_hold_the_catalog_and_the_list() -> None:
    from planner.adapters.sensitive import sensitive_list
    from planner.services.discover.facts import import_lists

    lists = import_lists(Catalog([], []), sensitive_list())
    assert lists.apps == APP_PREFIX
    assert lists.claims.closest("a.b.cloudfront.net") == (None, "cdn")


def test_without_the_lists_rules_each_host_asks_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """A future package keeping its rules otherwise: every parent is asked on its own."""
    from planner.domain import suffixes

    names = _names()[::5]
    expected = walk(names, _lists())
    monkeypatch.setattr(suffixes, "_rules", lambda: None)
    facts = walk(names, _lists())
    assert facts.domains == expected.domains
    assert facts.sensitive == expected.sensitive and facts.claimed == expected.claimed
