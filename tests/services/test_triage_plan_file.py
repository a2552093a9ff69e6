"""Domain triage rules in the plan file: exported in a ``triage`` section,
imported back (a reviewer's new rule reaches the hosts already seen), merged three ways,
and refused with their line when they name what does not exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.bootstrap import Planner, Settings, bootstrap
from planner.errors import InputErrors
from planner.services.discover import import_file
from planner.services.discover.triage import decide_domain, decide_host, list_domains, list_hosts
from planner.services.plan_file import export_plan, render_plan
from planner.services.plan_import import import_plan
from planner.services.tools import list_tools
from tests.conftest import DATA, TODAY

LOGS = DATA / "discover"


@pytest.fixture
def acme(longtail: Planner) -> Planner:
    return longtail


def _rules(planner: Planner) -> dict[str, str | None]:
    return {d.domain: d.rule for d in list_domains(planner.workspace, "acme", unmatched=False)[0]}


def test_rules_are_exported_and_survive_the_round_trip(acme: Planner, tmp_path: Path) -> None:
    decide_domain(acme.workspace, acme.catalog, "acme", "bbc.co.uk", "custom", name="BBC")
    decide_domain(acme.workspace, acme.catalog, "acme", "bücher.example", "ignored")
    decide_domain(acme.workspace, acme.catalog, "acme", "203.0.113.99", "mapped", product="slack")
    text = render_plan(acme.workspace, "acme", TODAY)
    assert (
        "triage:\n"
        "- domain: 203.0.113.99\n  decision: mapped\n  tool: slack\n"
        "- domain: bbc.co.uk\n  decision: custom\n  tool: bbc\n"
        "- domain: xn--bcher-kva.example\n  decision: ignored\n  tool: null\n"
    ) in text
    path = tmp_path / "acme.yaml"
    path.write_text(text, encoding="utf-8")
    import_plan(acme.workspace, acme.catalog, path)
    assert render_plan(acme.workspace, "acme", TODAY) == text
    # A fresh workspace gets the rules, and its first import follows them.
    fresh = bootstrap(Settings(db=str(tmp_path / "fresh.sqlite"), today=lambda: TODAY))
    try:
        import_plan(fresh.workspace, fresh.catalog, path)
        import_file(
            fresh.workspace,
            fresh.catalog,
            fresh.pseudonym_key,
            "acme",
            LOGS / "longtail1.squid.log",
        )
        remaining = {d.domain for d in list_domains(fresh.workspace, "acme")[0]}
        assert remaining == {"gov.co.uk", "alice.github.io", "bob.github.io"}
    finally:
        fresh.close()


def test_a_rule_added_by_a_reviewer_reaches_the_hosts_seen(acme: Planner, tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    export_plan(acme.workspace, "acme", TODAY, path)
    text = path.read_text(encoding="utf-8")
    assert "triage: []\n" in text
    text = text.replace(
        "triage: []\n",
        "triage:\n- domain: BBC.co.uk\n  decision: mapped\n  tool: slack\n"
        "- domain: gov.co.uk\n  decision: ignored\n",
    )
    path.write_text(text, encoding="utf-8")
    result = import_plan(acme.workspace, acme.catalog, path)
    assert result.written and result.three_way
    assert [(c.section, c.id, c.kind) for c in result.changes] == [
        ("triage", "bbc.co.uk", "added"),
        ("triage", "gov.co.uk", "added"),
    ]
    assert _rules(acme)["bbc.co.uk"] == "mapped"
    hosts, _ = list_hosts(acme.workspace, "acme", unmatched=False, search="bbc")
    assert {h.tool for h in hosts} == {"slack"}
    slack = {t.slug: t for t in list_tools(acme.workspace, "acme")}["slack"]
    assert slack.log_users == 3  # carol (files.slack.com) + alice, bob under bbc.co.uk
    assert {d.domain for d in list_domains(acme.workspace, "acme")[0]} == {
        "xn--bcher-kva.example",
        "203.0.113.99",
        "alice.github.io",
        "bob.github.io",
    }


def test_both_sides_deciding_a_domain_differently_is_a_conflict(
    acme: Planner, tmp_path: Path
) -> None:
    decide_domain(acme.workspace, acme.catalog, "acme", "gov.co.uk", "ignored")
    path = tmp_path / "acme.yaml"
    export_plan(acme.workspace, "acme", TODAY, path)
    decide_domain(acme.workspace, acme.catalog, "acme", "gov.co.uk", "custom", name="GOV.UK")
    text = path.read_text(encoding="utf-8").replace(
        "- domain: gov.co.uk\n  decision: ignored\n  tool: null\n",
        "- domain: gov.co.uk\n  decision: mapped\n  tool: slack\n",
    )
    path.write_text(text, encoding="utf-8")
    result = import_plan(acme.workspace, acme.catalog, path)
    assert not result.written
    assert {(c.section, c.id, c.field) for c in result.details} >= {
        ("triage", "gov.co.uk", "decision"),
        ("triage", "gov.co.uk", "tool"),
    }
    assert _rules(acme)["gov.co.uk"] == "custom"
    taken = import_plan(acme.workspace, acme.catalog, path, take="theirs")
    assert taken.written and _rules(acme)["gov.co.uk"] == "mapped"
    hosts, _ = list_hosts(acme.workspace, "acme", unmatched=False, search="gov.co.uk")
    assert {h.tool for h in hosts} == {"slack"}


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("- domain: www.bbc.co.uk\n  decision: ignored\n", "registrable domain is 'bbc.co.uk'"),
        ("- domain: not a host\n  decision: ignored\n", "not a domain name"),
        ("- domain: bbc.co.uk\n  decision: mapped\n  tool: myspace\n", "unknown catalog product"),
        ("- domain: bbc.co.uk\n  decision: custom\n  tool: ghost\n", "no tool 'ghost'"),
        ("- domain: bbc.co.uk\n  decision: mapped\n", "needs its tool"),
        ("- domain: bbc.co.uk\n  decision: ignored\n  tool: slack\n", "names no tool"),
        ("- domain: bbc.co.uk\n  decision: banned\n", "decision"),
        (
            "- domain: bbc.co.uk\n  decision: ignored\n- domain: bbc.co.uk\n  decision: ignored\n",
            "duplicate id 'bbc.co.uk'",
        ),
    ],
)
def test_bad_rules_are_refused_at_their_line(
    acme: Planner, tmp_path: Path, rule: str, message: str
) -> None:
    path = tmp_path / "acme.yaml"
    export_plan(acme.workspace, "acme", TODAY, path)
    text = path.read_text(encoding="utf-8")
    first = text[: text.index("triage: []")].count("\n") + 2  # the rule's first line
    path.write_text(text.replace("triage: []\n", "triage:\n" + rule), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        import_plan(acme.workspace, acme.catalog, path)
    assert message in str(caught.value)
    lines = {int(m) for m in re.findall(r"acme\.yaml:(\d+):", str(caught.value))}
    assert lines and lines <= set(range(first, first + 4))
    assert _rules(acme) == {d: None for d in _rules(acme)}


def test_a_rule_the_reviewer_deleted_no_longer_decides_its_hosts(
    acme: Planner, tmp_path: Path
) -> None:
    decide_domain(acme.workspace, acme.catalog, "acme", "bbc.co.uk", "mapped", product="slack")
    decide_domain(acme.workspace, acme.catalog, "acme", "gov.co.uk", "ignored")
    # decided on its own after the rule: the reviewer's deletion leaves it alone
    decide_host(acme.workspace, acme.catalog, "acme", "www.bbc.co.uk", "ignored")
    path = tmp_path / "acme.yaml"
    export_plan(acme.workspace, "acme", TODAY, path)
    text = path.read_text(encoding="utf-8")
    entry = "- domain: bbc.co.uk\n  decision: mapped\n  tool: slack\n"
    assert entry in text
    path.write_text(text.replace(entry, ""), encoding="utf-8")
    result = import_plan(acme.workspace, acme.catalog, path)
    assert result.written
    assert [(c.section, c.id, c.kind) for c in result.changes] == [
        ("triage", "bbc.co.uk", "removed")
    ]
    assert _rules(acme)["bbc.co.uk"] is None and _rules(acme)["gov.co.uk"] == "ignored"
    hosts, _ = list_hosts(acme.workspace, "acme", unmatched=False, search="bbc")
    assert {h.host: (h.decision, h.tool) for h in hosts} == {
        "www.bbc.co.uk": ("ignored", None),
        "news.bbc.co.uk": (None, None),
        "static.bbc.co.uk": (None, None),
    }
    slack = {t.slug: t for t in list_tools(acme.workspace, "acme")}["slack"]
    assert slack.log_users == 1  # carol (files.slack.com): bob's hosts went back to triage
    open_ = {d.domain: d.hosts for d in list_domains(acme.workspace, "acme")[0]}
    assert open_["bbc.co.uk"] == 2 and "gov.co.uk" not in open_
    assert "bbc.co.uk" not in render_plan(acme.workspace, "acme", TODAY)


def test_a_rule_deleted_in_the_file_and_changed_in_the_workspace_is_a_conflict(
    acme: Planner, tmp_path: Path
) -> None:
    decide_domain(acme.workspace, acme.catalog, "acme", "gov.co.uk", "ignored")
    path = tmp_path / "acme.yaml"
    export_plan(acme.workspace, "acme", TODAY, path)
    decide_domain(acme.workspace, acme.catalog, "acme", "gov.co.uk", "mapped", product="slack")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "triage:\n- domain: gov.co.uk\n  decision: ignored\n  tool: null\n", "triage: []\n"
        ),
        encoding="utf-8",
    )
    result = import_plan(acme.workspace, acme.catalog, path)
    assert not result.written
    assert [(c.section, c.id, c.field, c.ours, c.theirs) for c in result.details] == [
        ("triage", "gov.co.uk", "(record)", "edited", "removed")
    ]
    assert _rules(acme)["gov.co.uk"] == "mapped"
    kept = import_plan(acme.workspace, acme.catalog, path, take="ours")
    assert not kept.changes and _rules(acme)["gov.co.uk"] == "mapped"  # nothing to write
    export_plan(acme.workspace, "acme", TODAY, path)  # again, then the reviewer deletes it
    decide_domain(acme.workspace, acme.catalog, "acme", "gov.co.uk", "ignored")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "triage:\n- domain: gov.co.uk\n  decision: mapped\n  tool: slack\n", "triage: []\n"
        ),
        encoding="utf-8",
    )
    taken = import_plan(acme.workspace, acme.catalog, path, take="theirs")
    assert taken.written and _rules(acme)["gov.co.uk"] is None
    hosts, _ = list_hosts(acme.workspace, "acme", unmatched=False, search="gov.co.uk")
    assert {(h.decision, h.tool) for h in hosts} == {(None, None)}


def test_deleting_the_last_rule_leaves_an_empty_section_that_imports(
    acme: Planner, tmp_path: Path
) -> None:
    # Deleting the only entry leaves "triage:" with nothing under it: YAML's null, which
    # is the empty list (as is any other list section a reviewer empties), not an error.
    decide_domain(acme.workspace, acme.catalog, "acme", "gov.co.uk", "ignored")
    path = tmp_path / "acme.yaml"
    export_plan(acme.workspace, "acme", TODAY, path)
    text = path.read_text(encoding="utf-8")
    section = "triage:\n- domain: gov.co.uk\n  decision: ignored\n  tool: null\n"
    assert section in text
    path.write_text(text.replace(section, "triage:\n"), encoding="utf-8")
    result = import_plan(acme.workspace, acme.catalog, path)
    assert result.written
    assert [(c.section, c.id, c.kind) for c in result.changes] == [
        ("triage", "gov.co.uk", "removed")
    ]
    assert _rules(acme)["gov.co.uk"] is None
    assert "gov.co.uk" in {d.domain for d in list_domains(acme.workspace, "acme")[0]}
