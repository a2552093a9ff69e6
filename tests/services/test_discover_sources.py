"""Discover from identity-provider, DNS and aggregate sources on a real workspace:
applications matched through the catalog's ``discovery.apps``, refused sign-ins kept
apart from use, DNS clients as people, re-imports recognised, and a raw log and its
aggregate giving identical evidence."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.services.discover import import_file
from planner.services.discover.triage import list_hosts
from planner.services.plans import create_plan
from planner.services.tools import list_tools
from tests.conftest import DATA

LOGS = DATA / "logs"


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    return "acme"


def _import(planner: Planner, path: Path, plan: str = "acme"):  # type: ignore[no-untyped-def]
    return import_file(planner.workspace, planner.catalog, planner.pseudonym_key, plan, path)


def _tools(planner: Planner, plan: str = "acme") -> dict[str, object]:
    return {t.slug: t for t in list_tools(planner.workspace, plan)}


@pytest.mark.parametrize("name", ["entra_signins.json", "entra_signins.csv"])
def test_sign_ins_match_applications_and_keep_refusals_apart(
    planner: Planner, plan: str, name: str
) -> None:
    result = _import(planner, LOGS / name)
    assert result.format == "entra-signins"
    assert result.new_tools == ["microsoft-teams", "viva-engage"]
    tools = _tools(planner)
    engage = tools["viva-engage"]
    # "Yammer" and "Viva Engage" are one product: two people, each counted once
    assert (engage.log_users, engage.requests, engage.blocked) == (2, 2, 0)
    assert engage.sources == ("sign-in-log",)
    teams = tools["microsoft-teams"]
    assert (teams.log_users, teams.requests, teams.blocked) == (1, 1, 1)
    hosts, total = list_hosts(planner.workspace, "acme")
    assert total == result.unmatched_hosts == 1
    assert hosts[0].host == "app:Contoso Kudos Board" and hosts[0].users == 1
    again = _import(planner, LOGS / name)
    assert again.duplicate
    assert _tools(planner)["viva-engage"].log_users == 2


def test_an_application_is_matched_by_its_id_when_its_name_is_unknown(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    path = tmp_path / "signins.jsonl"
    path.write_text(
        '{"createdDateTime": "2026-03-02T08:00:00Z", "userPrincipalName": "a@x.example",'
        ' "appDisplayName": "Engage (renamed again)",'
        ' "appId": "00000005-0000-0FF1-CE00-000000000000", "status": {"errorCode": 0}}\n'
    )
    assert _import(planner, path).new_tools == ["viva-engage"]


@pytest.mark.parametrize("name", ["zeek_dns.log", "zeek_dns.json", "bind_query.log"])
def test_dns_queries_are_evidence_with_clients_as_people(
    planner: Planner, plan: str, name: str
) -> None:
    result = _import(planner, LOGS / name)
    assert result.new_tools == ["slack", "viva-engage"]
    tools = _tools(planner)
    assert tools["slack"].log_users == 2  # 10.1.0.22 on slack.com, 10.1.0.21 on files.
    assert tools["slack"].sources == ("dns-log",)
    assert result.unmatched_hosts == 1


def _events(seed: int) -> list[tuple[float, str, str, int]]:
    rng = random.Random(seed)
    hosts = ["www.yammer.com", "slack.com", "files.slack.com", "intranet.acme.example"]
    users = ["alice", "bob", "10.0.0.7", "carol"]
    start = 1772438400.0
    return [
        (start + rng.randrange(0, 10**6) / 10, rng.choice(hosts), rng.choice(users),
         rng.randrange(0, 5000))
        for _ in range(300)
    ]  # fmt: skip


def test_a_raw_log_and_its_aggregate_give_identical_evidence(
    planner: Planner, tmp_path: Path
) -> None:
    events = _events(18)
    raw = tmp_path / "raw.squid.log"
    # a user that is an address is a line without a user name: the client stands in
    raw.write_text(
        "".join(
            f"{when:.1f} 10 {user if user.startswith('10.') else '10.9.9.9'} TCP_MISS/200 "
            f"{size} CONNECT {host}:443 {'-' if user.startswith('10.') else user} "
            "HIER_DIRECT/1.2.3.4 -\n"
            for when, host, user, size in events
        )
    )
    # What the README's queries produce: one row per (host, user)
    groups: dict[tuple[str, str], list[float]] = {}
    for when, host, user, size in events:
        g = groups.setdefault((host, user), [0, 0, when, when])
        g[0] += 1
        g[1] += size
        g[2] = min(g[2], when)
        g[3] = max(g[3], when)
    aggregate = tmp_path / "aggregate.csv"
    aggregate.write_text(
        "host,user,hits,bytes,first_seen,last_seen\n"
        + "".join(
            f"{host},{user},{hits},{size},{first:.1f},{last:.1f}\n"
            for (host, user), (hits, size, first, last) in sorted(groups.items())
        )
    )
    for name, path in (("from-raw", raw), ("from-aggregate", aggregate)):
        create_plan(planner.workspace, name, dt.date(2027, 1, 4))
        _import(planner, path, name)

    def evidence(plan: str) -> tuple[object, ...]:
        hosts, _ = list_hosts(planner.workspace, plan, unmatched=False)
        tools = sorted(
            (t.slug, t.log_users, t.requests, t.bytes, t.first_seen, t.last_seen)
            for t in list_tools(planner.workspace, plan)
        )
        return sorted((h.host, h.users, h.hits, h.bytes, h.last_seen) for h in hosts), tools

    assert evidence("from-raw") == evidence("from-aggregate")
    assert evidence("from-raw")[1]  # tools were found at all


def test_a_person_in_a_raw_log_and_an_aggregate_counts_once(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    raw = tmp_path / "raw.log"
    raw.write_text(
        "1772446530.000 10 10.0.0.1 TCP_MISS/200 10 CONNECT slack.com:443 alice "
        "HIER_DIRECT/1.1.1.1 -\n"
    )
    aggregate = tmp_path / "agg.csv"
    aggregate.write_text(
        "host,user,hits,bytes,first_seen,last_seen\n"
        "slack.com,alice,3,30,2026-03-01,2026-03-02\n"
        "slack.com,bob,1,5,2026-03-01,2026-03-01\n"
    )
    _import(planner, raw)
    _import(planner, aggregate)
    slack = _tools(planner)["slack"]
    assert (slack.log_users, slack.requests, slack.bytes) == (2, 5, 45)


def test_an_aggregate_naming_one_person_in_two_spellings_counts_them_once(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    """Two spellings of one user are one person ("Alice" and "alice"): a host they both
    visited counts one, and the tool two with bob, whatever the rows' order."""
    aggregate = tmp_path / "agg.csv"
    aggregate.write_text(
        "host,user,hits,bytes,first_seen,last_seen\n"
        "slack.com,bob,1,5,2026-03-01,2026-03-01\n"
        "slack.com,Alice,3,30,2026-03-01,2026-03-02\n"
        "files.slack.com,alice,2,20,2026-03-01,2026-03-02\n"
        "slack.com,alice,1,1,2026-03-02,2026-03-02\n"
    )
    _import(planner, aggregate)
    hosts, _ = list_hosts(planner.workspace, plan, unmatched=False)
    assert sorted((h.host, h.users, h.hits) for h in hosts) == [
        ("files.slack.com", 1, 2),
        ("slack.com", 2, 5),
    ]
    slack = _tools(planner)["slack"]
    assert (slack.log_users, slack.requests) == (2, 7)


