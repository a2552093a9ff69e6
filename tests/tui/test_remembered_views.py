"""What the TUI keeps between runs on a workspace (each screen's tab, each table's filter and
sort: a restored filter shows in its bar with its count), and Discover's hosts sorted by
the database, page after page, an open domain's hosts staying under it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, TabbedContent

from planner.bootstrap import Planner
from planner.services.discover import import_file
from planner.services.plans import create_plan
from planner.tui.app import PlannerApp
from planner.tui.widgets.filter_bar import FilterBar
from planner.tui.widgets.record_table import RecordTable
from tests.conftest import DATA
from tests.tui.conftest import go_to, until
from tests.tui.test_row_model import _focus, _long_tail

LOGS = DATA / "discover"


def _count(table: RecordTable) -> str:
    bars = [b for b in table.screen.query(FilterBar) if b.table is table]
    return str(bars[0].query_one(".filter-count").render()) if bars else ""


async def test_tab_filter_and_sort_come_back_on_the_next_run(demo_planner: Planner) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(120, 40)) as pilot:
        risks = await _focus(app, pilot, "3", "inv-risks", "risks")
        total = risks.row_count
        await pilot.press("greater_than_sign", "minus")  # Risk ▼
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.focused, Input))
        await pilot.press(*"high")
        await until(pilot, lambda: risks.row_count < total)
        shown = risks.row_count
        assert shown > 1
        await pilot.press("enter")
        await until(pilot, lambda: app.focused is risks)
        await pilot.press("q")
    again = PlannerApp(demo_planner)
    async with again.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: again.current_mode == "inventory")
        tabs = again.screen.query_one(TabbedContent)
        risks = again.screen.query_one("#risks", RecordTable)
        await until(pilot, lambda: "matches" in _count(risks))
        assert tabs.active == "inv-risks"
        assert risks.query_text == "high" and risks.row_count == shown
        # the filter is on screen with its count, so a short table never puzzles anyone
        assert f"{shown} matches of {total}" in _count(risks)
        labels = [c.label.plain for c in risks.columns.values()]
        assert labels[0] == "Risk ▼"
        titles = [risks.get_row_at(i)[0].plain.casefold() for i in range(risks.row_count)]
        assert titles == sorted(titles, reverse=True)
        # the focus is on the table, not in the restored filter's box
        assert again.focused is risks
        # Esc clears it as usual, and the next run has no filter
        await pilot.press("escape")
        await until(pilot, lambda: risks.row_count == total)
        await pilot.press("q")
    third = PlannerApp(demo_planner)
    async with third.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: third.current_mode == "inventory")
        risks = third.screen.query_one("#risks", RecordTable)
        await until(pilot, lambda: risks.row_count == total)
        assert risks.query_text == "" and not third.screen.query(FilterBar)
        assert risks.sort_label == "Risk" and risks.sort_reverse


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    for log in ("week1.squid.log", "longtail1.squid.log"):
        import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", LOGS / log)
    return "acme"


def _names(table: RecordTable) -> list[str]:
    return [table.get_row_at(i)[0].plain.removesuffix(" new") for i in range(table.row_count)]


async def test_an_open_domains_hosts_follow_the_sort_and_stay_under_it(
    planner: Planner, plan: str
) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        hosts = await _focus(app, pilot, "2", "hosts-tab", "hosts")
        await pilot.press("greater_than_sign", "minus")  # Domain ▼, by the database
        await until(pilot, lambda: _domains(hosts) == sorted(_domains(hosts), reverse=True))
        domains = _domains(hosts)
        assert "Domain ▼" in _heading(hosts)
        assert domains == sorted(domains, reverse=True) and "bbc.co.uk" in domains
        hosts.move_to_key("d:bbc.co.uk")
        await pilot.press("enter")
        await until(pilot, lambda: "h:www.bbc.co.uk" in hosts.shown_keys)
        names = _names(hosts)
        at = names.index("▾ bbc.co.uk")
        assert names[at + 1 : at + 4] == [
            "   www.bbc.co.uk",
            "   static.bbc.co.uk",
            "   news.bbc.co.uk",
        ]
        domains = [n[2:] for n in names if not n.startswith("   ")]
        assert domains == sorted(domains, reverse=True)


def _domains(table: RecordTable) -> list[str]:
    return [n.removeprefix("▸ ") for n in _names(table)]


def _heading(table: RecordTable) -> str:
    return " ".join(c.label.plain for c in table.columns.values())


async def test_hosts_are_sorted_by_the_database_page_after_page(
    planner: Planner, tmp_path: Path
) -> None:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    import_file(
        planner.workspace, planner.catalog, planner.pseudonym_key, "acme",
        _long_tail(tmp_path / "tail.squid.log", 450),
    )  # fmt: skip
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        hosts = await _focus(app, pilot, "2", "hosts-tab", "hosts")
        await pilot.press("g")  # one by one: 450 hosts, 200 a page
        await until(pilot, lambda: "Host" in _heading(hosts) and hosts.row_count == 200)
        await pilot.press("greater_than_sign", "minus")  # Host ▼
        await until(pilot, lambda: _names(hosts)[0] == "h0449.tail0449.example")
        assert "Host ▼" in _heading(hosts)
        assert _names(hosts) == [f"h{i:04d}.tail{i:04d}.example" for i in range(449, 249, -1)]
        await pilot.press("full_stop")  # the next page continues the order
        await until(pilot, lambda: _names(hosts)[0] == "h0249.tail0249.example")
        assert _names(hosts) == [f"h{i:04d}.tail{i:04d}.example" for i in range(249, 49, -1)]
        await pilot.press("full_stop")
        await until(pilot, lambda: hosts.row_count == 50)
        assert _names(hosts)[-1] == "h0000.tail0000.example"


async def test_the_hosts_filter_and_sort_come_back_and_page_in_sql(
    planner: Planner, plan: str
) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        hosts = await _focus(app, pilot, "2", "hosts-tab", "hosts")
        everything = hosts.total
        await pilot.press("greater_than_sign")  # Domain ▲
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.focused, Input))
        await pilot.press(*"co.uk")
        await until(pilot, lambda: (hosts.matching or 0) < (everything or 0))
        await pilot.press("enter")
        await pilot.press("q")
    again = PlannerApp(planner)
    async with again.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "2")
        hosts = again.screen.query_one("#hosts", RecordTable)
        await until(pilot, lambda: "matches" in _count(hosts) and hosts.row_count > 0)
        assert again.screen.query_one(TabbedContent).active == "hosts-tab"
        assert hosts.query_text == "co.uk" and "Domain ▲" in _heading(hosts)
        names = [n.removeprefix("▸ ") for n in _names(hosts)]
        assert names == sorted(names) and all("co.uk" in n for n in names)
        # how many domains match, of all those waiting for triage
        word = "match" if len(names) == 1 else "matches"
        assert f"/ {len(names)} {word} of {everything}" in _count(hosts)


async def test_what_is_kept_after_the_app_ended(demo_planner: Planner) -> None:
    """``run_app`` remembers again once the app has ended (a crash, ctrl+c): the screens
    are gone by then, and what they left on the way out is what is kept."""
    from planner.services.user_state import load

    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await _focus(app, pilot, "3", "inv-risks", "risks")
        await go_to(pilot, "5")  # leaving Inventory keeps its tab
    app.remember_state()
    saved = load(demo_planner.settings.db)
    assert saved["screen"] == "rollout"
    assert saved["screens"]["inventory"]["tab"] == "inv-risks"
