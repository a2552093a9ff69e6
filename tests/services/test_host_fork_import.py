"""An import whose host rows a forked helper makes (``host_fork``, a long tail's) stores
what an import made in one process stores: the same log imported into two plans of one
workspace, once each way, then a second log with known and new hosts, gives the two
plans the same hosts, domains and tools (on SQLite and on PostgreSQL, whose rows go in
by COPY)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from planner.adapters import processes
from planner.adapters.store import host_fork
from planner.adapters.store.domains import DOMAIN
from planner.adapters.store.evidence import HOST, PERSON, unpack
from planner.adapters.store.repository import Repository
from planner.bootstrap import Planner
from planner.services.discover import import_file
from planner.services.plans import create_plan

LINE = (
    "{t}.{ms:03d}     10 10.0.0.{client} TCP_TUNNEL/200 {size} CONNECT {host}:443 {user} "
    "HIER_DIRECT/203.0.113.10 -\n"
)


def _log(path: Path, hosts: range, repeat: int = 1) -> Path:
    """Hosts under 40 domains (a few a catalog product's), most seen once by one person,
    some again later or by several people."""
    lines = []
    for round_ in range(repeat):
        for n in hosts:
            name = "chat.discord.com" if n % 97 == 0 else f"h{n}.d{n % 40}.example.com"
            at, user = 1772546530 + n * 7 + round_ * 3600, f"u{(n + round_) % 9}"
            lines.append(
                LINE.format(t=at, ms=n % 1000, client=n % 5 + 1, size=100 + n, host=name, user=user)
            )
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _stored(planner: Planner, plan: str) -> tuple[Any, ...]:
    with planner.workspace.read() as session:
        plan_id = Repository(session).plan_record(plan).id
        hosts = [c for c in HOST.c if c.name not in ("id", "plan_id", "first_import")]
        domains = [c for c in DOMAIN.c if c.name not in ("id", "plan_id", "first_import")]
        host_rows = session.execute(
            select(*hosts).where(HOST.c.plan_id == plan_id).order_by(HOST.c.host)
        ).all()
        domain_rows = session.execute(
            select(*domains).where(DOMAIN.c.plan_id == plan_id).order_by(DOMAIN.c.domain)
        ).all()
        tools = sorted((t.slug, t.users) for t in Repository(session).tools(plan_id))
        pseudonym = dict(session.execute(select(PERSON.c.id, PERSON.c.pseudonym)).all())
    # each plan has persons of its own: its hosts' people compared by pseudonym
    at = [c.name for c in hosts].index("user_set")
    host_rows = [(*r[:at], [pseudonym[p] for p in unpack(r[at])], *r[at + 1 :]) for r in host_rows]
    return host_rows, [tuple(r) for r in domain_rows], tools


def test_a_forked_helpers_import_stores_what_one_process_stores(
    planner: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _log(tmp_path / "a.log", range(600), 2)
    second = _log(tmp_path / "b.log", range(300, 900))
    started = []
    start = host_fork.start

    def spied(work: Any) -> host_fork.Helper:
        started.append(work)
        return start(work)

    monkeypatch.setattr(host_fork, "start", spied)
    monkeypatch.setattr(processes, "cores", lambda: 2)  # a machine of one core too
    monkeypatch.setattr(host_fork, "_load", lambda: 0.0)  # or a busy one
    for plan, least in (("alone", 10**9), ("forked", 1)):
        monkeypatch.setattr(host_fork, "FORK_MIN_HOSTS", least)
        create_plan(planner.workspace, plan, dt.date(2026, 1, 5))
        for log in (first, second):
            import_file(planner.workspace, planner.catalog, planner.pseudonym_key, plan, log)
    assert len(started) == 2  # each of the forked plan's imports had new hosts
    alone, forked = _stored(planner, "alone"), _stored(planner, "forked")
    assert forked == alone
    assert len(alone[0]) == 900 - 9 and alone[2] == [("discord", 9)]
