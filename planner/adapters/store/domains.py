"""Each registrable domain's totals over its hosts waiting for triage, kept as you go.

Why this exists: grouping a 1,000,000-host long tail by registrable domain in Python took
seconds on every look. The domain is stored on each host at import (revision
0009) and ``host_domain`` keeps each domain's totals (people counted once over its open
hosts), recomputed for the domains an import or a triage decision touched, so the domain
view pages in SQL. Hosts and domains remember the import that first saw them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select
from sqlmodel import Session

from planner.adapters.store import core_schema, reads_evidence
from planner.adapters.store.bulk import insert_rows
from planner.adapters.store.evidence import HOST, _chunks, pack, unpack

if TYPE_CHECKING:
    from planner.adapters.store.host_fork import Helper

DOMAIN = core_schema.host_domain


def recorded_domains(session: Session, plan_id: int, domains: set[str]) -> dict[str, int | None]:
    """Which of these domains the plan has a row for, with the import that first saw each.
    Many domains (a long tail): the plan's rows in one read rather than an IN list per 900."""
    found: dict[str, int | None] = {}
    columns = select(DOMAIN.c.domain, DOMAIN.c.first_import).where(DOMAIN.c.plan_id == plan_id)
    if len(domains) > 20_000:
        return {d: f for d, f in session.execute(columns) if d in domains}
    for chunk in _chunks(sorted(domains), 900):
        found.update({d: f for d, f in session.execute(columns.where(DOMAIN.c.domain.in_(chunk)))})
    return found


def known_domains(session: Session, plan_id: int, domains: set[str]) -> set[str]:
    return set(recorded_domains(session, plan_id, domains))


# A domain row's own values; its plan is the write's constant.
DOMAIN_COLUMNS = ("domain", "first_import", "hosts", "users", "hits", "bytes", "last_seen")


def write_domains(
    session: Session,
    plan_id: int,
    totals: Mapping[str, Sequence[Any]],
    recorded: Mapping[str, int | None],
    import_id: int | None,
    prepared: bool = False,
) -> None:
    """Replace these domains' rows by ``totals`` ([hosts, users, hits, bytes, last_seen]
    each); ``recorded``: the rows present (domain -> first import), whose first import is
    kept; a new domain records ``import_id``. ``prepared``: the last seen are already in
    the driver's form (``FreshTotals.totals(sqlite=True)``)."""
    gone = sorted(d for d in totals if d in recorded)
    for chunk in _chunks(gone, 900):
        session.execute(
            delete(DOMAIN).where(DOMAIN.c.plan_id == plan_id, DOMAIN.c.domain.in_(chunk))
        )
    rows = (
        (domain, recorded.get(domain, import_id), *g[:5]) for domain, g in sorted(totals.items())
    )
    insert_rows(session, DOMAIN, DOMAIN_COLUMNS, rows, constants={"plan_id": plan_id},
                prepared=("last_seen",) if prepared else (), in_key_order=True)  # fmt: skip


_SMALL = 8  # people of a fresh domain kept in a tuple up to this many


