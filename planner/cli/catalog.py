"""``planner catalog``: the vendor catalog (validate, audit, list, show). None of these
writes to the workspace; ``validate`` and ``audit`` read the files themselves."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.commands import Adder, add_format_option, open_planner
from planner.errors import InputError

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers


def catalog_validate(args: argparse.Namespace) -> int:
    from planner.adapters.catalog_files import load_catalog, load_catalog_dirs

    if args.directory:
        directory = Path(args.directory)
        # A user's directory is checked against the shipped vocabulary and products too,
        # since that is how it will be used.
        catalog = (
            load_catalog([directory])
            if not (directory / "capabilities.yaml").exists()
            else load_catalog_dirs([directory])
        )
        where = directory
    else:
        # Always the files themselves, never the parsed-catalog cache: this is the linter.
        catalog = load_catalog(open_planner(args).settings.catalog_dirs)
        where = Path("shipped catalog")
    print(f"{where}: {len(catalog)} products, {len(catalog.capabilities)} capabilities: ok")
    return 0


def catalog_audit(args: argparse.Namespace) -> int:
    from planner.adapters.catalog_files import load_catalog
    from planner.bootstrap import today_from_env
    from planner.cli.output import listing
    from planner.domain.catalog_audit import audit

    # The files themselves, never the parsed-catalog cache; no workspace is opened.
    catalog = load_catalog([Path(d) for d in getattr(args, "catalog", None) or ()])
    findings = audit(catalog, today_from_env())
    records = [{"product": f.product, "field": f.field, "finding": f.message} for f in findings]
    if findings or args.format != "table":
        listing(
            args, f"{len(findings)} catalog finding(s)", records, ["product", "field", "finding"]
        )
    if not findings and args.format == "table":
        print(f"{len(catalog)} products: every status dated and sourced, none over 12 months old")
    return 1 if findings else 0


def catalog_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.domain.catalog import Category

    catalog = open_planner(args).catalog
    if args.capability and args.capability not in catalog.capabilities:
        raise InputError(f"unknown capability '{args.capability}'")
    products = catalog.filter(
        category=Category(args.category) if args.category else None, capability=args.capability
    )
    rows = [
        (
            p.id,
            p.name,
            p.vendor,
            p.category.value,
            p.strategy.status.value,
            p.strategy.owner,
            len(p.capabilities),
        )
        for p in products
    ]
    keys = ["id", "name", "vendor", "category", "status", "owner", "capabilities"]
    listing(
        args,
        f"{len(products)} products",
        [
            dict(zip(keys, (*row[:6], list(p.capabilities)), strict=True))
            for row, p in zip(rows, products, strict=True)
        ],
        keys,
        rows=rows,
        columns=["id", "name", "vendor", "category", "status", "owner", "caps"],
    )
    return 0


def catalog_show(args: argparse.Namespace) -> int:
    from planner.cli.output import cell, console, table

    catalog = open_planner(args).catalog
    product = catalog.get(args.product)
    if product is None:
        raise InputError(f"no product '{args.product}' in the catalog")
    s = product.strategy
    residency = product.security.data_residency
    rows = [
        ("name", product.name),
        ("vendor", product.vendor),
        ("category", f"{product.category.value} ({product.category.label})"),
        ("summary", product.summary),
        ("aliases", product.aliases),
        ("capabilities", product.capabilities),
        ("deployment", product.deployment),
        ("sso", product.security.sso or "none"),
        ("data residency", residency if residency is not None else "unknown"),
        ("domains", product.discovery.domains),
        ("status", s.status.value),
        ("owner", s.owner),
        ("successor", s.successor),
        ("end of support", s.end_of_support),
    ]
    out = console()
    out.print(table(product.id, ["field", "value"], rows))
    if s.history:
        out.print(
            table("history", ["year", "event"], [(h.date or h.year, h.event) for h in s.history])
        )
    if product.adoption:
        out.print(
            table(
                "adoption",
                ["value", "metric", "source"],
                [(a.value, a.metric, a.source) for a in product.adoption],
            )
        )
    for source in product.sources:
        out.print(cell(f"source: {source}", "dim"))
    return 0


def add_parsers(sub: Subparsers, add: Adder) -> None:
    catalog = sub.add_parser("catalog", help="the vendor catalog").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    p = add(
        "validate",
        "validate a catalog directory (default: the shipped one)",
        catalog_validate,
        catalog,
        writes=False,
    )
    p.add_argument("directory", nargs="?", help="catalog directory to check")
    p = add(
        "audit",
        "list stale (over 12 months) or unsourced vendor facts; exit 1 if any",
        catalog_audit,
        catalog,
        writes=False,
    )
    add_format_option(p)
    p = add("list", "list the catalog's products", catalog_list, catalog, writes=False)
    p.add_argument(
        "--category",
        choices=["internal", "external", "public"],
        help="only products of this Gartner category",
    )
    p.add_argument("--capability", metavar="ID", help="only products with this capability")
    add_format_option(p)
    p = add("show", "show one product", catalog_show, catalog, writes=False)
    p.add_argument("product", metavar="ID", help="the product's catalog id (see catalog list)")
