"""Registrable domains looked up once per parent (``domain/suffixes.py``) give the Public
Suffix List's own answer for every rule of the list: its names, their children and
grandchildren (exact rules, ``*.`` wildcards, ``!`` exceptions, private-section entries
whose parent is not a suffix), asked cold and again with the parents remembered; and so
does an import's own finder (``domain_finder``), whose memory is not bounded."""

from __future__ import annotations

from publicsuffixlist import PublicSuffixList

from planner.domain import suffixes
from planner.domain.suffixes import domain_finder, registrable_domain


def _names() -> list[str]:
    psl = PublicSuffixList()
    names: set[str] = set()
    for line in psl._publicsuffix:  # the package's parsed rules
        rule = line.lstrip("!").removeprefix("*.")
        labels = rule.split(".")
        for i in range(len(labels)):
            tail = ".".join(labels[i:])
            names.update({tail, f"x.{tail}", f"a.x.{tail}", f"www.a.x.{tail}"})
    names.update({"localhost", "a.localhost", "10.0.0.1", "a.b.10.0.0.1", "::1", "www.bbc.co.uk"})
    # suffixes no rule knows (the list's default rule), and deeper names under them
    names.update({"zzz", "a.zzz", "b.a.zzz", "c.b.a.zzz", "x.y.example.zzz", "d.c.b.a.com"})
    return sorted(names)


def test_every_rule_gives_the_lists_own_answer() -> None:
    psl = PublicSuffixList()
    names = _names()
    expected = {
        n: n if ":" in n or n.replace(".", "").isdigit() else (psl.privatesuffix(n) or n)
        for n in names
    }
    suffixes._BY_PARENT.clear()
    cold = {n: registrable_domain(n) for n in names}
    warm = {n: registrable_domain(n) for n in reversed(names)}
    assert cold == expected
    assert warm == expected
    find = domain_finder()
    assert {n: find(n) for n in names} == expected
    assert {n: find(n) for n in reversed(names)} == expected
    suffixes._BY_PARENT.clear()
    small = suffixes._BY_PARENT_MAX
    try:
        suffixes._BY_PARENT_MAX = 50  # cleared again and again on the way
        assert {n: registrable_domain(n) for n in names} == expected
    finally:
        suffixes._BY_PARENT_MAX = small
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("alice.github.io") == "alice.github.io"
