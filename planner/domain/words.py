"""Counted words for every text shown to people (TUI, next actions): "1 host", "2 hosts",
"1 strategy", "6 strategies".

One helper instead of "host(s)" and "strategy(ies)" written by hand: a manager reading
English as a second language should not have to decode them.
"""

from __future__ import annotations

# Plurals that do not just add an "s".
_IRREGULAR = {"person": "people", "strategy": "strategies", "activity": "activities"}


def plural(word: str, n: int) -> str:
    """``word`` for ``n`` of them (the plural unless ``n`` is 1)."""
    if n == 1:
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def counted(n: int, word: str) -> str:
    """``n`` and the word that goes with it: ``counted(1, "host")`` is "1 host"; the last
    word of a phrase is the one counted (``counted(6, "vendor strategy")``)."""
    head, _, last = word.rpartition(" ")
    return f"{n:,} {head + ' ' if head else ''}{plural(last, n)}"
