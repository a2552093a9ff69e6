"""Sites revealing special-category data (GDPR Art. 9) are set aside at import: counted per
category, never stored per person (not even pseudonymised), never listed for triage —
whatever the log source (a proxy log, a DNS log, a SIEM aggregate)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.adapters.sensitive import load_sensitive, shipped
from planner.bootstrap import Planner
from planner.domain.sensitive import Category
from planner.domain.suffixes import registrable_domain
from planner.errors import InputErrors
from planner.services.discover import import_file
from planner.services.discover.triage import list_domains, list_hosts
from planner.services.plans import create_plan
from tests.conftest import DATA, ROOT

SAMPLES = DATA / "sensitive"
# (sample, format, requests set aside per category, hosts kept)
CASES = [
    (
        "proxy.squid.log",
        "squid",
        {"trade-union": 4, "health": 1},
        {"www.yammer.com", "ideas.acme.example", "notigmetall.de"},
    ),
    (
        "dns.zeek.log",
        "zeek-dns",
        {"trade-union": 3, "political-party": 1},
        {"www.yammer.com", "app.kudos-board.example"},
    ),
    (
        "aggregate.csv",
        "aggregate",
        {"trade-union": 42, "sexual-orientation": 5},
        {"www.yammer.com", "ideas.acme.example"},
    ),
]


def test_every_entry_is_a_registrable_domain_with_a_category_and_a_source() -> None:
    entries = shipped()
    assert {e.category for e in entries.values()} == set(Category)
    assert all(e.source.startswith("https://") and e.name for e in entries.values())
    assert all(registrable_domain(d) == d for d in entries)
    unions = {d for d, e in entries.items() if e.category is Category.TRADE_UNION}
    assert {"igmetall.de", "verdi.de", "dgb.de", "betriebsrat.de", "aflcio.org"} <= unions
    assert {e.country for e in entries.values()} >= {"AT", "DE", "FR", "GB", "NL", "US"}
    text = (ROOT / "catalog" / "sensitive.yaml").read_text(encoding="utf-8")
    order = [
        line.split("domain: ")[1].split(",")[0] for line in text.splitlines() if "{domain:" in line
    ]
    by_category: dict[str, list[tuple[str, str]]] = {}
    for domain in order:
        by_category.setdefault(entries[domain].category, []).append(
            (entries[domain].country, domain)
        )
    assert all(group == sorted(group) for group in by_category.values())  # reviewable diffs


def test_the_list_never_claims_a_catalog_products_domain(planner: Planner) -> None:
    listed = set(shipped())
    assert {d for d in planner.catalog.domains() if registrable_domain(d) in listed} == set()


def test_a_bad_list_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "sensitive.yaml"
    path.write_text(
        "schema: planner.sensitive/1\nentries:\n"
        "- {domain: a.example, category: trade-union, name: A, country: DE,"
        " source: 'https://a.example'}\n"
        "- {domain: b.example, category: hobbies, name: B, country: DE,"
        " source: 'https://b.example'}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputErrors) as caught:
        load_sensitive(path)
    assert ":4:" in str(caught.value)


@pytest.mark.parametrize(("sample", "fmt", "counts", "kept"), CASES, ids=[c[1] for c in CASES])
def test_sensitive_hosts_never_reach_the_store_or_triage(
    file_planner: Planner,
    db_path: Path,
    sample: str,
    fmt: str,
    counts: dict[str, int],
    kept: set[str],
) -> None:
    ws = file_planner.workspace
    create_plan(ws, "acme", dt.date(2026, 3, 1))
    result = import_file(
        ws, file_planner.catalog, file_planner.pseudonym_key, "acme", SAMPLES / sample, fmt
    )
    assert result.set_aside == counts
    assert result.set_aside_text.startswith(f"{sum(counts.values())} requests to sensitive")
    everything = list_hosts(ws, "acme", unmatched=False, limit=None)[0]
    assert {h.host for h in everything} == kept
    assert result.hosts == len(kept)
    triage = {h.host for h in list_hosts(ws, "acme", limit=None)[0]}
    domains = {d.domain for d in list_domains(ws, "acme", limit=None)[0]}
    assert not any(h == "igmetall.de" or h.endswith(".igmetall.de") for h in triage | domains)
    assert triage <= kept
    # Nothing of them in the database file or its WAL: no host, no domain, and the people
    # seen only there have no pseudonym either.
    stored = b"".join(
        p.read_bytes()
        for p in db_path.parent.iterdir()
        if p.name.startswith(db_path.name) and not p.name.endswith(".key")
    )
    for name in (
        "www.igmetall.de",
        "mitglied.igmetall.de",
        "shop.igmetall.de",
        "betriebsrat",
        "verdi.de",
        "krebshilfe",
        "grindr",
        "spd.de",
        "dgb.de",
    ):
        assert name.encode() not in stored, name
    from planner.adapters.store.keys import pseudonymise

    for user in ("union.member", "patient.person", "private.person", "198.51.100.99"):
        assert pseudonymise(file_planner.pseudonym_key, user).encode() not in stored, user


def test_counts_add_up_over_imports_and_reach_the_record_of_processing(
    planner: Planner,
) -> None:
    from planner.services.privacy import record_of_processing

    ws = planner.workspace
    create_plan(ws, "acme", dt.date(2026, 3, 1))
    for sample, fmt, _, _ in CASES:
        import_file(ws, planner.catalog, planner.pseudonym_key, "acme", SAMPLES / sample, fmt)
    # The same file again counts nothing twice.
    again = import_file(
        ws, planner.catalog, planner.pseudonym_key, "acme", SAMPLES / "aggregate.csv"
    )
    assert again.duplicate and not again.set_aside
    record = record_of_processing(ws, "acme")
    assert (
        "56 requests to sensitive sites set aside (trade unions: 49, health: 1, "
        "political parties: 1, sexual orientation: 5)"
    ) in record
