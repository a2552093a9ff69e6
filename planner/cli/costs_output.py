"""``planner costs``: the plan's spend as tables, or as JSON (one object, a key per view)
or CSV (one row per figure, so a spreadsheet can pivot it). Amounts are exact text."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from planner.domain.words import counted

if TYPE_CHECKING:
    from decimal import Decimal

    from planner.bootstrap import Planner
    from planner.domain.costs import Costs

CSV_KEYS = ["view", "name", "currency", "amount", "seats", "users", "unused_seats",
            "per_person", "shelfware", "from", "detail"]  # fmt: skip


def _text(amounts: dict[str, Decimal]) -> str:
    from planner.domain.contracts import totals_text

    return totals_text(amounts) if amounts else "—"


def as_data(c: Costs) -> dict[str, Any]:
    def amounts(values: dict[str, Decimal]) -> dict[str, str]:
        return {k: str(v) for k, v in values.items()}

    return {
        "total": amounts(c.total),
        "tools": [
            {
                "id": t.key,
                "name": t.name,
                "category": t.category,
                "spend": amounts(t.spend),
                "seats": t.seats,
                "users": t.users,
                "unused_seats": t.unused_seats,
                "per_person": amounts(t.per_person),
                "shelfware": amounts(t.shelfware),
                "contracts": list(t.contracts),
            }
            for t in c.tools
        ],
        "categories": {k: amounts(v) for k, v in c.categories.items()},
        "capabilities": {k: amounts(v) for k, v in c.capabilities.items()},
        "overlaps": [
            {
                "purpose": o.overlap.purpose,
                "audience": o.overlap.audience,
                "keep": o.overlap.keep,
                "tools": {name: amounts(v) for name, v in o.spend.items()},
                "saving": amounts(o.saving),
                "savings": [
                    {
                        "contract": s.contract,
                        "tool": s.tool,
                        "amount": str(s.amount),
                        "currency": s.currency,
                        "from": s.from_day.isoformat(),
                        "notice_by": s.notice_by.isoformat(),
                        "note": s.note,
                    }
                    for s in o.savings
                ],
            }
            for o in c.overlaps
        ],
        "unpriced": c.unpriced,
    }


def _csv_rows(c: Costs) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for t in c.tools:
        for currency, amount in t.spend.items():
            rows.append(
                {"view": "tool", "name": t.name, "currency": currency, "amount": amount,
                 "seats": t.seats, "users": t.users, "unused_seats": t.unused_seats,
                 "per_person": t.per_person.get(currency), "shelfware": t.shelfware.get(currency),
                 "detail": t.category}
            )  # fmt: skip
    for view, groups in (("category", c.categories), ("capability", c.capabilities)):
        for name, values in groups.items():
            rows += [
                {"view": view, "name": name, "currency": k, "amount": v} for k, v in values.items()
            ]
    for o in c.overlaps:
        for s in o.savings:
            rows.append(
                {"view": "saving", "name": s.tool, "currency": s.currency, "amount": s.amount,
                 "from": s.from_day, "detail": f"{o.overlap.label}: keep {o.overlap.keep}; "
                 f"{s.note}"}
            )  # fmt: skip
    rows += [
        {"view": "total", "name": "total", "currency": k, "amount": v} for k, v in c.total.items()
    ]
    return rows


def show_costs(args: argparse.Namespace, planner: Planner) -> int:
    from planner.cli.output import console, dump_json, listing, table, write_data
    from planner.cli.streamed import show_table
    from planner.services.costs import plan_costs

    c = plan_costs(planner.workspace, planner.catalog, args.plan, planner.today())
    fmt = getattr(args, "format", None) or "table"
    if fmt == "json":
        write_data(dump_json(as_data(c)))
        return 0
    if fmt == "csv":
        listing(args, "costs", _csv_rows(c), CSV_KEYS)
        return 0
    out = console()
    if not c.tools:
        out.print(
            "no contracts running: add them with 'planner contract add' or "
            "'planner contract import FILE'",
            markup=False,
        )
        return 0
    # Lists that grow with the plan (its tools, overlaps and savings) go through
    # show_table: laid out by Rich when short, streamed when long (60,000 tools with 300
    # contracts: Rich measured and wrapped every cell, 28 of the command's 33 s profiled).
    show_table(
        "spend per tool (a year)",
        ["tool", "category", "spend", "seats", "users", "per person", "shelfware"],
        (
            (
                t.name,
                t.category,
                _text(t.spend),
                t.seats,
                t.users,
                _text(t.per_person),
                f"{counted(t.unused_seats, 'seat')}: {_text(t.shelfware)}" if t.shelfware else "",
            )
            for t in c.tools
        ),
    )
    out.print(table("per category", ["category", "spend"],
                    [(k, _text(v)) for k, v in c.categories.items()]))  # fmt: skip
    out.print(
        table(
            "per capability (a tool counts under each it provides)",
            ["capability", "spend"],
            [(k, _text(v)) for k, v in c.capabilities.items()],
        )
    )
    show_table(
        "overlaps priced",
        ["purpose", "audience", "tools", "keep", "saving a year"],
        (
            (
                o.overlap.label,
                o.overlap.audience,
                "; ".join(f"{n}: {_text(v)}" for n, v in o.spend.items()),
                o.overlap.keep,
                _text(o.saving),
            )
            for o in c.overlaps
        ),
    )
    show_table(
        "savings of consolidation",
        ["tool", "contract", "saving a year", "from", "note"],
        (
            (s.tool, s.contract, f"{s.amount:,} {s.currency}", s.from_day, s.note)
            for o in c.overlaps
            for s in o.savings
        ),
    )
    out.print(table(None, ["total a year"], [(_text(c.total),)]))
    if c.unpriced:
        show_table(None, ["overlapping tools with no contract (unknown cost)"],
                   [(n,) for n in c.unpriced])  # fmt: skip
    return 0
