"""The plan file loop: export → import → export gives the same bytes; bad files change
nothing and are reported with their line; the shipped demo plan is current."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

from planner.bootstrap import Planner, Settings, bootstrap
from planner.errors import InputError, InputErrors
from planner.services.plan_file import render_plan
from planner.services.plan_import import import_plan
from tests.conftest import ROOT, DemoAt

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo(demo_at: DemoAt, tmp_path: Path) -> Planner:
    planner = demo_at(tmp_path / "demo.sqlite", today=TODAY)
    return planner


def _export(planner: Planner, name: str = "hexaline-2027") -> str:
    return render_plan(planner.workspace, name, TODAY, planner.catalog)


def test_round_trip_is_byte_identical(demo: Planner, tmp_path: Path) -> None:
    first = _export(demo)
    path = tmp_path / "plan.yaml"
    path.write_text(first, encoding="utf-8")
    summary = import_plan(demo.workspace, demo.catalog, path)
    assert not summary.created
    assert _export(demo) == first
    # …and into an empty workspace, which has none of the evidence.
    fresh = bootstrap(Settings(db=str(tmp_path / "fresh.sqlite"), today=lambda: TODAY))
    assert import_plan(fresh.workspace, fresh.catalog, path).created
    assert _export(fresh) == first


def test_round_trip_of_a_generated_large_plan(planner: Planner, tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_large_plan import large_plan

    from planner.adapters.yamlsafe import dump_yaml

    source = tmp_path / "large.yaml"
    source.write_text(dump_yaml(large_plan(400, 30, 200)), encoding="utf-8")
    import_plan(planner.workspace, planner.catalog, source)
    first = render_plan(planner.workspace, "large", TODAY, planner.catalog)
    again = tmp_path / "again.yaml"
    again.write_text(first, encoding="utf-8")
    import_plan(planner.workspace, planner.catalog, again)
    assert render_plan(planner.workspace, "large", TODAY, planner.catalog) == first


def test_shipped_demo_plan_is_current(demo: Planner) -> None:
    shipped = (ROOT / "plans" / "hexaline-2027.yaml").read_text(encoding="utf-8")
    assert _export(demo) == shipped, "run `make demo-plan` and commit plans/"


def test_evidence_not_in_the_file_is_kept(demo: Planner, tmp_path: Path) -> None:
    from planner.services.discover.triage import list_hosts
    from planner.services.tools import get_tool

    before = get_tool(demo.workspace, None, "viva-engage")
    hosts = list_hosts(demo.workspace, None, unmatched=False)[1]
    path = tmp_path / "plan.yaml"
    path.write_text(_export(demo), encoding="utf-8")
    import_plan(demo.workspace, demo.catalog, path)
    after = get_tool(demo.workspace, None, "viva-engage")
    assert (after.log_users, after.requests, after.bytes) == (
        before.log_users,
        before.requests,
        before.bytes,
    )
    assert list_hosts(demo.workspace, None, unmatched=False)[1] == hosts


def _mutate(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)


BAD = [  # (name, mutation, expected message fragment)
    (
        "schema version",
        lambda t: _mutate(t, "schema: planner.plan/1", "schema: planner.plan/9"),
        "unsupported schema",
    ),
    ("wrong type", lambda t: _mutate(t, "  audience: 120", "  audience: lots"), "audience"),
    (
        "bad enum",
        lambda t: _mutate(t, "  status: tolerated", "  status: tolerable"),
        "must be one of",
    ),
    ("bad date", lambda t: _mutate(t, "start: 2026-04-20", "start: 2026-13-45"), "start"),
    (
        "unknown key",
        lambda t: _mutate(
            t, "  organisation: Hexaline", "  colour: blue\n  organisation: Hexaline"
        ),
        "unknown key 'colour'",
    ),
    (
        "duplicate id",
        lambda t: _mutate(t, "- id: linkedin", "- id: facebook"),
        "duplicate id 'facebook'",
    ),
    (
        "unknown product",
        lambda t: _mutate(t, "  product: jamespot", "  product: myspace"),
        "unknown catalog product 'myspace'",
    ),
    (
        "feature of an unknown pilot",
        lambda t: _mutate(t, "  pilot: viva-engage-for-r-d-and-sales", "  pilot: ghost-pilot"),
        "no pilot 'ghost-pilot'",
    ),
    ("python tag", lambda t: t + "x: !!python/object/apply:os.system ['echo pwned']\n", "tag"),
    ("alias bomb", lambda t: t + "a: &a [x, x]\nb: [*a, *a]\n", "alias"),
    # Our depth limit or libyaml's own cap (PyYAML >= 6.0.4) stops it: whose wording it is
    # does not matter, that it is refused on the "deep:" line does (checked below).
    ("deep nesting", lambda t: t + "deep: " + "[" * 5000 + "]" * 5000 + "\n", ""),
    (
        "duplicate key",
        lambda t: _mutate(t, "plan:\n", "plan:\n  name: other\n"),
        "duplicate key 'name'",
    ),
]


@pytest.mark.parametrize(("name", "mutate", "needle"), BAD, ids=[b[0] for b in BAD])
def test_malformed_plans_are_refused_and_change_nothing(
    demo: Planner, tmp_path: Path, name: str, mutate, needle: str
) -> None:  # type: ignore[no-untyped-def]
    before = _export(demo)
    path = tmp_path / "bad.yaml"
    path.write_text(mutate(before), encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_plan(demo.workspace, demo.catalog, path)
    errors = info.value.errors if isinstance(info.value, InputErrors) else [info.value]
    assert any(needle in e.message for e in errors), [str(e) for e in errors]
    assert all(e.file == str(path) and e.line for e in errors), [str(e) for e in errors]
    assert all("\n" not in e.message for e in errors)
    if name == "deep nesting":
        deep_line = len(before.splitlines()) + 1
        assert [e.line for e in errors] == [deep_line], [str(e) for e in errors]
    assert _export(demo) == before


def test_error_lines_point_at_the_problem(demo: Planner, tmp_path: Path) -> None:
    text = _mutate(_export(demo), "  product: jamespot", "  product: myspace")
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputErrors) as info:
        import_plan(demo.workspace, demo.catalog, path)
    [error] = info.value.errors
    line = text.splitlines()[error.line - 1]  # type: ignore[operator]
    assert re.search(r"product: myspace", line)
