"""``planner catalog audit`` and ``planner catalog new``: the catalog maintainer's commands.

The audit reads the files themselves (never the parsed-catalog cache) so that each finding
is located as ``file:line``, the way a linter reports, and exits 1 only on errors: an
honest "unknown" is a warning, a fact that misleads a recommendation is an error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.commands import Adder

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers


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
        listing(args, f"{len(findings)} catalog finding(s)", records, keys)
    failing = [f for f in findings if args.strict or f.severity is Severity.ERROR]
    errors = sum(f.severity is Severity.ERROR for f in findings)
    print(
        f"{len(catalog)} products audited on {today.isoformat()}: {errors} error(s), "
        f"{len(findings) - errors} warning(s)",
        file=sys.stderr,
    )
    return 1 if failing else 0


def catalog_new(args: argparse.Namespace) -> int:
    from planner.adapters.catalog_skeleton import write_skeleton

    path = write_skeleton(args.id, Path(args.output), force=args.force)
    print(f"wrote {path}: fill in each field, then run 'planner catalog audit'", file=sys.stderr)
    return 0


def add_parsers(catalog: Subparsers, add: Adder) -> None:
    """``audit`` and ``new`` under ``planner catalog``."""
    p = add(
        "audit",
        "what a catalog maintainer must re-check: passed events, undated deals, unknown "
        "residency, weak or old sources, bulk-stamped dates, shared hosts; exit 1 on errors",
        catalog_audit,
        catalog,
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
        "new", "write a product skeleton with every field, each commented", catalog_new, catalog
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


def _product_id(text: str) -> str:
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", text):
        raise argparse.ArgumentTypeError(
            f"not a product id (lower-case letters, digits, dashes): {text!r}"
        )
    return text
