"""The Discover screen's second tab: unmatched hosts, a page at a time, and the decisions
taken on them (map, make custom, ignore, undo a domain's rule).

Hosts can be 100,000: the tab shows one page from the database (most users first),
filtered in SQL as you type, grouped by registrable domain unless ``g`` says otherwise.
:class:`~planner.tui.screens.discover.DiscoverScreen` builds on this class and adds the
tools tab, the key bindings and the import; the split keeps each at a readable size.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.widgets import DataTable, Input, TabbedContent, TabPane

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
from planner.services.discover.undecide import RuleView, list_rules, undecide_domain
from planner.tui.screens.base import PlanScreen
from planner.tui.screens.discover_rows import (
    DOMAIN_COLUMNS,
    HOST_COLUMNS,
    domain_row,
    host_row,
    rule_row,
)
from planner.tui.screens.forms import TriageForm
from planner.tui.screens.modals import ConfirmScreen

HOST_PAGE = 200


class HostsTab(PlanScreen):
    """The hosts tab's state and actions; the screen composes the widgets it queries
    (``#hosts``, ``#hosts-tab``, ``#filter``)."""

    def __init__(self) -> None:
        super().__init__()
        self.hosts: list[HostView] = []
        # What each row of the hosts table is: a domain (grouped) or a host, in order.
        self.host_rows: list[DomainView | HostView | RuleView] = []
        self.by_domain = True  # the long tail grouped by registrable domain; g toggles
        self.expanded: set[str] = set()  # domains whose hosts are shown under them

    @property
    def filter_text(self) -> str:
        return self.query_one("#filter", Input).value.strip()

    def _show_hosts(self) -> None:
        table = self.query_one("#hosts", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns(*(DOMAIN_COLUMNS if self.by_domain else HOST_COLUMNS))
        rows: list[DomainView | HostView | RuleView] = []
        if self.by_domain:
            domains, total = list_domains(
                self.planner.workspace, self.plan_name, search=self.filter_text, limit=HOST_PAGE
            )
            for domain in domains:
                open_ = domain.domain in self.expanded
                rows.append(domain)
                table.add_row(*domain_row(domain, open_), key=f"d:{domain.domain}")
                if open_:
                    hosts, _ = list_hosts(
                        self.planner.workspace,
                        self.plan_name,
                        domain=domain.domain,
                        limit=HOST_PAGE,
                    )
                    for host in hosts:
                        rows.append(host)
                        table.add_row(*host_row(host, indent=True), key=f"h:{host.host}")
            # The domains the plan decided, after the open ones: u removes a rule.
            for rule in list_rules(self.planner.workspace, self.plan_name, self.filter_text):
                rows.append(rule)
                table.add_row(*rule_row(rule), key=f"r:{rule.domain}")
            what = "domain" if total == 1 else "domains"
        else:
            hosts, total = list_hosts(
                self.planner.workspace, self.plan_name, search=self.filter_text, limit=HOST_PAGE
            )
            for host in hosts:
                rows.append(host)
                table.add_row(*host_row(host), key=f"h:{host.host}")
            what = "hosts"
        self.host_rows = rows
        self.hosts = [r for r in rows if isinstance(r, HostView)]
        if rows:
            table.move_cursor(row=min(row, len(rows) - 1))
        more = f" (showing the first {HOST_PAGE})" if total > HOST_PAGE else ""
        self.query_one("#hosts-tab", TabPane).set_class(total > 0, "-attention")
        tabs = self.query_one(TabbedContent)
        label = "Unmatched hosts" + (f" ({total} {what})" if self.by_domain else f" ({total})")
        tabs.get_tab("hosts-tab").label = label + more

    def _current_host(self) -> DomainView | HostView | RuleView | None:
        """The row under the cursor of the hosts table: a domain or a host."""
        table = self.query_one("#hosts", DataTable)
        if self.query_one(TabbedContent).active != "hosts-tab" or not self.host_rows:
            return None
        return self.host_rows[min(table.cursor_row, len(self.host_rows) - 1)]

    def action_group(self) -> None:
        self.by_domain = not self.by_domain
        self.query_one("#hosts", DataTable).move_cursor(row=0)
        self._show_hosts()

    @on(DataTable.RowSelected, "#hosts")
    def _open_domain(self) -> None:
        """Enter on a domain shows its hosts under it (again: hides them)."""
        row = self._current_host()
        if isinstance(row, DomainView):
            self.expanded ^= {row.domain}
            self._show_hosts()

    def action_triage(self, decision: str) -> None:
        row = self._current_host()
        if row is None:
            return
        planner, plan = self.planner, self.plan_name
        if isinstance(row, DomainView | RuleView):
            name = row.domain
            what = f"every host under {visible(name)}"

            def submit(fields: dict[str, Any]) -> bool:
                decide_domain(planner.workspace, planner.catalog, plan, name, decision, **fields)
                return True

            detail = (
                f"{counted(row.hosts, 'host')} leave the triage list; hosts under it in later "
                "imports "
                "are ignored too (a rule kept in the plan file)."
            )
            label = "Ignore domain"
        else:
            name, what = row.host, visible(row.host)

            def submit(fields: dict[str, Any]) -> bool:
                decide_host(planner.workspace, planner.catalog, plan, name, decision, **fields)
                return True

            detail = "It leaves the triage list, and later imports ignore it too."
            label = "Ignore host"
        if decision == "ignored":
            self._confirm(f"Ignore {what}?", detail, label, lambda: self._ignore(submit, name))
        else:
            domain = isinstance(row, DomainView | RuleView)
            form = TriageForm(name, planner.catalog, decision, domain=domain)
            self.app.push_screen(form.submitting(submit))

    def action_undecide(self) -> None:
        """Remove the rule on the domain under the cursor (asks first)."""
        row = self._current_host()
        rule = row.domain if isinstance(row, RuleView) else None
        if isinstance(row, DomainView) and row.rule is not None:
            rule = row.domain
        if rule is None:
            self.notify("Only a decided domain (✓) has a rule to remove", severity="warning")
            return
        planner, plan, name = self.planner, self.plan_name, rule

        def remove() -> None:
            done = self.apply(undecide_domain, planner.workspace, planner.catalog, plan, name)
            if done is not None:
                extra = f", {done.infrastructure} infrastructure" if done.infrastructure else ""
                extra += f", {done.kept} keep their own decision" if done.kept else ""
                self.notify(
                    f"{visible(name)}: rule removed; {counted(done.open, 'host')} back{extra}"
                )

        hosts = row.hosts if row is not None and not isinstance(row, HostView) else 0
        self._confirm(
            f"Remove the rule on {visible(name)}?",
            f"The {counted(hosts, 'host')} it decided go back to triage (or to the "
            "infrastructure list); "
            "hosts decided one by one keep their decision.",
            "Remove rule",
            remove,
        )

    def _ignore(self, submit: Any, name: str) -> None:
        if self.apply(submit, {}):  # None when the service refused (and said why)
            self.notify(f"{name}: ignored")

    def _confirm(self, question: str, detail: str, ok: str, then: Any) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(ConfirmScreen(question, detail, ok), answered)