class FreshTotals:
    """Each fresh domain's totals (one none of whose hosts the plan knew before) over an
    import's new hosts waiting for triage, gathered as the hosts are written, so they need
    no read back; and every domain the import touched.

    A domain's people are counted once each when all its hosts are in (``totals``), one
    domain's set at a time: until then a domain keeps a tuple of its few people, or the
    packed people of each of its hosts (``evidence.pack``, the very bytes written to the
    host's row: four bytes a person). A set per domain kept to the end cost some 32 bytes
    a person: 160 MB for a SIEM export of 5,000 domains of a thousand people each."""

    def __init__(self, before: Collection[str | None]) -> None:
        self.before = before
        self.touched: set[str] = set()
        # per fresh domain: [hosts, people (a tuple while they are few, else a list of
        # each host's packed people), hits, bytes, last]
        self._totals: dict[str, list[Any]] = {}
        # a helper process gathering them instead (``host_fork``), and its totals once taken
        self._helper: Helper | None = None
        self._final: dict[str, tuple[Any, ...]] | None = None

    def later(self, helper: Helper) -> None:
        """The totals are gathered by ``helper`` (``host_columns``' forked chunks), which
        sends the touched domains, then ``totals`` as columns, in parts after the last
        chunk (its times as the write's, which the helper was given): ``settle`` takes
        them."""
        self._helper = helper

    def settle(self) -> None:
        """Take a helper's totals and touched domains, once every host row is written
        (the helper computed them meanwhile), and reap it; no helper: nothing to do."""
        if self._helper is not None and self._final is None:
            self.touched = set(self._helper.parts())
            self._final = dict(self._helper.items())
        self.release()

    def release(self) -> None:
        """Stop and reap a helper still running (an import that failed midway)."""
        if self._helper is not None:
            helper, self._helper = self._helper, None
            helper.close()

    def add(
        self,
        domain: str,
        hits: int,
        size: int,
        last: float,
        people: Collection[int],
        waiting: bool,
        packed: bytes | bytearray,
    ) -> None:
        """A new host under ``domain``: its hits, bytes, last seen (epoch seconds) and
        people, ``packed`` as written; ``waiting``: it waits for triage (no tool, no
        decision), so it counts."""
        g = self._totals.get(domain)
        if g is None:
            self.touched.add(domain)
            if domain in self.before:
                return
            g = self._totals[domain] = [0, (), 0, 0, None]
        if not waiting:
            return
        mine = g[1]
        if g[0] == 0:
            # the same tuple when it is one (deltas' people are)
            g[1] = tuple(people) if len(people) <= _SMALL else [packed]
        elif mine.__class__ is list:
            mine.append(packed)
        elif len(people) == 1 and len(mine) < _SMALL:
            # a few people in a tuple (a list and bytes cost more, a long tail has many)
            (person,) = people
            if person not in mine:
                g[1] = (*mine, person)
        else:
            g[1] = [pack(mine), packed]
        g[0] += 1
        g[2] += hits
        g[3] += size
        if g[4] is None or last > g[4]:
            g[4] = last

    def add_waiting(
        self,
        domains: Sequence[str],
        hits: Sequence[int],
        size: Sequence[int],
        last: Sequence[float],
        people: Sequence[Collection[int]],
        packed: Sequence[bytes | bytearray],
    ) -> None:
        """``add`` of many new hosts waiting for triage, given as columns (a long tail's,
        ``host_columns``): the same totals, one loop turn a host rather than a call."""
        self.touched.update(domains)
        totals, before = self._totals, self.before
        for domain, h, s, t, mine, blob in zip(domains, hits, size, last, people, packed,
                                               strict=True):  # fmt: skip
            g = totals.get(domain)
            if g is None:
                if domain not in before:
                    totals[domain] = [1, tuple(mine) if len(mine) <= _SMALL else [blob], h, s, t]
                continue
            if g[0] == 0 or len(mine) != 1 or g[1].__class__ is list:
                self.add(domain, h, s, t, mine, True, blob)  # the rarer cases
                continue
            (person,) = mine
            kept = g[1]
            if len(kept) < _SMALL:
                if person not in kept:
                    g[1] = (*kept, person)
            else:
                g[1] = [pack(kept), blob]
            g[0] += 1
            g[2] += h
            g[3] += s
            if t > g[4]:
                g[4] = t

    def totals(self, sqlite: bool = False) -> dict[str, tuple[Any, ...]]:
        """[hosts, people, hits, bytes, last] of each fresh domain (last as a datetime;
        ``sqlite``: as SQLite keeps it, ``new_hosts.moment``). A long tail has some 70,000
        fresh domains at 280,000 hosts: their times are converted by column, in C
        (``host_columns.moment_values``), not one ``moment`` call each."""
        from planner.adapters.store.host_columns import moment_values

        if self._final is not None:  # a helper's (``settle``)
            return self._final
        groups = list(self._totals.values())
        lasts = [g[4] for g in groups]
        converted = iter(moment_values(sqlite, [t for t in lasts if t is not None]))
        last = [None if t is None else next(converted) for t in lasts]
        columns = (map(itemgetter(0), groups), map(_count, map(itemgetter(1), groups)),
                   map(itemgetter(2), groups), map(itemgetter(3), groups), last)  # fmt: skip
        return dict(zip(self._totals, zip(*columns, strict=True), strict=True))


