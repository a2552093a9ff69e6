"""Discover on a real SQLite workspace: logs, pseudonyms, surveys, triage, privacy."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.domain.catalog import Category
from planner.domain.plan import ToolStatus
from planner.errors import InputError, InputErrors, NotFoundError
from planner.services.discover import import_file
from planner.services.discover.triage import count_shadow_hosts, decide_host, list_hosts
from planner.services.plan_file import render_plan
from planner.services.plans import create_plan
from planner.services.tools import list_tools
from tests.conftest import DATA, TODAY

LOGS = DATA / "discover"


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    return "acme"


def _import(planner: Planner, name: str, **kw: object):  # type: ignore[no-untyped-def]
    return import_file(
        planner.workspace, planner.catalog, planner.pseudonym_key, "acme", LOGS / name, **kw
    )  # type: ignore[arg-type]


def _tools(planner: Planner) -> dict[str, object]:
    return {t.slug: t for t in list_tools(planner.workspace, "acme")}


def test_log_import_matches_hosts_to_products(planner: Planner, plan: str) -> None:
    result = _import(planner, "week1.squid.log")
    assert (result.format, result.lines, result.skipped) == ("squid", 8, 1)
    assert result.skipped_lines == [7]
    assert result.new_tools == ["facebook", "viva-engage"]
    tools = _tools(planner)
    facebook = tools["facebook"]
    assert facebook.log_users == 2  # bob on two facebook hosts counts once, plus carol
    assert facebook.requests == 3 and facebook.bytes == 2200
    assert facebook.status is ToolStatus.UNOFFICIAL and not facebook.classified
    assert facebook.sources == ("proxy-log",)
    assert facebook.first_seen == dt.date(2026, 3, 2)
    assert result.unmatched_hosts == 2


def test_users_are_counted_once_across_hosts_and_imports(planner: Planner, plan: str) -> None:
    _import(planner, "week1.squid.log")
    _import(planner, "week2.squid.log")
    facebook = _tools(planner)["facebook"]
    # bob, carol (week 1) + alice (as ALICE), dave, bob again (week 2)
    assert facebook.log_users == 4
    assert facebook.requests == 6


def test_same_file_twice_counts_once(planner: Planner, plan: str, tmp_path: Path) -> None:
    _import(planner, "week1.squid.log")
    copy = tmp_path / "renamed.log"
    shutil.copy(LOGS / "week1.squid.log", copy)
    again = import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", copy)
    assert again.duplicate
    assert _tools(planner)["facebook"].requests == 3


def test_directory_maps_departments_without_names(planner: Planner, plan: str) -> None:
    _import(planner, "week1.squid.log", directory=LOGS / "directory.csv")
    tools = _tools(planner)
    assert tools["facebook"].departments == ("Marketing",)
    assert tools["viva-engage"].departments == ("R&D",)


def test_survey_adds_purposes_departments_and_custom_tools(planner: Planner, plan: str) -> None:
    result = _import(planner, "survey.csv")
    assert result.format == "survey"
    tools = _tools(planner)
    facebook = tools["facebook"]
    assert facebook.purposes == ("customer-relations", "visibility-brand")
    assert facebook.status is ToolStatus.OFFICIAL  # as respondents see it, not yet classified
    assert not facebook.classified
    yammer = tools["viva-engage"]  # catalog name match, followed through the rename
    assert yammer.survey_users == 40  # two answers from R&D: the larger, not the sum
    assert yammer.purposes == ("expertise-location", "internal-sharing")
    custom = tools["ideas-wall"]
    assert custom.product is None and custom.name == "Ideas Wall"
    assert tools["linkedin"].departments == ("Sales",)


def test_survey_with_bad_rows_is_refused_whole(planner: Planner, plan: str, tmp_path: Path) -> None:
    bad = tmp_path / "survey.csv"
    bad.write_text(
        "department,tool,official,purposes,users\n"
        "Sales,LinkedIn,yes,social-selling,ten\n"
        "HR,LinkedIn,perhaps,recruiting,3\n"
        "HR,,yes,recruiting,3\n"
        "HR,Viadeo,no,gossip,3\n",
        encoding="utf-8",
    )
    with pytest.raises(InputErrors) as info:
        import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", bad)
    lines = [e.line for e in info.value.errors]
    assert lines == [2, 3, 4, 5]
    assert all(e.file == str(bad) for e in info.value.errors)
    assert _tools(planner) == {}


def test_triage_decisions_are_remembered(planner: Planner, plan: str) -> None:
    _import(planner, "week1.squid.log")
    hosts, total = list_hosts(planner.workspace, "acme")
    assert total == 2
    assert [(h.host, h.users) for h in hosts] == [
        ("teamtool.example.net", 2),
        ("intranet-wiki.example.org", 1),
    ]
    slug = decide_host(
        planner.workspace,
        planner.catalog,
        "acme",
        "teamtool.example.net",
        "custom",
        name="Team Tool",
        category=Category.INTERNAL,
    )
    decide_host(planner.workspace, planner.catalog, "acme", "intranet-wiki.example.org", "ignored")
    assert slug == "team-tool"
    assert _tools(planner)["team-tool"].log_users == 2
    _import(planner, "week2.squid.log")
    team = _tools(planner)["team-tool"]
    assert team.log_users == 3 and team.category is Category.INTERNAL
    assert list_hosts(planner.workspace, "acme")[1] == 0
    assert count_shadow_hosts(planner.workspace, "acme") == (0, 0)


def test_mapping_a_host_to_a_product(planner: Planner, plan: str) -> None:
    _import(planner, "week1.squid.log")
    decide_host(
        planner.workspace,
        planner.catalog,
        "acme",
        "teamtool.example.net",
        "mapped",
        product="slack",
    )
    assert _tools(planner)["slack"].log_users == 2
    with pytest.raises(InputError, match="no product 'nope'"):
        decide_host(
            planner.workspace,
            planner.catalog,
            "acme",
            "intranet-wiki.example.org",
            "mapped",
            product="nope",
        )
    with pytest.raises(NotFoundError):
        decide_host(planner.workspace, planner.catalog, "acme", "ghost.example", "ignored")


def test_not_a_log_is_refused(planner: Planner, plan: str, tmp_path: Path) -> None:
    junk = tmp_path / "photo.png"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with pytest.raises(InputError):
        import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", junk)
    assert _tools(planner) == {}


def test_no_personal_data_in_database_wal_or_export(file_planner: Planner, db_path: Path) -> None:
    planner = file_planner
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    _import(planner, "week1.squid.log", directory=LOGS / "directory.csv")
    _import(planner, "week2.squid.log")
    exported = render_plan(planner.workspace, "acme", TODAY)
    stored = b"".join(
        p.read_bytes()
        for p in db_path.parent.glob(db_path.name + "*")
        if not p.name.endswith(".key")
    )
    for secret in (
        "alice",
        "ALICE",
        "bob",
        "carol",
        "dave",
        "10.0.0.5",
        "10.0.0.6",
        "10.0.0.7",
        "10.0.0.8",
        "10.0.0.9",
    ):
        assert secret.encode() not in stored, secret
        assert secret not in exported, secret


def test_pseudonym_key_is_owner_only_beside_the_database(
    file_planner: Planner, db_path: Path
) -> None:
    planner = file_planner
    key = planner.pseudonym_key
    path = db_path.with_name(db_path.name + ".key")
    assert len(key) == 32
    assert path.stat().st_mode & 0o777 == 0o600


def test_first_and_last_seen_span_all_imports(planner: Planner, plan: str) -> None:
    from planner.services.discover.triage import list_hosts as hosts

    _import(planner, "week1.squid.log")
    _import(planner, "week2.squid.log")
    page, _ = hosts(planner.workspace, "acme", unmatched=False, search="www.facebook")
    assert page[0].hits == 4
    assert page[0].last_seen is not None
    assert page[0].last_seen.replace(tzinfo=None) == dt.datetime(2026, 3, 2, 10, 16, 42)


def test_denied_requests_are_blocked_attempts_not_use(planner: Planner, plan: str) -> None:
    _import(planner, "week1.squid.log")
    _import(planner, "denied.squid.log")
    tools = _tools(planner)
    facebook = tools["facebook"]
    # dave's tunnel is use; his 407 handshake and the anonymous 403 are nobody's; bob's
    # 403 is a blocked attempt, not a fourth request
    assert (facebook.log_users, facebook.requests, facebook.bytes) == (3, 4, 3000)
    assert facebook.blocked == 1
    # a tool known only from denied requests: blocked, never used
    slack = tools["slack"]
    assert (slack.log_users, slack.requests, slack.bytes, slack.blocked) == (0, 0, 0, 2)
    assert tools["viva-engage"].blocked == 0
    # the hosts keep the count too
    page, _ = list_hosts(planner.workspace, "acme", unmatched=False)
    facebook_host = next(h for h in page if h.host == "www.facebook.com")
    assert (facebook_host.hits, facebook_host.users) == (3, 3)


def _counts(planner: Planner) -> dict[str, tuple[int, int, int, int]]:
    return {
        slug: (t.log_users, t.requests, t.bytes, t.blocked)  # type: ignore[attr-defined]
        for slug, t in _tools(planner).items()
    }


def test_directory_after_the_fact_sets_departments_counts_unchanged(
    planner: Planner, plan: str
) -> None:
    from planner.services.discover.logs import apply_directory

    _import(planner, "week1.squid.log")
    assert _tools(planner)["facebook"].departments == ()  # type: ignore[attr-defined]
    counts = _counts(planner)
    result = apply_directory(
        planner.workspace, planner.catalog, planner.pseudonym_key, "acme", LOGS / "directory.csv"
    )
    # alice, bob, carol were seen; dave (in the directory) was not and is not added
    assert (result.entries, result.persons) == (4, 3)
    assert result.tools == ["facebook", "viva-engage"]
    tools = _tools(planner)
    assert tools["facebook"].departments == ("Marketing",)  # type: ignore[attr-defined]
    assert tools["viva-engage"].departments == ("R&D",)  # type: ignore[attr-defined]
    assert _counts(planner) == counts
    # applying it again changes nothing
    again = apply_directory(
        planner.workspace, planner.catalog, planner.pseudonym_key, "acme", LOGS / "directory.csv"
    )
    assert (again.persons, again.tools) == (0, [])
    assert _counts(planner) == counts


def test_directory_with_a_log_already_imported(planner: Planner, plan: str) -> None:
    _import(planner, "week1.squid.log")
    counts = _counts(planner)
    result = _import(planner, "week1.squid.log", directory=LOGS / "directory.csv")
    assert result.duplicate  # nothing counted twice ...
    assert result.directory_persons == 3  # ... but the directory applies
    assert result.directory_tools == ["facebook", "viva-engage"]
    assert _tools(planner)["facebook"].departments == ("Marketing",)  # type: ignore[attr-defined]
    assert _counts(planner) == counts


def test_directory_with_a_new_log_reaches_people_seen_before(planner: Planner, plan: str) -> None:
    _import(planner, "week1.squid.log")
    result = _import(planner, "week2.squid.log", directory=LOGS / "directory.csv")
    assert not result.duplicate
    # alice, bob and carol were seen in week 1 (carol only then): the directory reaches
    # them too; dave is new and gets his department as he is added
    assert result.directory_persons == 3
    assert result.directory_tools == ["facebook", "viva-engage"]
    tools = _tools(planner)
    assert tools["viva-engage"].departments == ("R&D",)  # type: ignore[attr-defined]
    facebook = tools["facebook"]
    assert facebook.departments == ("Marketing", "R&D", "Sales")  # type: ignore[attr-defined]
    assert facebook.log_users == 4  # type: ignore[attr-defined]


def test_hosts_grouped_by_registrable_domain(planner: Planner, plan: str) -> None:
    from planner.services.discover.triage import list_domains

    _import(planner, "longtail1.squid.log")
    page, total = list_domains(planner.workspace, "acme")
    rows = {d.domain: (d.hosts, d.users, d.hits) for d in page}
    assert total == len(rows) == 6
    assert rows == {
        "bbc.co.uk": (3, 2, 3),  # co.uk is a public suffix: bob on two hosts counts once
        "gov.co.uk": (1, 1, 1),  # ... so gov.co.uk is another domain
        "xn--bcher-kva.example": (2, 2, 2),  # an IDN, in Unicode and in punycode
        "203.0.113.99": (1, 2, 2),  # a bare IP address has no domain: it is itself
        "alice.github.io": (1, 1, 1),  # github.io is a (private) public suffix
        "bob.github.io": (1, 1, 1),
    }  # files.slack.com is the catalog's: not unmatched
    assert [d.domain for d in page][:3] == ["bbc.co.uk", "203.0.113.99", "xn--bcher-kva.example"]
    every, total_all = list_domains(planner.workspace, "acme", unmatched=False)
    assert total_all == 7 and "slack.com" in {d.domain for d in every}


def test_a_domain_rule_covers_its_hosts_now_and_in_later_imports(
    planner: Planner, plan: str
) -> None:
    from planner.services.discover.triage import decide_domain, list_domains

    _import(planner, "longtail1.squid.log")
    done = decide_domain(
        planner.workspace, planner.catalog, "acme", "bbc.co.uk", "custom", name="BBC"
    )
    assert (done.domain, done.tool, done.hosts) == ("bbc.co.uk", "bbc", 3)
    ignored = decide_domain(planner.workspace, planner.catalog, "acme", "bücher.example", "ignored")
    assert (ignored.domain, ignored.hosts) == ("xn--bcher-kva.example", 2)
    by_ip = decide_domain(
        planner.workspace, planner.catalog, "acme", "203.0.113.99", "mapped", product="slack"
    )
    assert by_ip.hosts == 1
    tools = _tools(planner)
    assert (tools["bbc"].log_users, tools["bbc"].requests) == (2, 3)  # type: ignore[attr-defined]
    assert tools["slack"].log_users == 3  # type: ignore[attr-defined]  # carol + alice, bob
    remaining = {d.domain for d in list_domains(planner.workspace, "acme")[0]}
    assert remaining == {"gov.co.uk", "alice.github.io", "bob.github.io"}

    result = _import(planner, "longtail2.squid.log")
    # the new hosts under bbc.co.uk and bücher.example follow the rules; gov.co.uk does not
    assert result.unmatched_hosts == 3
    tools = _tools(planner)
    assert (tools["bbc"].log_users, tools["bbc"].requests) == (3, 4)  # type: ignore[attr-defined]
    hosts, _ = list_hosts(planner.workspace, "acme", unmatched=False, search="bcher")
    assert {(h.host, h.decision) for h in hosts} == {
        ("xn--bcher-kva.example", "ignored"),
        ("shop.xn--bcher-kva.example", "ignored"),
        ("cdn.xn--bcher-kva.example", "ignored"),
    }
    rules = {d.domain: d.rule for d in list_domains(planner.workspace, "acme", unmatched=False)[0]}
    assert rules["bbc.co.uk"] == "custom" and rules["gov.co.uk"] is None


def test_a_domain_decision_needs_a_registrable_domain(planner: Planner, plan: str) -> None:
    from planner.services.discover.triage import decide_domain

    _import(planner, "longtail1.squid.log")
    with pytest.raises(InputError, match=r"registrable domain is 'bbc\.co\.uk'"):
        decide_domain(planner.workspace, planner.catalog, "acme", "www.bbc.co.uk", "ignored")
    with pytest.raises(InputError, match="not a domain name"):
        decide_domain(planner.workspace, planner.catalog, "acme", "not a host", "ignored")
    # a public suffix is its own "domain" but covers nobody's hosts but its own
    assert decide_domain(planner.workspace, planner.catalog, "acme", "co.uk", "ignored").hosts == 0
