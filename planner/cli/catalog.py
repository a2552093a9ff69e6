"""``planner catalog``: the vendor catalog (validate, audit, new, list, show). None of these
writes to the workspace.

``validate`` and ``audit`` read the files themselves (never the parsed-catalog cache), so
each finding is located as ``file:line``, the way a linter reports; the audit exits 1 only
on errors: an honest "unknown" is a warning, a fact that misleads a recommendation is an
error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.commands import Adder, add_format_option, open_planner
from planner.domain.words import counted
from planner.errors import InputError

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers
    from planner.domain.catalog import Checked


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


def _shown(source: str) -> str:
    """A file as the user reaches it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(source) if not os.path.relpath(source).startswith("..") else source
    except ValueError:  # another drive (Windows)
        return source


def catalog_audit(args: argparse.Namespace) -> int:
    from planner.adapters.catalog_files import load_catalog_documents, shipped_catalog_dir
    from planner.bootstrap import today_from_env
    from planner.cli.output import listing
    from planner.domain.catalog_audit import Severity, audit

    today = today_from_env()  # honours PLANNER_TODAY, so CI audits a fixed day
    extra = [Path(d) for d in getattr(args, "catalog", None) or ()]
    catalog, documents = load_catalog_documents([shipped_catalog_dir(), *extra])
    findings = audit(catalog, today)
    records = []
    for f in findings:
        doc = documents[f.product]
        line, _ = doc.key_mark(f.path)
        records.append(
            {
                "file": _shown(doc.source),
                "line": line,
                "severity": f.severity.value,
                "kind": f.kind.value,
                "product": f.product,
                "field": f.field,
                "finding": f.message,
            }
        )
    keys = ["file", "line", "severity", "kind", "product", "field", "finding"]
    if args.format == "text":
        for r in records:
            print(f"{r['file']}:{r['line']}: {r['severity']}: {r['kind']}: {r['finding']}")
    else:
        listing(args, counted(len(findings), "catalog finding"), records, keys)
    failing = [f for f in findings if args.strict or f.severity is Severity.ERROR]
    errors = sum(f.severity is Severity.ERROR for f in findings)
    print(
        f"{counted(len(catalog), 'product')} audited on {today.isoformat()}: "
        f"{counted(errors, 'error')}, "
        f"{counted(len(findings) - errors, 'warning')}",
        file=sys.stderr,
    )
    return 1 if failing else 0


def catalog_new(args: argparse.Namespace) -> int:
    from planner.adapters.catalog_skeleton import write_skeleton

    path = write_skeleton(args.id, Path(args.output), force=args.force)
    print(f"wrote {path}: fill in each field, then run 'planner catalog audit'", file=sys.stderr)
    return 0


def catalog_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.domain.catalog import Category

    catalog = open_planner(args).catalog
    if args.capability and args.capability not in catalog.capabilities:
        raise InputError(f"unknown capability '{args.capability}'")
    families = {p.family for p in catalog if p.family}
    if args.family and args.family not in families:
        raise InputError(f"unknown family '{args.family}' (one of: {', '.join(sorted(families))})")
    products = [
        p
        for p in catalog.filter(
            category=Category(args.category) if args.category else None,
            capability=args.capability,
        )
        if not args.family or p.family == args.family
    ]
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
    keys = ["id", "name", "vendor", "category", "status", "owner", "capabilities", "family"]
    listing(
        args,
        f"{len(products)} products",
        [
            dict(zip(keys, (*row[:6], list(p.capabilities), p.family), strict=True))
            for row, p in zip(rows, products, strict=True)
        ],
        keys,
        rows=rows,
        columns=["id", "name", "vendor", "category", "status", "owner", "caps"],
    )
    return 0


def _checked(checked: Checked | None) -> str:
    if checked is None:
        return "never"
    trust = "verified" if checked.primary else "UNVERIFIED"
    return f"{checked.on.isoformat()}, {checked.kind.value}, {trust}: {checked.source}"


def _known(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


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
        ("certifications", product.security.certifications or "unknown"),
        ("security checked", _checked(product.security.checked)),
        ("sign-in without e-mail", _known(product.reach.without_email)),
        ("shared devices", _known(product.reach.shared_devices)),
        ("reach checked", _checked(product.reach.checked)),
        ("domains", product.discovery.domains),
        ("applications", (*product.discovery.apps.names, *product.discovery.apps.ids)),
        ("family", product.family),
        ("status", s.status.value),
        ("owner", s.owner),
        ("successor", s.successor),
        ("acquired on", s.acquired_on),
        ("announced on", s.announced_on),
        ("end of support", s.end_of_support),
        ("retired on", s.retired_on),
        ("status checked", _checked(s.last_checked)),
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
        "what a catalog maintainer must re-check: passed events, undated deals, unknown "
        "residency, weak or old sources, bulk-stamped dates, shared hosts; exit 1 on errors",
        catalog_audit,
        catalog,
        writes=False,
    )
    p.add_argument(
        "--format",
        choices=("text", "table", "json", "csv"),
        default="text",
        help="text (default: one 'file:line: severity: kind: message' line per finding), "
        "table, json or csv",
    )
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p = add(
        "new",
        "write a product skeleton with every field, each commented",
        catalog_new,
        catalog,
        writes=False,
    )
    p.add_argument("id", metavar="ID", type=_product_id, help="the new product's id (a slug)")
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        default=".",
        help="directory to write ID.yaml in (a family folder of a catalog; default: here)",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p = add("list", "list the catalog's products", catalog_list, catalog, writes=False)
    p.add_argument(
        "--category",
        choices=["internal", "external", "public"],
        help="only products of this Gartner category",
    )
    p.add_argument("--capability", metavar="ID", help="only products with this capability")
    p.add_argument("--family", metavar="NAME", help="only products of this family (catalog folder)")
    add_format_option(p)
    p = add("show", "show one product", catalog_show, catalog, writes=False)
    p.add_argument("product", metavar="ID", help="the product's catalog id (see catalog list)")


def _product_id(text: str) -> str:
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", text):
        raise argparse.ArgumentTypeError(
            f"not a product id (lower-case letters, digits, dashes): {text!r}"
        )
    return text
