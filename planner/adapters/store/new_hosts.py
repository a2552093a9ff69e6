"""The rows of an import's new hosts, made and written with as little work per host as
the long tail allows.

Why this exists: a long tail brings 280,000 to 1,000,000 hosts the plan has never seen,
nearly all seen once by one person, and what costs is work done once per host. Three
kinds of it are avoided here:

* the driver's binding: Python's ``sqlite3`` binds an int, a float, a str or a
  ``bytearray`` directly, but ``None``, a ``bool`` and ``bytes`` go through its adapter
  look-up first (some 0.5-0.8 us each: 10 ``bytes`` values cost 2.9 s over 280,000 rows,
  10 ints 0.7 s). So the values the whole import shares (its plan, its import, no tool,
  no decision, not by a rule) are literals of the statement, the packed people are
  ``bytearray``, and the few hosts something claims get their tool and decision in a
  second statement once every row is in (an update by the (plan, host) key: the hosts
  keep the ids they get in the log's order);
* the times: a host's first and last seen are written on SQLite as microseconds since
  1970 (``core_types.UtcMicros``), made from the epoch seconds by arithmetic
  (``moment``) rather than a ``datetime`` per host;
* the layers: the rows go through ``bulk.insert_rows`` as they are (no conversion left
  to do: the times are prepared), the shared values as its ``constants``; the driver's
  ``executemany`` on SQLite, COPY on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table
from sqlmodel import Session

from planner.adapters.store.bulk import insert_rows, update_rows

if TYPE_CHECKING:
    from planner.adapters.store.domains import FreshTotals
    from planner.adapters.store.evidence import HostDelta, HostTotals, KnownHost

__all__ = [
    "ROW_COLUMNS",
    "HostClaims",
    "moment",
    "new_host_rows",
    "packed",
    "write_new_hosts",
]

# What each new host's row holds (``new_host_rows``); the rest is the import's constants
# or a claim's (``write_new_hosts``).
ROW_COLUMNS = ("host", "hits", "bytes", "first_seen", "last_seen", "users", "user_set",
               "user_seen", "blocked", "domain")  # fmt: skip


@dataclass
class HostClaims:
    """What claims an import's new hosts: ``tools`` (a product's or a custom tool's slug;
    absent or None: unmatched), ``decisions`` (triage decisions made at import),
    ``by_rule`` (those a domain rule made); and, as the rows are made, ``found``: each
    new host something claims -> (tool, decision, by rule)."""

    tools: Mapping[str, str | None]
    decisions: Mapping[str, str]
    by_rule: Collection[str]
    found: dict[str, tuple[str | None, str | None, bool]] = field(default_factory=dict)


def moment(ts: float) -> tuple[int, int]:
    """Epoch seconds (UTC) -> (the moment as a host's times are written on SQLite:
    microseconds since 1970, ``core_types.UtcMicros``; its day as ``host.user_seen`` keeps
    it: days since 1970-01-01, 0 before).

    The very moment of ``datetime.fromtimestamp(ts, UTC)``, by arithmetic: the seconds
    split towards zero and the microseconds rounded half to even, as ``fromtimestamp``
    splits and rounds them (a carry into the next or the previous second needs no step of
    its own in their sum). ``host_columns`` converts a column of them the same way."""
    whole = int(ts)
    micros = whole * 1_000_000 + round((ts - whole) * 1e6)
    day = micros // 86_400_000_000
    return micros, day if day > 0 else 0


def packed(ids: Iterable[int]) -> bytearray:
    """Sorted person ids (or days) packed as ``evidence.pack`` packs them, as the
    ``bytearray`` the SQLite driver binds without its adapter look-up."""
    return bytearray(array("I", sorted(ids)))


def new_host_rows(
    sqlite: bool,
    hosts: Iterable[HostTotals],
    known: Mapping[str, KnownHost],
    old: dict[int, HostDelta],
    fresh: FreshTotals,
    claims: HostClaims,
) -> Iterator[tuple[Any, ...]]:
    """The rows of the new hosts among ``hosts`` (``ROW_COLUMNS``), as they come; the
    known ones go to ``old`` (by host id), every host's domain and the fresh domains'
    totals to ``fresh``, the new hosts something claims to ``claims.found`` (before their
    row comes). ``sqlite``: times as SQLite keeps them (``moment``), else aware datetimes.

    Most hosts of a long tail have one person, whose packed id (and the packed day, per
    day) are made once for all hosts; a host seen once was first and last seen at the
    same moment, converted once."""
    from planner.adapters.store.evidence import HostDelta
    from planner.domain.suffixes import domain_finder

    registrable_domain = domain_finder()  # this import's parents, all remembered
    at, utc = dt.datetime.fromtimestamp, dt.UTC
    one_person: dict[int, bytearray] = {}  # a person id, packed once
    one_day: dict[int, bytearray] = {}  # a day, packed once
    add, touched = fresh.add, fresh.touched
    tool_of, decision_of = claims.tools.get, claims.decisions.get
    by_rule, found = claims.by_rule, claims.found
    for host, hits, size, first_ts, last_ts, people, blocked in hosts:
        domain = registrable_domain(host)
        if host in known:
            touched.add(domain)
            first, last = at(first_ts, utc), at(last_ts, utc)
            old[known[host].id] = HostDelta(host, hits, size, first, last, people, blocked)
            continue
        last_value: Any
        last_value, day = moment(last_ts)
        first_value: Any = last_value if first_ts == last_ts else moment(first_ts)[0]
        if not sqlite:  # the driver takes aware datetimes
            first_value, last_value = at(first_ts, utc), at(last_ts, utc)
        if len(people) == 1:
            (person,) = people
            blob = one_person.get(person) or one_person.setdefault(person, packed(people))
            seen = one_day.get(day) or one_day.setdefault(day, packed((day,)))
        else:
            blob = packed(people)
            seen = bytearray(array("I", [day]) * len(people))
        tool, decision = tool_of(host), decision_of(host)
        if tool is not None or decision is not None or host in by_rule:
            found[host] = (tool, decision, host in by_rule)
        add(domain, hits, size, last_ts, people, tool is None and decision is None, blob)
        yield (host, hits, size, first_value, last_value, len(people), blob, seen, blocked,
               domain)  # fmt: skip


def write_new_hosts(
    session: Session,
    table: Table,
    plan_id: int,
    import_id: int | None,
    rows: Iterable[tuple[Any, ...]],
    claims: HostClaims,
) -> None:
    """Insert the new hosts' ``rows`` (``ROW_COLUMNS``, from ``new_host_rows``) into the
    host ``table`` of ``plan_id``, first seen by ``import_id``, each with its claim
    (``claims.found``, filled as the rows come).

    The import's shared values are ``insert_rows``'s constants (literals on SQLite); the
    few hosts something claims get their tool and decision once every row is in, by the
    (plan, host) key, so the rows keep the ids they get in the log's order. The rows come
    sorted by host (a log's hosts are a sorted ``HostTable``): ``in_key_order``."""
    shared = {"plan_id": plan_id, "tool": None, "decision": None, "by_rule": False,
              "first_import": import_id}  # fmt: skip
    insert_rows(session, table, ROW_COLUMNS, rows, constants=shared,
                prepared=("first_seen", "last_seen"), in_key_order=True)  # fmt: skip
    found = [(t, d, r, plan_id, h) for h, (t, d, r) in claims.found.items()]
    update_rows(session, table, ("plan_id", "host"), ("tool", "decision", "by_rule"), found)
