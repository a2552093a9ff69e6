"""Registrable domains looked up once per parent (``domain/suffixes.py``) give the Public
Suffix List's own answer for every rule of the list: its names, their children and
grandchildren (exact rules, ``*.`` wildcards, ``!`` exceptions, private-section entries
whose parent is not a suffix), asked cold and again with the parents remembered."""

from __future__ import annotations

from publicsuffixlist import PublicSuffixList

from planner.domain import suffixes
from planner.domain.suffixes import registrable_domain


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
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("alice.github.io") == "alice.github.io"
