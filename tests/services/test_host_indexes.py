"""The host table's queries find their rows through an index (revision 0017 dropped the
indexes on ``plan_id`` alone and on ``tool`` alone): the triage page, a domain's hosts and a
tool's hosts must not read every host of every plan to answer, which on a long tail of a
million hosts is the difference between a page at once and seconds per page.

The SQL checked is what the store's own functions send (caught as it is executed), asked
of the database's planner with its own parameters: ``EXPLAIN QUERY PLAN`` on SQLite,
``EXPLAIN`` on PostgreSQL with sequential scans discouraged (on a table of a few rows it
would otherwise scan whatever indexes exist, which would say nothing).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, text

from planner.adapters.store import evidence, tool_moves, triage_store
from planner.adapters.store.domains import new_in_import
from planner.bootstrap import Planner

Query = tuple[str, Any]


@contextmanager
def _caught(planner: Planner) -> Iterator[list[Query]]:
    """The SELECTs on ``host`` sent through the workspace's engine meanwhile."""
    seen: list[Query] = []

    def catch(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and " host" in statement:
            seen.append((statement, parameters))

    engine = planner.workspace.engine
    event.listen(engine, "before_cursor_execute", catch)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", catch)


def _plans(planner: Planner, queries: list[Query]) -> list[tuple[str, str]]:
    """(statement, the database's plan for it as one text) of each query."""
    plans = []
    with planner.workspace.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if not sqlite:
            conn.execute(text("SET enable_seqscan = off"))
        for statement, parameters in queries:
            prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
            rows = conn.exec_driver_sql(prefix + statement, parameters).all()
            plans.append((statement, "\n".join(str(r[-1]) for r in rows)))
        conn.rollback()
    return plans


def _full_scans(plan: str) -> list[str]:
    """The steps of ``plan`` that read the whole host table (or a whole index of it)."""
    steps = plan.splitlines()
    return [s for s in steps if s.startswith("SCAN host") or "Seq Scan on host " in s + " "]


# A column an index condition names: ``tool=?`` (SQLite), ``(tool IS NULL)``, ``(tool =
# ANY (...))``, ``(plan_id = 1)`` (PostgreSQL)
_CONDITION = re.compile(r"\b(plan_id|tool|decision|domain|host)\b\s*(?:=|IS NULL)")


def _searched_by(plan: str) -> set[str]:
    """The columns of ``host`` the plan's index search is narrowed by."""
    steps = plan.splitlines()
    if any(s.startswith(("SEARCH host", "SCAN host")) for s in steps):  # SQLite
        found = " ".join(s for s in steps if s.startswith("SEARCH host"))
    else:  # PostgreSQL: the conditions under an index scan of host
        found = " ".join(s for s in steps if "Index Cond" in s)
    return set(_CONDITION.findall(found))


def _queries(planner: Planner, ask: Callable[[Any, int], object]) -> list[Query]:
    with planner.workspace.read() as session, _caught(planner) as seen:
        plan_id = session.execute(text("SELECT id FROM plan WHERE name = 'acme'")).scalar_one()
        ask(session, plan_id)
    return seen


TRIAGE = {"plan_id", "tool", "decision"}
TOOL = {"plan_id", "tool"}
PLAN = {"plan_id"}
# What each asks, and the columns its index search must be narrowed by (SQLite: its
# planner chooses by rule, without statistics; a domain's hosts to triage may be found by
# either index, so by (plan, domain) or by (plan, tool, decision)).
CASES: list[tuple[str, Callable[[Any, int], object], set[str]]] = [
    ("triage page", lambda s, p: triage_store.host_page(
        s, p, unmatched=True, search="", limit=50, offset=0), TRIAGE),
    ("a domain's hosts to triage", lambda s, p: triage_store.host_page(
        s, p, unmatched=True, search="", limit=50, offset=0, domain="bbc.co.uk"),
     TRIAGE | {"domain"}),
    ("hosts to triage", lambda s, p: triage_store.count_unmatched(s, p), TRIAGE),
    ("every host's page", lambda s, p: triage_store.host_page(
        s, p, unmatched=False, search="", limit=50, offset=0), PLAN),
    ("a tool's hosts", lambda s, p: tool_moves.dependents(s, p, "slack"), TOOL),
    ("a tool's evidence", lambda s, p: evidence.tool_evidence(s, p, ["slack"]), TOOL),
    ("hosts with a tool", lambda s, p: evidence.tools_seeing(s, p, {1}), PLAN),
    ("tools new in an import", lambda s, p: new_in_import(s, p, 1), PLAN),
    ("the plan's hosts", lambda s, p: evidence.known_hosts(s, p), PLAN),
    ("one host", lambda s, p: triage_store.host_tool(s, p, "www.bbc.co.uk"), {"plan_id", "host"}),
]  # fmt: skip


def _narrow(plan: str, wanted: set[str], sqlite: bool) -> bool:
    """True when the search is narrowed by the columns wanted (``domain`` is an alternative
    to ``tool`` and ``decision``). PostgreSQL chooses by cost, and on a test's few rows
    any index of the plan's hosts costs the same: there, not scanning is what is checked."""
    if not sqlite:
        return True
    searched = _searched_by(plan)
    if "domain" in wanted and {"plan_id", "domain"} <= searched:
        return True
    return wanted - {"domain"} <= searched


def test_triage_pages_and_a_tools_hosts_use_an_index(longtail: Planner) -> None:
    sqlite = longtail.workspace.engine.dialect.name == "sqlite"
    wrong = {}
    for name, ask, wanted in CASES:
        queries = _queries(longtail, ask)
        assert queries, name  # it did ask the host table
        for statement, plan in _plans(longtail, queries):
            if not re.search(r"FROM host\b(?!_)", statement):
                continue  # a join's other table (the plan's tools)
            if _full_scans(plan) or not _narrow(plan, wanted, sqlite):
                wrong[name] = plan
    assert wrong == {}


def test_the_check_sees_a_full_scan_and_a_search_too_wide(longtail: Planner) -> None:
    """A query on the host table by a column no index starts with is reported, and so is
    a search narrowed by the plan alone, so the test above would see a lost index."""
    qmark = longtail.workspace.engine.dialect.name == "sqlite"
    queries = [
        ("SELECT host FROM host WHERE hits > 0", () if qmark else {}),
        ("SELECT host FROM host WHERE plan_id = 1 AND users > 2", () if qmark else {}),
    ]
    [(_, scan), (_, wide)] = _plans(longtail, queries)
    assert _full_scans(scan)
    assert _searched_by(wide) == {"plan_id"}
