"""The privacy repository: the data-protection step and evidence purges (revision 0008).

The purge is evidence surgery, so it lives beside ``evidence``: hosts last seen before the
cut-off lose their pseudonym sets (their counts stay), the people each tool thereby loses
are kept as a count per tool (``purged_users``, added back by ``evidence.tool_evidence``),
pseudonyms no host mentions any more are deleted, and the purge is logged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy import insert as sa_insert
from sqlmodel import Session, SQLModel

from planner.adapters.store import tables
from planner.adapters.store.evidence import HOST, PERSON, unpack
from planner.domain.privacy import DataProtection, LegalBasis

__all__ = ["PrivacyRepository"]

DP = SQLModel.metadata.tables[tables.DataProtectionRecord.__tablename__]
PURGE = SQLModel.metadata.tables[tables.PurgeRecord.__tablename__]
PURGED = SQLModel.metadata.tables[tables.PurgedUsersRecord.__tablename__]
_FIELDS = ("legal_basis", "purpose", "dpia_reference", "dpia_date", "works_council_date",
           "retention_days", "key_holder", "recorded_on")  # fmt: skip


class PrivacyRepository:
    """The plan's data-protection record and its purges, inside one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, plan_id: int) -> DataProtection | None:
        row = self.session.execute(
            select(*(DP.c[name] for name in _FIELDS)).where(DP.c.plan_id == plan_id)
        ).first()
        if row is None:
            return None
        values: dict[str, Any] = dict(zip(_FIELDS, row, strict=True))
        basis = values["legal_basis"]
        values["legal_basis"] = LegalBasis(basis) if basis in set(LegalBasis) else None
        values["purpose"] = values["purpose"] or ""
        return DataProtection(**values)

    def save(self, plan_id: int, dp: DataProtection | None) -> None:
        """Replace the plan's record (None removes it)."""
        self.session.execute(delete(DP).where(DP.c.plan_id == plan_id))
        if dp is not None:
            values = dp.as_dict()
            values["legal_basis"] = dp.legal_basis.value if dp.legal_basis else None
            self.session.execute(sa_insert(DP).values(plan_id=plan_id, **values))

    def purged_users(self, plan_id: int) -> dict[str, int]:
        query = select(PURGED.c.tool, PURGED.c.users).where(PURGED.c.plan_id == plan_id)
        return {tool: users for tool, users in self.session.execute(query)}

    def purges(self, plan_id: int) -> list[tuple[dt.datetime, dt.datetime, int]]:
        query = (
            select(PURGE.c.purged_at, PURGE.c.cutoff, PURGE.c.hosts)
            .where(PURGE.c.plan_id == plan_id)
            .order_by(PURGE.c.id.desc())
        )
        return [(w, c, h) for w, c, h in self.session.execute(query)]

    def purge(self, plan_id: int, cutoff: dt.datetime, now: dt.datetime) -> set[str]:
        """Drop the pseudonym sets of hosts last seen before ``cutoff``; returns the tools
        touched (their evidence needs refreshing). Logs the purge when anything went."""
        old = self.session.execute(
            select(HOST.c.id, HOST.c.tool, HOST.c.user_set).where(
                HOST.c.plan_id == plan_id,
                HOST.c.user_set != b"",
                HOST.c.last_seen < _aware(cutoff),
            )
        ).all()
        if not old:
            return set()  # the usual case: one indexed scan, no pseudonym set read
        old_ids = {r.id for r in old}
        lost: dict[str, set[int]] = {}
        for r in old:
            if r.tool is not None:
                lost.setdefault(r.tool, set()).update(unpack(r.user_set))
        live: dict[str | None, set[int]] = {}
        still: set[int] = set()  # everyone seen on a host that keeps its pseudonyms
        query = select(HOST.c.id, HOST.c.tool, HOST.c.user_set).where(
            HOST.c.plan_id == plan_id, HOST.c.user_set != b""
        )
        for host_id, tool, blob in self.session.execute(query):
            if host_id not in old_ids:
                people = set(unpack(blob))
                still |= people
                if tool in lost:
                    live.setdefault(tool, set()).update(people)
        frozen = self.purged_users(plan_id)
        for tool, people in lost.items():
            count = len(people - live.get(tool, set()))
            if tool in frozen:
                self.session.execute(
                    update(PURGED)
                    .where(PURGED.c.plan_id == plan_id, PURGED.c.tool == tool)
                    .values(users=frozen[tool] + count)
                )
            else:
                self.session.execute(
                    sa_insert(PURGED).values(plan_id=plan_id, tool=tool, users=count)
                )
        self.session.connection().execute(
            update(HOST).where(HOST.c.id == bindparam("_id")).values(user_set=b""),
            [{"_id": r.id} for r in old],
        )
        gone = [
            p
            for (p,) in self.session.execute(select(PERSON.c.id).where(PERSON.c.plan_id == plan_id))
            if p not in still
        ]
        for start in range(0, len(gone), 900):
            self.session.execute(delete(PERSON).where(PERSON.c.id.in_(gone[start : start + 900])))
        self.session.execute(
            sa_insert(PURGE).values(
                plan_id=plan_id, purged_at=now, cutoff=cutoff, hosts=len(old), persons=len(gone)
            )
        )
        return set(lost)


def _aware(moment: dt.datetime) -> dt.datetime:
    """Datetimes are stored as UTC and bound aware (the workspace's column type insists)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
