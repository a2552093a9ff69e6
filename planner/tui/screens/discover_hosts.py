"""The Discover screen's triage tabs: unmatched hosts a page at a time, and the decisions
taken on them (map, make custom, ignore), listed and reversible.

Hosts can be 100,000: the tab shows one page from the database (most users first),
filtered in SQL as you type, grouped by registrable domain unless ``g`` says otherwise;
``.`` and ``,`` page through the rest. Every decision is undoable (ctrl+z), and the
Decided tab lists the domain rules and the hosts decided one by one: ``d`` takes a
decision back. :class:`~planner.tui.screens.discover.DiscoverScreen` builds on this class
and adds the tools tab, the layout and the import; the split keeps each at a readable size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from textual import on
from textual.widgets import TabbedContent, TabPane

from planner.domain.text import visible
from planner.domain.words import counted
from planner.services.discover.triage import (
    DomainView,
    HostView,
    decide_domain,
    decide_host,
    list_domains,
    list_hosts,
)
from planner.services.discover.undecide import (
    RuleView,
    list_decided_hosts,
    list_rules,
    put_host_decision,
    put_rule,
    undecide_domain,
    undecide_host,
)
from planner.services.undo import before, put_back
from planner.tui.screens.base import PlanScreen
from planner.tui.screens.discover_rows import (
    DECIDED_COLUMNS,
    DOMAIN_COLUMNS,
    HOST_COLUMNS,
    HOST_SORT,
    decided_host_row,
    domain_row,
    host_row,
    rule_row,
)
from planner.tui.screens.forms import TriageForm
from planner.tui.screens.modals import ConfirmScreen
from planner.tui.undo import remember
from planner.tui.widgets.record_table import RecordTable
from planner.tui.widgets.table_columns import Col
from planner.tui.widgets.table_messages import FilterChanged, SortChanged

HOST_PAGE = 200
Row = DomainView | HostView | RuleView


class HostsTab(PlanScreen):
    """The triage tabs' state and actions; the screen composes the tables they fill
    (``#hosts`` and ``#decided``)."""

    def __init__(self) -> None:
        super().__init__()
        self.by_domain = True  # the long tail grouped by registrable domain; g toggles
        self.expanded: set[str] = set()  # domains whose hosts are shown under them
        self.host_offset = 0  # the page shown: 0, 200, 400…
        self.host_total = 0
        self.host_rows: dict[str, Row] = {}  # row key -> what the row is
        self.decided_rows: dict[str, Row] = {}

    # data ------------------------------------------------------------------------------------
    def _show_hosts(self) -> None:
        table = self.query_one("#hosts", RecordTable)
        if [c.label for c in table.columns_spec] != list(
            DOMAIN_COLUMNS if self.by_domain else HOST_COLUMNS
        ):
            columns = DOMAIN_COLUMNS if self.by_domain else HOST_COLUMNS
            table.set_columns([Col(columns[0], minimum=16), *columns[1:]])
        ws, plan, search = self.planner.workspace, self.plan_name, table.query_text.strip()
        field = HOST_SORT.get(table.sort_label or "")
        order = (field, table.sort_reverse) if field else None
        # an open domain's hosts follow: by name under a sort by domain name
        inner = ("host", table.sort_reverse) if field == "domain" else order
        rows: dict[str, Row] = {}
        cells: list[tuple[str, list[Any]]] = []
        if self.by_domain:
            domains, total = list_domains(
                ws, plan, search=search, limit=HOST_PAGE, offset=self.host_offset, order=order
            )
            for domain in domains:
                open_ = domain.domain in self.expanded
                rows[f"d:{domain.domain}"] = domain
                cells.append((f"d:{domain.domain}", domain_row(domain, open_)))
                if open_:
                    hosts, _ = list_hosts(
                        ws, plan, domain=domain.domain, limit=HOST_PAGE, order=inner
                    )
                    for host in hosts:
                        rows[f"h:{host.host}"] = host
                        cells.append((f"h:{host.host}", host_row(host, indent=True)))
            what = "domain" if total == 1 else "domains"
        else:
            hosts, total = list_hosts(
                ws, plan, search=search, limit=HOST_PAGE, offset=self.host_offset, order=order
            )
            for host in hosts:
                rows[f"h:{host.host}"] = host
                cells.append((f"h:{host.host}", host_row(host)))
            what = "host" if total == 1 else "hosts"
        if self.host_offset and self.host_offset >= total:  # the last page emptied
            self.host_offset = max(0, (total - 1) // HOST_PAGE * HOST_PAGE)
            self._show_hosts()
            return
        self.host_rows, self.host_total = rows, total
        self.refresh_bindings()
        table.set_rows(cells, total=self._unfiltered(total if not search else None), matching=total)
        self.query_one("#hosts-tab", TabPane).set_class(total > 0, "-attention")
        page = ""
        if total > HOST_PAGE:
            last = min(total, self.host_offset + HOST_PAGE)
            page = f", {self.host_offset + 1}–{last} shown (. next, , previous)"
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("hosts-tab").label = f"Unmatched hosts ({total} {what}{page})"
        self._show_decided()

    def _unfiltered(self, known: int | None) -> int:
        """How many domains (or hosts) wait for triage, whatever the filter: the filter's
        count reads "3 matches of 450", never of the 3 it found."""
        if known is not None:
            return known
        ws, plan = self.planner.workspace, self.plan_name
        lister = list_domains if self.by_domain else list_hosts
        return lister(ws, plan, limit=0)[1]

    def _show_decided(self) -> None:
        table = self.query_one("#decided", RecordTable)
        if not table.columns_spec:
            table.set_columns([Col(DECIDED_COLUMNS[0], minimum=16), *DECIDED_COLUMNS[1:]])
        ws, plan = self.planner.workspace, self.plan_name
        rules = list_rules(ws, plan)
        hosts, total = list_decided_hosts(ws, plan, limit=HOST_PAGE)
        rows: dict[str, Row] = {}
        cells: list[tuple[str, list[Any]]] = []
        for rule in rules:
            rows[f"r:{rule.domain}"] = rule
            cells.append((f"r:{rule.domain}", rule_row(rule)))
        for host in hosts:
            rows[f"h:{host.host}"] = host
            cells.append((f"h:{host.host}", decided_host_row(host)))
        self.decided_rows = rows
        table.set_rows(cells)
        more = f", first {HOST_PAGE} hosts" if total > HOST_PAGE else ""
        count = len(rules) + total
        self.query_one(TabbedContent).get_tab("decided-tab").label = f"Decided ({count}{more})"

    @on(FilterChanged)
    @on(SortChanged)
    def _query_changed(self, event: FilterChanged | SortChanged) -> None:
        """The hosts' filter or sort changed: the first page of the new query (sorted by
        the database, so paging and an open domain's hosts follow the order)."""
        event.stop()
        self.host_offset = 0
        self._show_hosts()

    # actions ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "host_page" and self.host_total <= HOST_PAGE:
            return False  # one page: no paging keys in the footer
        return super().check_action(action, parameters)

    def action_group(self) -> None:
        self.by_domain = not self.by_domain
        self.host_offset = 0
        self._show_hosts()
        self.query_one("#hosts", RecordTable).move_cursor(row=0)

    def action_host_page(self, step: int) -> None:
        offset = self.host_offset + step * HOST_PAGE
        if 0 <= offset < self.host_total:
            self.host_offset = offset
            self._show_hosts()
            self.query_one("#hosts", RecordTable).move_cursor(row=0)

    def toggle_domain(self, key: str) -> bool:
        """Enter on a domain shows its hosts under it (again: hides them)."""
        row = self.host_rows.get(key)
        if not isinstance(row, DomainView):
            return False
        self.expanded ^= {row.domain}
        self._show_hosts()
        return True

    def _marked(self, table_id: str, rows: dict[str, Row]) -> list[Row]:
        table = self.query_one(table_id, RecordTable)
        return [rows[k] for k in table.targets() if k in rows]

    def action_triage(self, decision: str) -> None:
        """m, c, x on the hosts table: on the marked rows (space), or the highlighted one."""
        targets = self._marked("#hosts", self.host_rows)
        if not targets:
            return
        names = [r.domain if isinstance(r, DomainView | RuleView) else r.host for r in targets]
        domain = all(isinstance(r, DomainView) for r in targets)
        what = visible(names[0]) if len(names) == 1 else f"{len(names)} marked rows"

        def run(fields: dict[str, Any]) -> bool:
            self._decide(targets, decision, fields)
            return True

        if decision == "ignored":
            n_hosts = sum(r.hosts if isinstance(r, DomainView) else 1 for r in targets)
            detail = (
                f"{counted(n_hosts, 'host')} leave the triage list; later imports ignore them too "
                "(a domain's rule is kept in the plan file). ctrl+z or the Decided tab "
                "takes it back."
            )
            self._confirm(f"Ignore {what}?", detail, "Ignore", lambda: self.apply(run, {}))
            return
        form = TriageForm(names[0] if len(names) == 1 else what, self.planner.catalog, decision,
                          domain=domain)  # fmt: skip
        self.app.push_screen(form.submitting(run))

    def _decide(self, targets: Sequence[Row], decision: str, fields: dict[str, Any]) -> None:
        """Decide on each target, as one undoable step (a custom tool made is removed)."""
        planner, plan = self.planner, self.plan_name
        ws, catalog = planner.workspace, planner.catalog
        kept = before(ws, plan, adds=["tools"])
        rules = {r.domain: (r.decision, r.tool) for r in list_rules(ws, plan)}
        undo: list[Callable[[], object]] = []
        names: list[str] = []
        tool: str | None = None
        try:
            for row in targets:
                # A custom tool is made for the first target; the others feed that tool.
                join = decision == "custom" and tool is not None
                if isinstance(row, DomainView | RuleView):
                    name, old = row.domain, rules.get(row.domain)
                    if join:
                        put_rule(ws, catalog, plan, name, decision, tool)
                    else:
                        tool = decide_domain(ws, catalog, plan, name, decision, **fields).tool
                    undo.append(
                        partial(put_rule, ws, catalog, plan, name, *old)
                        if old
                        else partial(undecide_domain, ws, catalog, plan, name)
                    )
                else:
                    name = row.host
                    if join:
                        put_host_decision(ws, catalog, plan, name, decision, tool)
                    else:
                        tool = decide_host(ws, catalog, plan, name, decision, **fields)
                    undo.append(partial(undecide_host, ws, catalog, plan, name))
                names.append(name)
        finally:
            if undo:  # what went through, even if a later one failed
                self._remember_triage(decision, names, undo, kept)

    def _remember_triage(
        self, decision: str, names: list[str], undo: list[Callable[[], object]], kept: Any
    ) -> None:
        ws = self.planner.workspace
        verb = {"mapped": "Mapped", "custom": "Made a custom tool of", "ignored": "Ignored"}
        label = f"{verb.get(decision, decision)} " + (
            names[0] if len(names) == 1 else f"{len(names)} hosts and domains"
        )

        def take_back() -> None:
            for step in reversed(undo):
                step()
            put_back(ws, kept)  # a custom tool the decision made goes too

        remember(self.planner_app, label, take_back)
        self.query_one("#hosts", RecordTable).marked.clear()

    def action_undecide(self) -> None:
        """d on the Decided tab: take back the marked decisions (or the highlighted one)."""
        targets = self._marked("#decided", self.decided_rows)
        if not targets:
            return
        ws, catalog, plan = self.planner.workspace, self.planner.catalog, self.plan_name
        first = targets[0]
        what = (
            visible(first.domain if isinstance(first, RuleView) else getattr(first, "host", ""))
            if len(targets) == 1
            else f"{len(targets)} decisions"
        )

        def take_back() -> None:
            undo: list[Callable[[], object]] = []
            for row in targets:
                if isinstance(row, RuleView):
                    undecide_domain(ws, catalog, plan, row.domain)
                    undo.append(
                        partial(put_rule, ws, catalog, plan, row.domain, row.decision, row.tool)
                    )
                elif isinstance(row, HostView) and row.decision:
                    undecide_host(ws, catalog, plan, row.host)
                    undo.append(
                        partial(
                            put_host_decision, ws, catalog, plan, row.host, row.decision, row.tool
                        )
                    )
            if undo:
                remember(
                    self.planner_app,
                    f"Took back the decision on {what}",
                    partial(_run_all, list(reversed(undo))),
                )

        self._confirm(
            f"Take back the decision on {what}?",
            "Its hosts go back to triage (or follow the catalog, their domain's rule or the "
            "infrastructure list). ctrl+z decides them again.",
            "Take back",
            lambda: self.apply(take_back),
        )

    def _confirm(self, question: str, detail: str, ok: str, then: Any) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(ConfirmScreen(question, detail, ok), answered)


def _run_all(steps: list[Callable[[], object]]) -> None:
    for step in steps:
        step()
