"""The people of a log import: each distinct user pseudonymised once, each host's users
turned into person ids.

Why a module of its own: a SIEM export of a million (host, user) rows names some ten
thousand people, so everything here works per distinct user (one HMAC each, with the key's
padded states prepared once: ``pseudonyms.pseudonymiser``) and maps hosts' users in C; a
host whose users come numbered into a shared table (``People``) is mapped by number, never
by name. Raw names go no further than the dictionaries made here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from planner.adapters.sources.logs.host_table import HostTable, host_rows, users_of
from planner.adapters.sources.logs.model import LogSummary, People
from planner.adapters.store import evidence
from planner.adapters.store.host_columns import HostColumns
from planner.adapters.store.pseudonyms import pseudonymiser

__all__ = ["host_columns", "host_totals", "pseudonymised"]


def pseudonymised(
    summary: LogSummary, key: bytes, departments: dict[str, str]
) -> tuple[dict[str, str], dict[str, str | None]]:
    """(raw user -> pseudonym, pseudonym -> department or None) of every user the
    summary's hosts name ("Alice" and "alice" are one person)."""
    distinct: set[str] = set()
    numbered: dict[int, tuple[Sequence[str], set[int]]] = {}  # a shared table: its numbers
    for users in users_of(summary.hosts):
        if users.__class__ is People:  # numbers gathered, each named once below
            if (seen := numbered.get(id(users.names))) is None:
                seen = numbered[id(users.names)] = (users.names, set())
            seen[1].update(users.ids)
        else:
            distinct.update(users)
    for names, numbers in numbered.values():
        distinct.update(map(names.__getitem__, numbers))
    pseudonym = pseudonymiser(key)
    pseudonyms = {user: pseudonym(user) for user in sorted(distinct)}
    persons: dict[str, str | None] = {}
    for user, pseudo in pseudonyms.items():
        if persons.get(pseudo) is None:
            persons[pseudo] = departments.get(user.casefold())
    return pseudonyms, persons


def host_totals(
    summary: LogSummary, pseudonyms: dict[str, str], person_ids: dict[str, int]
) -> Iterator[evidence.HostTotals]:
    """Each host's counts with its people as sorted person ids, one host at a time for
    the store to write as they come, from the summary's columns (``host_table``): no
    ``HostStats`` nor any other object is made for a host of a long tail (times stay
    epoch seconds: the store makes the datetimes it writes). ``summary``'s hosts are
    consumed (each let go of as its totals are taken), so a long tail is not held twice."""
    people_of = _people_of(pseudonyms, person_ids)
    for host, hits, size, first_ts, last_ts, users, blocked in host_rows(summary.hosts):
        people = people_of(users)
        yield host, hits, size, first_ts, last_ts, people, blocked


def host_columns(
    summary: LogSummary,
    pseudonyms: dict[str, str],
    person_ids: dict[str, int],
    domains: list[str] | None = None,
) -> HostColumns | None:
    """``host_totals`` as columns (``HostColumns``), when the summary holds its hosts as
    columns (a ``HostTable``, every log reader's); None otherwise. Each column is taken in
    the table's own order (its ``order`` kept), and each distinct users object (one person's
    1-tuple is shared by all their hosts) turned into person ids once, so a long tail
    costs no loop turn per host here. ``domains``: each host's registrable domain, in
    the table's order, when found already (else ``HostColumns`` finds them).
    ``summary``'s hosts are emptied."""
    table = summary.hosts
    if not isinstance(table, HostTable):
        return None
    users: list[Any] = table.users
    summary.hosts = HostTable()  # the columns are handed over, the summary lets them go
    found = dict(zip(map(id, users), users, strict=True))  # each distinct users object once
    people_of = _people_of(pseudonyms, person_ids)
    people = {key: people_of(each) for key, each in found.items()}
    return HostColumns(table.names, table.hits, table.bytes, table.first, table.last,
                       list(map(people.__getitem__, map(id, users))), table.blocked,
                       table.order, domains or [])  # fmt: skip


def _people_of(
    pseudonyms: dict[str, str], person_ids: dict[str, int]
) -> Callable[[Any], tuple[int, ...]]:
    """A host's users (a ``People`` numbering, or raw names) -> its sorted person ids.

    Raw user -> person id once, then each host's ids are mapped in C (map, set, sorted);
    a ``People`` table shared by hosts is mapped once (number -> person id); one user's
    1-tuple is made once and shared by all their hosts (most of a long tail)."""
    person_of = {user: person_ids[pseudo] for user, pseudo in pseudonyms.items()}
    id_of = person_of.__getitem__
    tables: dict[int, tuple[list[int], bool]] = {}
    alone: dict[str, tuple[int]] = {}

    def people_of(users: Any) -> tuple[int, ...]:
        if isinstance(users, People):
            if (found := tables.get(id(users.names))) is None:
                table = [person_of.get(n, 0) for n in users.names]
                # no two numbers one person ("Alice" and "alice" are): a host's distinct
                # numbers are then distinct ids, sorted without a set
                found = tables[id(users.names)] = (table, len(set(table)) == len(table))
            table, one_to_one = found
            ids = map(table.__getitem__, users.ids)
            return tuple(sorted(ids if one_to_one else set(ids)))
        if len(users) == 1:  # no set to build
            (user,) = users
            if (one := alone.get(user)) is None:
                one = alone[user] = (id_of(user),)
            return one
        return tuple(sorted(set(map(id_of, users))))

    return people_of