def test_google_oauth_and_entra_grants_find_apps_with_their_people(
    planner: Planner, plan: str
) -> None:
    google = _import(planner, LOGS / "google_oauth.csv")
    assert google.format == "google-oauth" and google.new_tools == ["slack"]
    assert _tools(planner)["slack"].log_users == 2
    assert _tools(planner)["slack"].sources == ("sign-in-log",)
    grants = _import(planner, LOGS / "entra_grants.json")
    assert grants.format == "entra-grants"
    assert grants.new_tools == ["microsoft-teams"]
    # Slack: two Google accounts and one Entra object id; different identifiers, three people
    assert _tools(planner)["slack"].log_users == 3
    hosts, _ = list_hosts(planner.workspace, "acme")
    consented = {h.host: h.users for h in hosts}
    assert consented["app:Contoso Kudos Board"] == 2  # consenting users, the signal
    assert consented["app:Kudos Board for Google"] == 1


def test_a_cloud_security_export_through_a_profile(planner: Planner, plan: str) -> None:
    result = import_file(
        planner.workspace, planner.catalog, planner.pseudonym_key, "acme",
        LOGS / "netskope.csv", profile="netskope",
    )  # fmt: skip
    assert (result.format, result.lines, result.skipped) == ("profile", 6, 1)
    tools = _tools(planner)
    assert tools["slack"].log_users == 2 and tools["slack"].bytes == 3000
    assert tools["facebook"].blocked == 1 and tools["facebook"].log_users == 0
    again = import_file(
        planner.workspace, planner.catalog, planner.pseudonym_key, "acme",
        LOGS / "netskope.csv", profile="netskope",
    )  # fmt: skip
    assert again.duplicate
