"""The privacy repository: the data-protection step and evidence purges (revision 0008).

The purge is evidence surgery, so it lives beside ``evidence``: each person last seen on a
host before the cut-off leaves that host's pseudonym set (``user_seen``, revision 0011;
the host's count stays), the people each tool thereby loses are kept as a count per tool
(``purged_users``, added back by ``evidence.tool_evidence``), pseudonyms no host mentions
any more are deleted, and the purge is logged.
"""

from __future__ import annotations

import datetime as dt
from array import array

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy import insert as sa_insert
from sqlmodel import Session

from planner.adapters.store import core_schema, reads_evidence
from planner.adapters.store.evidence import HOST, PERSON, unpack
from planner.adapters.store.seen import day_of, seen_days
from planner.domain.privacy import DataProtection

__all__ = ["PrivacyRepository"]

DP = core_schema.data_protection
PURGE = core_schema.purge_run
PURGED = core_schema.purged_users


class PrivacyRepository:
    """The plan's data-protection record and its purges, inside one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, plan_id: int) -> DataProtection | None:
        return reads_evidence.data_protection_of(self.session, plan_id)

    def save(self, plan_id: int, dp: DataProtection | None) -> None:
        """Replace the plan's record (None removes it)."""
        self.session.execute(delete(DP).where(DP.c.plan_id == plan_id))
        if dp is not None:
            values = dp.as_dict()
            values["legal_basis"] = dp.legal_basis.value if dp.legal_basis else None
            self.session.execute(sa_insert(DP).values(plan_id=plan_id, **values))

    def countries(self, plan_id: int) -> tuple[str, ...]:
        return reads_evidence.countries(self.session, plan_id)

    def purged_users(self, plan_id: int) -> dict[str, int]:
        query = select(PURGED.c.tool, PURGED.c.users).where(PURGED.c.plan_id == plan_id)
        return {tool: users for tool, users in self.session.execute(query)}

    def purges(self, plan_id: int) -> list[tuple[dt.datetime, dt.datetime, int]]:
        return reads_evidence.purges(self.session, plan_id)

    def purge(self, plan_id: int, cutoff: dt.datetime, now: dt.datetime) -> set[str]:
        """Drop each person of each host last seen on it before ``cutoff`` (``user_seen``);
        returns the tools touched (their evidence needs refreshing). Logs the purge when
        anything went."""
        session = self.session
        cut = day_of(cutoff)
        # Nobody on a host first seen after the cut-off can be older than it: one indexed
        # scan, and no pseudonym set read, in the usual case of a young plan.
        query = select(
            HOST.c.id, HOST.c.tool, HOST.c.user_set, HOST.c.user_seen, HOST.c.last_seen
        ).where(
            HOST.c.plan_id == plan_id,
            HOST.c.user_set != b"",
            or_(HOST.c.first_seen < _aware(cutoff), HOST.c.first_seen.is_(None)),
        )
        kept: dict[int, tuple[array[int], array[int]]] = {}
        lost: dict[str, set[int]] = {}
        for host_id, tool, blob, blob_days, last in session.execute(query):
            ids = unpack(blob)
            days = seen_days(blob_days, len(ids), last)
            if min(days) >= cut:
                continue
            keep = [i for i, day in enumerate(days) if day >= cut]
            kept[host_id] = (
                array("I", [ids[i] for i in keep]),
                array("I", [days[i] for i in keep]),
            )
            if tool is not None:
                lost.setdefault(tool, set()).update(set(ids) - set(kept[host_id][0]))
        if not kept:
            return set()
        live: dict[str | None, set[int]] = {}
        still: set[int] = set()  # everyone still seen on a host
        query = select(HOST.c.id, HOST.c.tool, HOST.c.user_set).where(
            HOST.c.plan_id == plan_id, HOST.c.user_set != b""
        )
        for host_id, tool, blob in session.execute(query):
            people = set(kept[host_id][0] if host_id in kept else unpack(blob))
            still |= people
            if tool in lost:
                live.setdefault(tool, set()).update(people)
        frozen = self.purged_users(plan_id)
        for tool, people in lost.items():
            count = len(people - live.get(tool, set()))
            if tool in frozen:
                session.execute(
                    update(PURGED)
                    .where(PURGED.c.plan_id == plan_id, PURGED.c.tool == tool)
                    .values(users=frozen[tool] + count)
                )
            else:
                session.execute(sa_insert(PURGED).values(plan_id=plan_id, tool=tool, users=count))
        # ``users`` stays: a host keeps its count of people when their pseudonyms go.
        session.connection().execute(
            update(HOST)
            .where(HOST.c.id == bindparam("_id"))
            .values(user_set=bindparam("_set"), user_seen=bindparam("_seen")),
            [
                {"_id": i, "_set": ids.tobytes(), "_seen": days.tobytes() if ids else None}
                for i, (ids, days) in kept.items()
            ],
        )
        gone = [
            p
            for (p,) in session.execute(select(PERSON.c.id).where(PERSON.c.plan_id == plan_id))
            if p not in still
        ]
        for start in range(0, len(gone), 900):
            session.execute(delete(PERSON).where(PERSON.c.id.in_(gone[start : start + 900])))
        session.execute(
            sa_insert(PURGE).values(
                plan_id=plan_id, purged_at=now, cutoff=cutoff, hosts=len(kept), persons=len(gone)
            )
        )
        return set(lost)


def _aware(moment: dt.datetime) -> dt.datetime:
    """Datetimes are stored as UTC and bound aware (the workspace's column type insists)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
