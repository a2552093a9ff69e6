"""Undoing triage: a domain rule removed returns the hosts it decided to triage
(or to the infrastructure list), a host decided on its own keeps its decision, the tools
and the domain view follow; one host's decision can be cleared too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.errors import InputError, NotFoundError
from planner.services.discover import import_file
from planner.services.discover.triage import (
    decide_domain,
    decide_host,
    list_domains,
    list_hosts,
)
from planner.services.discover.undecide import undecide_domain, undecide_host
from planner.services.tools import list_tools
from tests.conftest import DATA

LOGS = DATA / "discover"
LINE = (
    "1772546530.000     10 10.0.0.5 TCP_TUNNEL/200 100 CONNECT {host}:443 {user} "
    "HIER_DIRECT/203.0.113.10 -\n"
)


@pytest.fixture
def acme(longtail: Planner) -> Planner:
    return longtail


def _decisions(planner: Planner, search: str = "") -> dict[str, tuple[str | None, str | None]]:
    hosts, _ = list_hosts(planner.workspace, "acme", unmatched=False, search=search)
    return {h.host: (h.decision, h.tool) for h in hosts}


def _open_domains(planner: Planner) -> dict[str, int]:
    return {d.domain: d.hosts for d in list_domains(planner.workspace, "acme")[0]}


def _users(planner: Planner) -> dict[str, int]:
    return {t.slug: t.log_users for t in list_tools(planner.workspace, "acme")}


def test_removing_a_rule_returns_its_hosts_to_triage(acme: Planner, tmp_path: Path) -> None:
    decide_domain(acme.workspace, acme.catalog, "acme", "bbc.co.uk", "custom", name="BBC")
    assert "bbc.co.uk" not in _open_domains(acme) and _users(acme)["bbc"] == 2
    done = undecide_domain(acme.workspace, acme.catalog, "acme", "BBC.co.uk")
    assert (done.name, done.open, done.infrastructure, done.kept) == ("bbc.co.uk", 3, 0, 0)
    assert set(_decisions(acme, "bbc").values()) == {(None, None)}
    assert _open_domains(acme)["bbc.co.uk"] == 3
    assert _users(acme)["bbc"] == 0  # the custom tool stays, fed by no host now
    listed = {d.domain: d.rule for d in list_domains(acme.workspace, "acme")[0]}
    assert listed["bbc.co.uk"] is None
    # later imports no longer follow it
    later = tmp_path / "later.squid.log"
    later.write_text(LINE.format(host="sport.bbc.co.uk", user="erin"), encoding="utf-8")
    import_file(acme.workspace, acme.catalog, acme.pseudonym_key, "acme", later)
    assert _decisions(acme, "sport.bbc")["sport.bbc.co.uk"] == (None, None)
    with pytest.raises(InputError, match=re.escape("no rule on 'bbc.co.uk'")):
        undecide_domain(acme.workspace, acme.catalog, "acme", "bbc.co.uk")


def test_a_host_decided_after_the_rule_keeps_its_decision(acme: Planner) -> None:
    decide_domain(acme.workspace, acme.catalog, "acme", "bbc.co.uk", "ignored")
    decide_host(acme.workspace, acme.catalog, "acme", "www.bbc.co.uk", "mapped", product="slack")
    # the same decision as the rule's, but taken on the host: still the host's own
    decide_host(acme.workspace, acme.catalog, "acme", "news.bbc.co.uk", "ignored")
    done = undecide_domain(acme.workspace, acme.catalog, "acme", "bbc.co.uk")
    assert (done.open, done.kept) == (1, 2)
    assert _decisions(acme, "bbc") == {
        "www.bbc.co.uk": ("mapped", "slack"),
        "news.bbc.co.uk": ("ignored", None),
        "static.bbc.co.uk": (None, None),
    }
    assert _open_domains(acme)["bbc.co.uk"] == 1
    assert _users(acme)["slack"] == 2  # carol (files.slack.com) and alice (www.bbc.co.uk)


def test_a_rule_removed_hands_listed_hosts_to_the_infrastructure_list(
    acme: Planner, tmp_path: Path
) -> None:
    log = tmp_path / "ads.squid.log"
    log.write_text(
        LINE.format(host="stats.doubleclick.net", user="erin")
        + LINE.format(host="doubleclick.net", user="erin"),
        encoding="utf-8",
    )
    decide_domain(
        acme.workspace, acme.catalog, "acme", "doubleclick.net", "mapped", product="slack"
    )
    import_file(acme.workspace, acme.catalog, acme.pseudonym_key, "acme", log)
    assert set(_decisions(acme, "doubleclick").values()) == {("mapped", "slack")}
    done = undecide_domain(acme.workspace, acme.catalog, "acme", "doubleclick.net")
    assert (done.open, done.infrastructure) == (0, 2)
    assert set(_decisions(acme, "doubleclick").values()) == {("infrastructure", None)}
    assert "doubleclick.net" not in _open_domains(acme)
    assert _users(acme)["slack"] == 1  # carol only


def test_clearing_one_hosts_decision(acme: Planner) -> None:
    decide_host(acme.workspace, acme.catalog, "acme", "www.gov.co.uk", "mapped", product="slack")
    done = undecide_host(acme.workspace, acme.catalog, "acme", "WWW.gov.co.uk")
    assert (done.name, done.open, done.tool, done.rule) == ("www.gov.co.uk", 1, None, None)
    assert _decisions(acme, "gov")["www.gov.co.uk"] == (None, None)
    assert _open_domains(acme)["gov.co.uk"] == 1
    assert _users(acme)["slack"] == 1
    # a catalog host mapped elsewhere goes back to its product
    decide_host(acme.workspace, acme.catalog, "acme", "files.slack.com", "ignored")
    assert undecide_host(acme.workspace, acme.catalog, "acme", "files.slack.com").tool == "slack"
    assert _decisions(acme, "slack")["files.slack.com"] == (None, "slack")
    # a host decided on its own under a rule goes back to the rule
    decide_domain(acme.workspace, acme.catalog, "acme", "bbc.co.uk", "ignored")
    decide_host(acme.workspace, acme.catalog, "acme", "www.bbc.co.uk", "mapped", product="slack")
    assert undecide_host(acme.workspace, acme.catalog, "acme", "www.bbc.co.uk").rule == "ignored"
    assert _decisions(acme, "www.bbc")["www.bbc.co.uk"] == ("ignored", None)
    # ...and it follows the rule again: removing the rule frees it
    assert undecide_domain(acme.workspace, acme.catalog, "acme", "bbc.co.uk").open == 3


@pytest.mark.parametrize(
    ("host", "error", "message"),
    [
        ("ghost.example", NotFoundError, "no host 'ghost.example'"),
        ("www.gov.co.uk", InputError, "'www.gov.co.uk' has no decision to clear"),
        ("news.bbc.co.uk", InputError, "follows the rule on bbc.co.uk"),
    ],
)
def test_what_cannot_be_cleared_is_refused(
    acme: Planner, host: str, error: type[Exception], message: str
) -> None:
    decide_domain(acme.workspace, acme.catalog, "acme", "bbc.co.uk", "ignored")
    with pytest.raises(error, match=re.escape(message)):
        undecide_host(acme.workspace, acme.catalog, "acme", host)
    with pytest.raises(InputError, match=re.escape("no rule on 'gov.co.uk'")):
        undecide_domain(acme.workspace, acme.catalog, "acme", "gov.co.uk")


def test_an_upgraded_workspace_knows_which_hosts_its_rules_decided(tmp_path: Path) -> None:
    """Revision 0010 marks the hosts whose decision and tool are their domain's rule's."""
    import shutil
    import sqlite3

    from planner.bootstrap import Settings, bootstrap
    from tests.conftest import TODAY

    path = tmp_path / "old.sqlite"
    shutil.copyfile(DATA / "workspaces" / "rev-0009.sqlite", path)
    with sqlite3.connect(path) as conn:  # rules as a 0009 workspace stored them
        plan_id = conn.execute("SELECT id FROM plan WHERE name = 'hexaline-2027'").fetchone()[0]
        conn.executemany(
            "INSERT INTO triage_rule (plan_id, domain, decision, tool) VALUES (?, ?, ?, ?)",
            [
                (plan_id, "lemonde.fr", "ignored", None),
                (plan_id, "hexaline.example", "ignored", None),
            ],
        )
    planner = bootstrap(Settings(db=str(path), today=lambda: TODAY))
    try:
        ws, catalog = planner.workspace, planner.catalog
        done = undecide_domain(ws, catalog, "hexaline-2027", "lemonde.fr")
        assert (done.open, done.kept) == (1, 0)  # www.lemonde.fr followed the rule
        done = undecide_domain(ws, catalog, "hexaline-2027", "hexaline.example")
        assert (done.open, done.kept) == (0, 1)  # ideas.hexaline.example: custom, its own
        hosts, _ = list_hosts(ws, "hexaline-2027", unmatched=False, search="lemonde")
        assert [(h.host, h.decision) for h in hosts] == [("www.lemonde.fr", None)]
    finally:
        planner.close()