def _count(people: tuple[int, ...] | list[bytes | bytearray]) -> int:
    """How many distinct people: a tuple's are; each host's packed people, united."""
    if isinstance(people, tuple):
        return len(people)
    if len(people) == 1:
        return len(people[0]) // 4  # one host's: each once already
    seen: set[int] = set()
    for blob in people:
        seen.update(unpack(blob))
    return len(seen)


def refresh_domains(
    session: Session, plan_id: int, domains: Iterable[str], import_id: int | None = None
) -> None:
    """Recompute each domain's totals over its hosts waiting for triage (each person once)
    after an import or a decision touched them; a domain new to the plan records
    ``import_id`` as the import that first saw it."""
    for chunk in _chunks(sorted(set(domains)), 900):
        first = recorded_domains(session, plan_id, set(chunk))
        stats: dict[str, list[Any]] = {}
        # By domain only, so the (plan, domain) index is used: with "tool and decision
        # are null" in the query SQLite chose the triage index and scanned every open host
        # of the plan once per chunk (4.4 s for a month of 58,000 new hosts, now 0.2 s).
        query = select(
            HOST.c.domain,
            HOST.c.users,
            HOST.c.hits,
            HOST.c.bytes,
            HOST.c.last_seen,
            HOST.c.user_set,
            HOST.c.tool,
            HOST.c.decision,
        ).where(HOST.c.plan_id == plan_id, HOST.c.domain.in_(chunk))
        for domain, users, hits, size, last, blob, tool, decision in session.execute(query):
            if tool is not None or decision is not None:
                continue  # not waiting for triage
            g = stats.get(domain)
            if g is None:
                # [hosts, users of the one host | set of people, hits, bytes, last, first
                # host's set, most users of one host (a purge keeps counts, drops sets)]
                stats[domain] = [1, users, hits, size, last, blob, users]
                continue
            if g[0] == 1:
                g[1] = set(unpack(g[5]))
            g[0] += 1
            g[1].update(unpack(blob))
            g[6] = max(g[6], users)
            g[2] += hits
            g[3] += size
            if last is not None and (g[4] is None or last > g[4]):
                g[4] = last
        totals = {}
        for domain in chunk:
            g = stats.get(domain) or [0, 0, 0, 0, None, b"", 0]
            users = g[1] if isinstance(g[1], int) else max(len(g[1]), g[6])
            totals[domain] = (g[0], users, g[2], g[3], g[4])
        write_domains(session, plan_id, totals, first, import_id)


# Pages of domains and the latest import (Core; the read-only commands ask too).
domain_page = reads_evidence.domain_page
last_import = reads_evidence.last_import


def new_in_import(session: Session, plan_id: int, import_id: int) -> tuple[list[str], list[str]]:
    """(tools, domains) first seen in that import: tools none of whose hosts came earlier,
    domains first recorded by it."""
    tools = select(HOST.c.tool).where(HOST.c.plan_id == plan_id, HOST.c.tool.is_not(None))
    query = (
        tools.group_by(HOST.c.tool)
        .having(func.min(func.coalesce(HOST.c.first_import, 0)) == import_id)
        .order_by(HOST.c.tool)
    )
    new_tools = [t for (t,) in session.execute(query)]
    domains = select(DOMAIN.c.domain).where(
        DOMAIN.c.plan_id == plan_id, DOMAIN.c.first_import == import_id
    )
    return new_tools, [d for (d,) in session.execute(domains.order_by(DOMAIN.c.domain))]
