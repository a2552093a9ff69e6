"""The batch pseudonymiser gives exactly the pseudonyms of ``keys.pseudonymise``."""

from __future__ import annotations

from planner.adapters.store.keys import pseudonymise
from planner.adapters.store.pseudonyms import pseudonymiser


def test_the_same_pseudonyms_as_one_at_a_time() -> None:
    names = ["alice@corp.example", " Bob ", "ÉLODIE", "", "x" * 500, "bad\udcff", "ß"]
    for key in (bytes(range(32)), b"short", bytes(range(256)) * 2):
        pseudonym = pseudonymiser(key)
        assert [pseudonym(n) for n in names] == [pseudonymise(key, n) for n in names]
