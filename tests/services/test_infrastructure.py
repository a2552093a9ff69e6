"""The shipped infrastructure list: reviewable (a kind, a name and a source per
entry), strict, never shadowing a catalog product, and applied at import to the new hosts
that neither the catalog nor a domain rule claims."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.adapters.infrastructure import load_infrastructure, matcher, shipped
from planner.bootstrap import Planner
from planner.errors import InputErrors
from planner.services.discover import import_file
from planner.services.discover.triage import decide_domain, list_domains, list_hosts
from planner.services.plans import create_plan
from tests.conftest import ROOT

LINE = (
    "1772546530.000     10 10.0.0.5 TCP_TUNNEL/200 100 CONNECT {host}:443 {user} "
    "HIER_DIRECT/203.0.113.10 -\n"
)


def test_every_entry_says_what_it_is_and_where_that_is_documented() -> None:
    entries = shipped()
    assert len(entries) >= 40
    kinds = {e.kind for e in entries.values()}
    assert kinds == {"cdn", "updates", "telemetry", "ads", "certificate-authority"}
    assert all(e.source.startswith("https://") and e.name for e in entries.values())
    text = (ROOT / "catalog" / "infrastructure.yaml").read_text(encoding="utf-8")
    order = [
        line.split("domain: ")[1].split(",")[0] for line in text.splitlines() if "{domain:" in line
    ]
    by_kind: dict[str, list[str]] = {}
    for domain in order:
        by_kind.setdefault(entries[domain].kind, []).append(domain)
    assert all(group == sorted(group) for group in by_kind.values())  # reviewable diffs


def test_the_list_never_claims_a_catalog_products_domain(planner: Planner) -> None:
    listed = matcher()
    shadowed = {d: p for d, p in planner.catalog.domains().items() if listed.match(d) is not None}
    assert shadowed == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "schema: planner.infrastructure/1\nentries:\n"
            "- {domain: a.example, kind: cdn, name: A, source: 'https://a.example'}\n"
            "- {domain: A.example, kind: cdn, name: A, source: 'https://a.example'}\n",
            ":4:",
        ),
        (
            "schema: planner.infrastructure/1\nentries:\n"
            "- {domain: a.example, kind: social, name: A, source: 'https://a.example'}\n",
            ":3:",
        ),
        (
            "schema: planner.infrastructure/1\nentries:\n"
            "- {domain: a.example, kind: cdn, name: A}\n",
            ":3:",
        ),
        (
            "schema: planner.infrastructure/1\nentries:\n"
            "- {domain: 'not a host', kind: cdn, name: A, source: 'https://a.example'}\n",
            "not a domain name",
        ),
    ],
)
def test_a_bad_list_is_refused_at_its_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "infrastructure.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_infrastructure(path)
    assert message in str(caught.value)


def test_an_import_sets_infrastructure_aside_and_a_domain_rule_wins(
    planner: Planner, tmp_path: Path
) -> None:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    hosts = [
        "a1.akamaihd.net",  # cdn
        "ctldl.windowsupdate.com",  # updates
        "www.google-analytics.com",  # telemetry
        "ocsp.digicert.com",  # certificate authority
        "stats.doubleclick.net",  # ads
        "files.slack.com",  # the catalog's
        "ideas.acme.example",  # left to triage
    ]
    log = tmp_path / "month.squid.log"
    log.write_text("".join(LINE.format(host=h, user="alice") for h in hosts), encoding="utf-8")

    def run(path: Path):  # type: ignore[no-untyped-def]
        return import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", path)

    # The plan already decided on doubleclick.net: its rule wins over the list.
    decide_domain(
        planner.workspace, planner.catalog, "acme", "doubleclick.net", "mapped", product="slack"
    )
    result = run(log)
    assert result.infrastructure_hosts == 4
    assert result.unmatched_hosts == 1
    every = {h.host: h.decision for h in list_hosts(planner.workspace, "acme", unmatched=False)[0]}
    assert every["a1.akamaihd.net"] == "infrastructure"
    assert every["stats.doubleclick.net"] == "mapped"
    assert every["files.slack.com"] is None
    assert [d.domain for d in list_domains(planner.workspace, "acme")[0]] == ["acme.example"]
    # Overriding an entry: a decision on its domain covers the hosts the list set aside.
    done = decide_domain(
        planner.workspace,
        planner.catalog,
        "acme",
        "google-analytics.com",
        "custom",
        name="Analytics",
    )
    assert done.hosts == 1


def test_a_longer_list_reaches_the_hosts_of_earlier_imports(
    planner: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.adapters import infrastructure
    from planner.adapters.store import triage_store
    from planner.services.discover.triage import decide_host
    from planner.services.discover.undecide import undecide_domain

    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))

    def run(name: str, *hosts: str):  # type: ignore[no-untyped-def]
        log = tmp_path / name
        log.write_text("".join(LINE.format(host=h, user="alice") for h in hosts), "utf-8")
        return import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", log)

    def decisions() -> dict[str, str | None]:
        hosts, _ = list_hosts(planner.workspace, "acme", unmatched=False)
        return {h.host: h.decision for h in hosts}

    first = run("1.log", "a.newcdn.example", "b.newcdn.example", "x.othercdn.example")
    assert first.infrastructure_hosts == 0 and first.unmatched_hosts == 3
    decide_host(planner.workspace, planner.catalog, "acme", "b.newcdn.example", "ignored")
    decide_domain(
        planner.workspace, planner.catalog, "acme", "othercdn.example", "custom", name="Other"
    )
    # A newer planner ships a longer list.
    longer = dict(shipped())
    for domain in ("newcdn.example", "othercdn.example"):
        longer[domain] = infrastructure.Entry(
            domain=domain, kind="cdn", name="A CDN", source="https://cdn.example"
        )
    monkeypatch.setattr(infrastructure, "shipped", lambda: longer)
    second = run("2.log", "www.elsewhere.example")
    assert second.infrastructure_hosts == 1  # a.newcdn.example, from the first import
    assert decisions() == {
        "a.newcdn.example": "infrastructure",
        "b.newcdn.example": "ignored",  # the user's decision wins over the list
        "x.othercdn.example": "custom",  # and so does a rule on the domain
        "www.elsewhere.example": None,
    }
    assert {d.domain for d in list_domains(planner.workspace, "acme")[0]} == {"elsewhere.example"}

    # The same list again: the next import does not look for earlier hosts at all.
    def looked(*_args: object) -> None:
        raise AssertionError("the unchanged list was applied again")

    monkeypatch.setattr(triage_store, "open_hosts_under", looked)
    assert run("3.log", "www.third.example").infrastructure_hosts == 0
    # A rule removed hands its hosts to the list when it covers them.
    done = undecide_domain(planner.workspace, planner.catalog, "acme", "othercdn.example")
    assert (done.open, done.infrastructure) == (0, 1)
    assert decisions()["x.othercdn.example"] == "infrastructure"
