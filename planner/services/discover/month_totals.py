"""The running totals of a many-file import (a month of rotated logs), with each host's
people held as numbers rather than as a set of names.

Why this exists: the month's files are read one by one and folded into one set of totals
before the single write, and a host's people there are the union of its people on every
day. Held as sets of names, each (host, person) pair cost a hash slot of a set (some
40-70 bytes with the set's spare room and the host's own objects): 60 days of 100,000
lines (118,000 hosts, 4.7 million pairs) held 418 MB before the write, growing with every
day though the people were the same. Here every raw name of the month gets one number,
and a host holds its people as

* one person's ``People``, shared by all their hosts (most hosts of a long tail have
  one person);
* an ``array`` of distinct numbers, 4 bytes each;
* or, once a host has so many people that a bit for every number up to its highest one
  costs less than 4 bytes for each of them, an ``int`` used as a bit set (bit ``n``:
  person ``n``), whose union with another day's people is one ``|`` in C.

The arrays' unions make a set of the host's numbers for the moment of the union, so a
day costs in proportion to the hosts it names and their people so far; the bit sets
cost their bits.

At the end (``summary``) every host's people are a ``model.People`` (numbers into the
month's one table of names), which the pseudonymisation and the write already take from
a SIEM aggregate. The first file is taken over as it is, and numbered only when a second
comes: a single file costs nothing here.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterable
from dataclasses import replace
from itertools import compress
from typing import Any, TypeAlias

from planner.adapters.sources.logs.model import LogSummary, People

__all__ = ["MonthTotals", "bits_of", "numbers_of_bits"]

# A host's people as numbers: one person's shared ``People``, an array, or a bit set.
Held: TypeAlias = "People | array[int] | int"

_BIT = [1 << b for b in range(8)]
_ZERO_ONE = bytes.maketrans(b"01", b"\x00\x01")
# A bit each up to the highest number against 4 bytes a person: a bit set pays once its
# people are more than one in 32 of the numbers below its highest.
_BITS_PER_NUMBER = 32


def bits_of(numbers: Iterable[int]) -> int:
    """Distinct ``numbers`` as a bit set (an ``int``, bit ``n`` set for number ``n``)."""
    numbers = list(numbers)
    if not numbers:
        return 0
    raw = bytearray((max(numbers) >> 3) + 1)
    for n in numbers:
        raw[n >> 3] |= _BIT[n & 7]
    return int.from_bytes(raw, "little")


def numbers_of_bits(bits: int) -> array[int]:
    """The numbers of a bit set, ascending: its binary digits, lowest first, as 0 and 1
    bytes that ``compress`` keeps the positions of, all in C."""
    digits = format(bits, "b")[::-1].encode("ascii").translate(_ZERO_ONE)
    return array("I", compress(range(len(digits)), digits))


class MonthTotals:
    """Many files' ``LogSummary`` folded into one (``add``, then ``summary``): counts add
    up, a person seen on several days is one person, first and last seen span the files.
    Each file's hosts are taken over, not copied."""

    def __init__(self) -> None:
        self.total: LogSummary | None = None
        self.names: list[str] = []  # every raw name of the month, by its number
        self._number: dict[str, int] = {}
        self._alone: dict[int, People] = {}  # one person's, shared by all their hosts
        self._numbered = False

    def add(self, summary: LogSummary) -> None:
        """Fold ``summary`` in (it is consumed: its host entries are taken over)."""
        total = self.total
        if total is None:
            self.total = replace(
                summary,
                hosts=dict(summary.hosts),
                labels=dict(summary.labels),
                skipped_lines=list(summary.skipped_lines),
            )
            return
        if not self._numbered:
            self._numbered = True
            for stats in total.hosts.values():
                stats.users = self._held(stats.users)  # type: ignore[assignment]
        total.labels.update(summary.labels)
        hosts = total.hosts
        assert isinstance(hosts, dict)  # made above: the running totals change in place
        for host, s in summary.hosts.items():
            mine = hosts.get(host)
            if mine is None:
                s.users = self._held(s.users)  # type: ignore[assignment]
                hosts[host] = s
                continue
            mine.hits += s.hits
            mine.bytes += s.bytes
            mine.first = min(mine.first, s.first)
            mine.last = max(mine.last, s.last)
            mine.users = self._joined(mine.users, s.users)
            mine.blocked += s.blocked
        total.lines += summary.lines
        total.skipped += summary.skipped

    def summary(self) -> LogSummary:
        """The month's totals, each host's people a ``People`` of the month's names (the
        numbers are let go of host by host). At least one file was added."""
        total = self.total
        assert total is not None, "no file was added"
        if not self._numbered:
            return total
        for stats in total.hosts.values():
            held: Any = stats.users
            if not isinstance(held, People):
                stats.users = People(self._array(held), self.names)
        return total

    def _numbers(self, users: Collection[str]) -> list[int]:
        """The numbers of raw ``users``, looked up in C; names new to the month numbered
        as they come (a name is new once a month, a pair every day)."""
        found = list(map(self._number.get, users))
        if None in found:
            found = [self._new(u) if n is None else n for u, n in zip(users, found, strict=True)]
        return found  # type: ignore[return-value]  # no None left

    def _new(self, user: str) -> int:
        n = self._number[user] = len(self.names)
        self.names.append(user)
        return n

    def _held(self, users: Any) -> Held:
        """A host's raw ``users`` as it is held here. A reader's users are distinct (a
        set, one person's 1-tuple or a ``People`` numbering each name once): their
        numbers are too, with no set made to find out."""
        numbers = self._numbers(users)
        if len(numbers) == 1:
            (n,) = numbers
            one = self._alone.get(n)
            if one is None:
                one = self._alone[n] = People(array("I", numbers), self.names)
            return one
        return self._compact(numbers)

    def _joined(self, held: Held, users: Any) -> Held:
        """``held`` with the raw ``users`` of another file added."""
        numbers = self._numbers(users)
        if isinstance(held, int):
            return held | bits_of(numbers)
        ids = held.ids if isinstance(held, People) else held
        if len(ids) == 1 and len(numbers) == 1 and ids[0] == numbers[0]:
            return held  # the same one person: the long tail's usual day
        distinct = set(ids)
        distinct.update(numbers)
        if len(distinct) == len(ids):
            return held
        return self._compact(distinct)

    def _compact(self, numbers: Collection[int]) -> Held:
        """Distinct ``numbers`` as an array, or as a bit set when that is smaller (nobody,
        as on a host only refused to unknown users: an empty array)."""
        if numbers and len(numbers) * _BITS_PER_NUMBER > max(numbers):
            return bits_of(numbers)
        return array("I", numbers)

    @staticmethod
    def _array(held: array[int] | int) -> array[int]:
        return numbers_of_bits(held) if isinstance(held, int) else held
