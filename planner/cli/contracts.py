"""Commands on money and exits: licence contracts (``contract``), what the tools cost
(``costs``), how a tool is switched off (``retire``) and the steps of that done
(``exit list|done``).

Amounts are printed exactly as stored (``12,000.00 EUR`` in a table, ``"12000.00"`` in
JSON and CSV: text, so no reader turns them into a float) and summed per currency only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.cli.commands import PLAN_HELP, Adder, add_format_option, iso_date, open_planner
from planner.cli.record_options import add_field_options, field_values
from planner.domain.contracts import CONTRACT_FIELDS, Decision
from planner.domain.words import counted

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers
    from planner.domain.contracts import Contract
    from planner.domain.exits import ExitMilestone

_KEYS = ["id", "product", "seats", "annual_cost", "currency", "cost_per_seat", "tier", "start",
         "end", "notice_days", "decision_date", "auto_renew", "decision", "late", "owner",
         "reference"]  # fmt: skip


def _record(c: Contract, today: Any) -> dict[str, object]:
    return {
        "id": c.id,
        "product": c.product,
        "seats": c.seats,
        "annual_cost": c.annual_cost,
        "currency": c.currency,
        "cost_per_seat": c.cost_per_seat,
        "tier": c.tier,
        "start": c.start,
        "end": c.end,
        "notice_days": c.notice_days,
        "decision_date": c.decision_date,
        "auto_renew": c.auto_renew,
        "decision": c.decision,
        "late": c.late(today),
        "owner": c.owner,
        "reference": c.reference,
    }


def contract_list(args: argparse.Namespace) -> int:
    from planner.cli.output import console, listing
    from planner.domain.contracts import money, totals, totals_text
    from planner.services.contracts import list_contracts

    planner = open_planner(args)
    today = planner.today()
    contracts = list_contracts(planner.workspace, args.plan)
    records = [_record(c, today) for c in contracts]
    listing(
        args,
        counted(len(contracts), "contract"),
        records,
        _KEYS,
        columns=["id", "product", "seats", "annual cost", "tier", "end", "decide by", ""],
        rows=[
            (
                c.id,
                c.product,
                c.seats,
                money(c.annual_cost, c.currency),
                c.tier,
                c.end,
                c.decision_date,
                "LATE" if c.late(today) else (c.decision.value if c.decision else ""),
            )
            for c in contracts
        ],
    )
    if (args.format or "table") == "table" and contracts:
        console().print(f"total a year: {totals_text(totals(contracts))}", markup=False)
    return 0


def contract_show(args: argparse.Namespace) -> int:
    from planner.cli.output import console, table
    from planner.domain.contracts import money
    from planner.services.contracts import get_contract

    planner = open_planner(args)
    c = get_contract(planner.workspace, args.plan, args.contract)
    per_seat = c.cost_per_seat
    rows: list[tuple[str, object]] = [
        ("id", c.id),
        ("product", c.product),
        ("seats", c.seats),
        ("annual cost", money(c.annual_cost, c.currency)),
        ("per seat", money(per_seat, c.currency) if per_seat is not None else None),
        ("tier", c.tier),
        ("start", c.start),
        ("end", c.end),
        ("notice", counted(c.notice_days, "day")),
        ("decide by", c.decision_date),
        ("auto-renewal", "yes" if c.auto_renew else "no"),
        ("decision", c.decision.value if c.decision else None),
        ("late", "yes" if c.late(planner.today()) else "no"),
        ("owner", c.owner),
        ("reference", c.reference),
    ]
    console().print(table(f"contract {c.id}", ["field", "value"], rows))
    return 0


def _given(args: argparse.Namespace) -> dict[str, Any]:
    fields = field_values(args, CONTRACT_FIELDS)
    if getattr(args, "auto_renew", None) is not None:
        fields["auto_renew"] = args.auto_renew
    if getattr(args, "decision", None) is not None:
        fields["decision"] = args.decision
    return fields


def contract_add(args: argparse.Namespace) -> int:
    from planner.services.contracts import add_contract

    planner = open_planner(args)
    c = add_contract(
        planner.workspace, planner.catalog, args.plan, args.product, _given(args), args.id
    )
    print(f"contract {c.id}: added, decide by {c.decision_date.isoformat()}", file=sys.stderr)
    return 0


def contract_set(args: argparse.Namespace) -> int:
    from planner.domain.records.contract import ContractChanges
    from planner.services.contracts import update_contract

    planner = open_planner(args)
    given = _given(args)
    if args.product is not None:
        given["product"] = args.product
    if not given:
        from planner.errors import InputError

        raise InputError("nothing to change: give at least one option (see --help)")
    c = update_contract(
        planner.workspace, planner.catalog, args.plan, args.contract, ContractChanges(**given)
    )
    print(f"contract {c.id}: saved", file=sys.stderr)
    return 0


def contract_delete(args: argparse.Namespace) -> int:
    from planner.services.contracts import delete_contract

    c = delete_contract(open_planner(args).workspace, args.plan, args.contract)
    print(f"contract {c.id}: deleted", file=sys.stderr)
    return 0


def contract_import(args: argparse.Namespace) -> int:
    from planner.services.contracts import import_contracts

    planner = open_planner(args)
    added, updated = import_contracts(
        planner.workspace, planner.catalog, args.plan, Path(args.file), args.encoding
    )
    print(f"{counted(len(added), 'contract')} added, {len(updated)} updated", file=sys.stderr)
    return 0


def costs_cmd(args: argparse.Namespace) -> int:
    from planner.cli.costs_output import show_costs

    return show_costs(args, open_planner(args))


def retire_cmd(args: argparse.Namespace) -> int:
    from planner.cli.output import console, table
    from planner.services.exits import retire_tool

    planner = open_planner(args)
    steps = retire_tool(
        planner.workspace,
        planner.catalog,
        args.plan,
        args.tool,
        args.by,
        planner.today(),
        args.to,
        args.owner,
    )
    console().print(
        table(
            f"exit plan: {counted(len(steps), 'step')}",
            ["due", "step", "what", "owner"],
            [(s.due, s.step.value, s.title, s.owner) for s in steps],
        )
    )
    return 0


def exit_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.services.exits import list_exit_steps

    planner = open_planner(args)
    today = planner.today()
    steps = list_exit_steps(planner.workspace, args.plan, args.tool)

    def state(s: ExitMilestone) -> str:
        return "late" if s.late(today) else s.status.value

    records = [
        {"id": s.id, "tool": s.tool, "step": s.step.value, "title": s.title, "due": s.due,
         "owner": s.owner, "target": s.target, "status": s.status.value, "late": s.late(today)}
        for s in steps
    ]  # fmt: skip
    listing(
        args,
        counted(len(steps), "exit step") + ("" if steps else ": plan one with 'planner retire'"),
        records,
        ["id", "tool", "step", "title", "due", "owner", "target", "status", "late"],
        columns=["id", "due", "what", "owner", "status"],
        rows=[(s.id, s.due, s.title, s.owner, state(s)) for s in steps],
    )
    return 0


def exit_done(args: argparse.Namespace) -> int:
    from planner.services.exits import mark_step

    planner = open_planner(args)
    for step_id in args.step:
        step = mark_step(planner.workspace, args.plan, step_id, done=not args.undo)
        print(f"exit step {step.id}: {step.status.value}", file=sys.stderr)
    return 0


def _auto_renew_options(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--auto-renew",
        dest="auto_renew",
        action="store_const",
        const=True,
        help="the contract renews itself unless notice is given",
    )
    group.add_argument(
        "--no-auto-renew",
        dest="auto_renew",
        action="store_const",
        const=False,
        help="the contract ends unless renewed",
    )


def add_parsers(sub: Subparsers, add: Adder) -> None:
    contract = sub.add_parser(
        "contract", help="Phase 2b Vendor strategies: licence contracts, spend and renewals"
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add("list", "the plan's contracts, their decision dates and totals", contract_list,
            contract, writes=False)  # fmt: skip
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("show", "one contract", contract_show, contract, writes=False)
    p.add_argument("contract", metavar="ID", help="the contract's id (see contract list)")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("add", "add a licence contract", contract_add, contract, writes=True)
    p.add_argument(
        "product", metavar="PRODUCT", help="a catalog product or one of the plan's tools"
    )
    p.add_argument("--id", metavar="ID", help="the contract's id (default: the product's)")
    add_field_options(p, CONTRACT_FIELDS)
    _auto_renew_options(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("set", "change a contract", contract_set, contract, writes=True)
    p.add_argument("contract", metavar="ID", help="the contract's id (see contract list)")
    p.add_argument("--product", metavar="PRODUCT", help="a catalog product or a plan's tool")
    add_field_options(p, CONTRACT_FIELDS)
    _auto_renew_options(p)
    p.add_argument(
        "--decision",
        choices=[*(d.value for d in Decision), "none"],
        help="what was decided at the decision date (none: not yet)",
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("delete", "delete a contract", contract_delete, contract, writes=True)
    p.add_argument("contract", metavar="ID", help="the contract's id (see contract list)")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add(
        "import",
        "add or update contracts from a procurement export (CSV, any Excel encoding)",
        contract_import,
        contract,
        writes=True,
    )
    p.add_argument("file", metavar="FILE", help="the CSV file (a header row names columns)")
    p.add_argument("--encoding", metavar="NAME", help="the file's encoding (default: detected)")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)

    p = add(
        "costs",
        "spend per tool, category and capability; per person reached (shelfware); overlaps "
        "priced; the saving of consolidation from each contract's end",
        costs_cmd,
        sub,
        writes=False,
    )
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)

    p = add(
        "retire",
        "a dated exit plan for a tool: announce, export and archive, migrate, redirect, "
        "switch off, cancel the contract (its decision becomes 'exit')",
        retire_cmd,
        sub,
        writes=True,
    )
    p.add_argument("tool", metavar="TOOL", help="the tool's id (see tools list) or its product")
    p.add_argument(
        "--by", required=True, type=iso_date, metavar="YYYY-MM-DD", help="the switch-off day"
    )
    p.add_argument("--to", metavar="PRODUCT", help="the catalog product people move to")
    p.add_argument("--owner", metavar="NAME", help="who owns the steps (default: the tool's)")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)

    exits = sub.add_parser(
        "exit",
        help="Exit plans: the steps of switching tools off (see retire), and marking them done",
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add("list", "the plan's exit steps, by due date, late ones said so", exit_list, exits,
            writes=False)  # fmt: skip
    add_format_option(p)
    p.add_argument("--tool", metavar="TOOL", help="one tool's steps only (its id)")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add(
        "done",
        "mark exit steps done: they leave the next actions and show done on the timeline",
        exit_done,
        exits,
        writes=True,
    )
    p.add_argument(
        "step", metavar="STEP", nargs="+", help="a step's id (see exit list), e.g. jive-export"
    )
    p.add_argument("--undo", action="store_true", help="mark the steps planned again")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
