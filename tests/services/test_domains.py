"""Domains kept as you go (revision 0009): each import reports the tools and
registrable domains it saw first, the domain view pages from totals kept current by
imports and triage decisions, and an upgraded workspace gets its hosts' domains."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from planner.bootstrap import Planner, Settings, bootstrap
from planner.services.discover import import_file
from planner.services.discover.triage import (
    decide_host,
    list_domains,
    new_in_latest_import,
)
from planner.services.plans import create_plan
from tests.conftest import DATA, TODAY

LOGS = DATA / "discover"
LINE = (
    "1772546530.000     10 10.0.0.5 TCP_TUNNEL/200 100 CONNECT {host}:443 {user} "
    "HIER_DIRECT/203.0.113.10 -\n"
)


@pytest.fixture
def acme(planner: Planner) -> Planner:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    return planner


def _import(planner: Planner, path: Path):  # type: ignore[no-untyped-def]
    return import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", path)


def test_an_import_reports_what_it_saw_first(acme: Planner, tmp_path: Path) -> None:
    first = _import(acme, LOGS / "longtail1.squid.log")
    assert first.new_tools == ["slack"]
    assert first.new_domains == []  # the plan's first hosts: all new, which says nothing
    assert new_in_latest_import(acme.workspace, "acme").domains == []
    assert not any(d.new for d in list_domains(acme.workspace, "acme")[0])
    later = tmp_path / "later.squid.log"
    later.write_text(
        LINE.format(host="sport.bbc.co.uk", user="erin")
        + LINE.format(host="chat.newtool.example", user="erin")
        + LINE.format(host="api.newtool.example", user="frank")
        + LINE.format(host="www.facebook.com", user="frank"),
        encoding="utf-8",
    )
    second = _import(acme, later)
    assert second.new_domains == ["facebook.com", "newtool.example"]
    assert second.new_tools == ["facebook"]
    new = new_in_latest_import(acme.workspace, "acme")
    assert (new.tools, new.domains) == (["facebook"], ["facebook.com", "newtool.example"])
    page = {d.domain: d for d in list_domains(acme.workspace, "acme")[0]}
    assert page["newtool.example"].new and not page["bbc.co.uk"].new
    assert (page["newtool.example"].hosts, page["newtool.example"].users) == (2, 2)
    assert (page["bbc.co.uk"].hosts, page["bbc.co.uk"].users) == (4, 3)  # alice, bob, erin
    # Importing the same file again brings nothing new, and says nothing is new.
    assert _import(acme, later).duplicate
    assert new_in_latest_import(acme.workspace, "acme").domains == [
        "facebook.com",
        "newtool.example",
    ]


def test_domain_totals_follow_triage_decisions(acme: Planner) -> None:
    _import(acme, LOGS / "longtail1.squid.log")
    decide_host(acme.workspace, acme.catalog, "acme", "www.bbc.co.uk", "ignored")
    page = {d.domain: d for d in list_domains(acme.workspace, "acme")[0]}
    assert (page["bbc.co.uk"].hosts, page["bbc.co.uk"].users, page["bbc.co.uk"].hits) == (2, 1, 2)
    decide_host(acme.workspace, acme.catalog, "acme", "news.bbc.co.uk", "ignored")
    decide_host(acme.workspace, acme.catalog, "acme", "static.bbc.co.uk", "ignored")
    page2, total = list_domains(acme.workspace, "acme")
    assert "bbc.co.uk" not in {d.domain for d in page2} and total == 5
    # a search matches domain names, in SQL
    found, n = list_domains(acme.workspace, "acme", search="GITHUB")
    assert n == 2 and {d.domain for d in found} == {"alice.github.io", "bob.github.io"}


def test_an_upgraded_workspace_gets_its_hosts_domains(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(DATA / "workspaces" / "rev-0005.sqlite", path)
    planner = bootstrap(Settings(db=str(path), today=lambda: TODAY))
    try:
        every = {
            d.domain: d for d in list_domains(planner.workspace, "fixture", unmatched=False)[0]
        }
        open_ = {d.domain: d for d in list_domains(planner.workspace, "fixture")[0]}
        assert set(open_) <= set(every)
        for view in open_.values():
            assert view.hosts >= 1 and not view.new
        assert "example.org" in open_ and "facebook.com" not in open_
        assert new_in_latest_import(planner.workspace, "fixture").domains == []
    finally:
        planner.close()


def test_pages_follow_the_order_asked_for(acme: Planner, tmp_path: Path) -> None:
    """Sorted by the database before paging: page 2 continues page 1 in the order the
    user chose, ties keep the usual order (most users first), on either engine."""
    from planner.services.discover.triage import list_hosts

    log = tmp_path / "many.squid.log"
    log.write_text(
        "".join(
            LINE.format(host=f"h{i}.d{i % 4}.example", user=f"u{j}")
            for i in range(10)
            for j in range(i % 3 + 1)
        ),
        encoding="utf-8",
    )
    _import(acme, log)
    ws = acme.workspace
    every, total = list_hosts(ws, "acme", limit=None, order=("host", True))
    assert total == 10 and [h.host for h in every] == sorted((h.host for h in every), reverse=True)
    first, _ = list_hosts(ws, "acme", limit=4, order=("host", True))
    second, _ = list_hosts(ws, "acme", limit=4, offset=4, order=("host", True))
    assert [h.host for h in first + second] == [h.host for h in every[:8]]
    by_users, _ = list_hosts(ws, "acme", limit=None, order=("users", False))
    assert [h.users for h in by_users] == sorted(h.users for h in by_users)
    domains, count = list_domains(ws, "acme", order=("domain", False))
    assert count == 4 and [d.domain for d in domains] == sorted(d.domain for d in domains)
    most, _ = list_domains(ws, "acme", order=("hosts", True), limit=1)
    assert most[0].hosts == max(d.hosts for d in domains)


def test_a_new_domain_counts_each_person_once_however_many(acme: Planner, tmp_path: Path) -> None:
    """The totals of a domain first seen in an import are gathered as its hosts are
    written (a few people kept in a tuple, then a set); they equal the totals recomputed
    from the stored hosts when the same hosts come in two imports."""
    lines = [
        LINE.format(host=f"h{i}.many.example", user=f"u{(i + k) % 11}")
        for i in range(12)
        for k in range(1 + i % 3)
    ]
    lines.append(LINE.format(host="h0.many.example", user="u0"))
    whole = tmp_path / "whole.squid.log"
    whole.write_text("".join(lines), encoding="utf-8")
    _import(acme, whole)
    page = {d.domain: d for d in list_domains(acme.workspace, "acme")[0]}
    assert (page["many.example"].hosts, page["many.example"].users) == (12, 11)
    hits = page["many.example"].hits

    create_plan(acme.workspace, "split", dt.date(2027, 1, 4))
    for number, part in enumerate((lines[::2], lines[1::2])):
        path = tmp_path / f"part{number}.squid.log"
        path.write_text("".join(part), encoding="utf-8")
        import_file(acme.workspace, acme.catalog, acme.pseudonym_key, "split", path)
    split = {d.domain: d for d in list_domains(acme.workspace, "split")[0]}
    assert (split["many.example"].hosts, split["many.example"].users) == (12, 11)
    assert split["many.example"].hits == hits == len(lines)
