"""The rows of the Discover screen's tables: tools, hosts, registrable domains and the
domains the plan decided, each cell as ``Text`` (names are data: never markup).

Apart from ``screens/discover`` only to keep each module short.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from planner.domain.names import MARK, lookalike
from planner.domain.plan import Tool
from planner.domain.text import visible
from planner.services.discover.triage import DomainView, HostView
from planner.services.discover.undecide import RuleView
from planner.tui.widgets.cells import cell, number

TOOL_COLUMNS = (
    "Tool",
    "Product",
    "Category",
    "Status",
    "Users",
    "Blocked",
    "Departments",
    "Sources",
    "Last seen",
    "Offer instead",
)
COLUMN_WIDTHS = {"Departments": 32, "Sources": 14, "Offer instead": 20}
HOST_COLUMNS = ("Host", "Users", "Requests", "MB", "Last seen")
DOMAIN_COLUMNS = ("Domain", "Hosts", "Users", "Requests", "MB", "Last seen")
# A heading of the hosts tab -> the field the database sorts that tab's pages by.
HOST_SORT = {
    "Domain": "domain",
    "Host": "host",
    "Hosts": "hosts",
    "Users": "users",
    "Requests": "hits",
    "MB": "bytes",
    "Last seen": "last_seen",
}
SORT_KEYS: dict[str, Any] = {
    "Tool": lambda t: t.name.casefold(),
    "Product": lambda t: t.product or "",
    "Category": lambda t: t.category.value if t.category else "",
    "Status": lambda t: (t.classified, t.status.value),
    "Users": lambda t: -t.users,
    "Blocked": lambda t: -t.blocked,
    "Departments": lambda t: -len(t.departments),
    "Sources": lambda t: ",".join(t.sources),
    "Last seen": lambda t: t.last_seen.toordinal() if t.last_seen else 0,
    "Offer instead": lambda t: t.slug,
}


def tool_row(tool: Tool, instead: str | None = None) -> list[Text]:
    status = tool.status.value + ("" if tool.classified else " (guess)")
    return [
        cell(tool.name, "bold" if not tool.classified else ""),
        cell(tool.product),
        cell(tool.category.value if tool.category else None),
        cell(status, "yellow" if not tool.classified else ""),
        number(tool.users),
        number(tool.blocked, "" if tool.blocked else "dim"),
        cell(tool.departments),
        cell(tool.sources),
        cell(tool.last_seen.isoformat() if tool.last_seen else None),
        cell(instead, "green"),
    ]


def _named(name: str, new: bool, prefix: str = "") -> Text:
    """A host or domain cell, marked when the latest import saw it first."""
    text = Text(prefix, style="dim", overflow="ellipsis", no_wrap=True)
    text.append_text(cell(name))
    note = lookalike(name)
    if note:  # a name that may pass for another: its odd code points shown
        text.append(visible(f" {MARK} {note}"), style="bold yellow")
    if new:
        text.append(" new", style="bold green")
    return text


def host_row(host: HostView, indent: bool = False) -> list[Text]:
    """A host; ``indent``: under its open domain, in the domain table's columns (an
    empty "Hosts" cell keeps each value under its own heading)."""
    under = [Text("")] if indent else []
    return [
        _named(host.host, host.new, "   " if indent else ""),
        *under,
        Text(str(host.users), justify="right"),
        Text(str(host.hits), justify="right"),
        Text(f"{host.bytes / 1e6:.1f}", justify="right"),
        cell(host.last_seen.date().isoformat() if host.last_seen else None),
    ]


DECIDED_COLUMNS = ("Decided", "Decision", "Tool", "Hosts", "Users")


def rule_row(rule: RuleView) -> list[Text]:
    """A domain the plan decided (a rule): d removes it, its hosts go back to triage."""
    name = Text("✓ ", style="dim", overflow="ellipsis", no_wrap=True)
    name.append_text(cell(rule.domain))
    return [
        name,
        cell(f"domain: {rule.decision}"),
        cell(rule.tool),
        Text(str(rule.hosts), justify="right"),
        Text(""),
    ]


def decided_host_row(host: HostView) -> list[Text]:
    """A host decided one by one: d clears the decision."""
    return [
        _named(host.host, False),
        cell(f"host: {host.decision}"),
        cell(host.tool),
        Text("1", justify="right"),
        Text(str(host.users), justify="right"),
    ]


def domain_row(domain: DomainView, open_: bool) -> list[Text]:
    return [
        _named(domain.domain, domain.new, "▾ " if open_ else "▸ "),
        Text(str(domain.hosts), justify="right"),
        Text(str(domain.users), justify="right"),
        Text(str(domain.hits), justify="right"),
        Text(f"{domain.bytes / 1e6:.1f}", justify="right"),
        cell(domain.last_seen.date().isoformat() if domain.last_seen else None),
    ]
