"""``planner privacy``: the data-protection step of a plan (phase 1's first task).

Why a module of its own: recording the legal basis, DPIA, works-council consultation,
retention and key holder (``set``), printing the GDPR Art. 30 record of processing
(``record``) and purging evidence past its retention period (``purge``) are the
data-protection officer's commands, apart from discovery itself.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from planner.cli.commands import PLAN_HELP, Adder, add_format_option, iso_date, open_planner
from planner.domain.words import counted

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers

LEGAL_BASES = ["consent", "contract", "legal-obligation", "vital-interests", "public-task",
               "legitimate-interests"]  # fmt: skip


def privacy_set(args: argparse.Namespace) -> int:
    from planner.domain.privacy import STEP, LegalBasis
    from planner.domain.records.adoption import DataProtectionChanges
    from planner.errors import InputError
    from planner.services.privacy import record_data_protection, step_jurisdiction

    changes: dict[str, Any] = {}
    if args.legal_basis is not None:
        changes["legal_basis"] = LegalBasis(args.legal_basis)
    for name in ("purpose", "dpia_reference", "dpia_date", "works_council_date", "key_holder"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = value.strip() if isinstance(value, str) else value
    if args.retention_days is not None:
        if not 1 <= args.retention_days <= 3650:
            raise InputError("--retention-days: between 1 and 3650 days")
        changes["retention_days"] = args.retention_days
    if not changes:
        raise InputError("nothing to record: give at least one option (see --help)")
    planner = open_planner(args)
    dp = record_data_protection(
        planner.workspace, args.plan, planner.today(), DataProtectionChanges(**changes)
    )
    where = step_jurisdiction(planner.workspace, args.plan)
    missing = dp.missing_in(where)
    state = "complete" if not missing else "missing " + ", ".join(missing)
    print(f"{STEP}: {state}", file=sys.stderr)
    for line in where.lines():
        print(f"  {line}", file=sys.stderr)
    return 0


def privacy_record(args: argparse.Namespace) -> int:
    from planner.cli.output import write_output
    from planner.services.privacy import record_of_processing

    text = record_of_processing(open_planner(args).workspace, args.plan)
    write_output(text, args.output)
    return 0


def privacy_purge(args: argparse.Namespace) -> int:
    import datetime as dt

    from planner.services.privacy import purge_evidence

    planner = open_planner(args)
    today = planner.today()
    moment = dt.datetime.combine(today, dt.datetime.now(dt.UTC).time(), dt.UTC)
    result = purge_evidence(planner.workspace, planner.catalog, args.plan, today, moment)
    if result.cutoff is None:
        print("no retention period recorded: nothing purged (planner privacy set "
              "--retention-days N)", file=sys.stderr)  # fmt: skip
        return 0
    print(
        f"evidence last seen before {result.cutoff.isoformat()}: pseudonyms dropped from "
        f"{counted(result.hosts, 'host')}, counts kept",
        file=sys.stderr,
    )
    for backup in result.backups:
        print(f"deleted upgrade backup {backup}: it held purged pseudonyms", file=sys.stderr)
    return 0


def sensitive_add(args: argparse.Namespace) -> int:
    from planner.domain.sensitive import Category, set_aside_text
    from planner.services.sensitive import add_sensitive

    planner = open_planner(args)
    done = add_sensitive(
        planner.workspace, planner.catalog, args.domain, Category(args.category), planner.today()
    )
    what = "added" if done.new else "re-categorised"
    print(f"{done.domain} {what} ({args.category}): its hosts and subdomains are set aside "
          "at every import", file=sys.stderr)  # fmt: skip
    if done.set_aside:
        print(f"already stored in {counted(done.plans, 'plan')}, now dropped: "
              f"{set_aside_text(done.set_aside)}", file=sys.stderr)  # fmt: skip
    return 0


def sensitive_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.services.sensitive import list_sensitive

    records = [
        {"domain": r.domain, "category": r.category.value, "who": r.name, "source": r.source}
        for r in list_sensitive(open_planner(args).workspace)
        if args.category is None or r.category.value == args.category
    ]
    listing(args, "sensitive sites (GDPR Art. 9)", records, ["domain", "category", "who", "source"])
    return 0


def sensitive_remove(args: argparse.Namespace) -> int:
    from planner.services.sensitive import remove_sensitive

    domain = remove_sensitive(open_planner(args).workspace, args.domain)
    print(f"{domain} removed from the workspace's list: later imports keep its hosts",
          file=sys.stderr)  # fmt: skip
    return 0


def add_parsers(sub: Subparsers, add: Adder) -> None:
    privacy = sub.add_parser(
        "privacy", help="the data-protection step: legal basis, DPIA, retention, Art. 30 record"
    )
    actions = privacy.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add(
        "set",
        "record the data-protection step (fields not given keep their value)",
        privacy_set,
        actions,
        writes=True,
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p.add_argument("--legal-basis", choices=LEGAL_BASES, help="the GDPR Art. 6(1) basis")
    p.add_argument("--purpose", metavar="TEXT", help="why the traffic is analysed")
    p.add_argument("--dpia-reference", metavar="REF", help="the DPIA's reference (Art. 35)")
    p.add_argument("--dpia-date", type=iso_date, metavar="YYYY-MM-DD", help="the DPIA's date")
    p.add_argument(
        "--works-council-date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="when the works council or staff body the countries' law requires (CSE, "
        "Betriebsrat, ondernemingsraad…) was consulted, or is to be",
    )
    p.add_argument(
        "--retention-days",
        type=int,
        metavar="N",
        help="how long evidence keeps its pseudonyms (older evidence is purged, counts kept)",
    )
    p.add_argument("--key-holder", metavar="WHO", help="who holds the pseudonym key")
    p = add(
        "record",
        "print the GDPR Art. 30 record of processing for the plan (Markdown)",
        privacy_record,
        actions,
        writes=False,
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p.add_argument("-o", "--output", metavar="FILE", help="write it to FILE (default stdout)")
    _sensitive_parsers(actions, add)
    p = add(
        "purge",
        "drop the pseudonyms of evidence older than the retention period (counts kept)",
        privacy_purge,
        actions,
        writes=True,
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)


CATEGORIES = ["trade-union", "health", "religion", "political-party", "sexual-orientation"]


def _sensitive_parsers(actions: Subparsers, add: Adder) -> None:
    sensitive = actions.add_parser(
        "sensitive",
        help="sites whose visits reveal special-category data (GDPR Art. 9), set aside at import",
    )
    verbs = sensitive.add_subparsers(dest="verb", metavar="ACTION", required=True)
    p = add(
        "add",
        "add a domain (and its subdomains) to the workspace's list; hosts already stored "
        "under it are dropped",
        sensitive_add,
        verbs,
        writes=True,
    )
    p.add_argument("domain", metavar="DOMAIN", help="a domain name: it and its subdomains")
    p.add_argument("--category", choices=CATEGORIES, required=True, help="the Art. 9 category")
    p = add(
        "list",
        "list the shipped and the workspace's sensitive domains",
        sensitive_list,
        verbs,
        writes=False,
    )
    p.add_argument("--category", choices=CATEGORIES, help="only this category")
    add_format_option(p)
    p = add(
        "remove",
        "remove a domain the workspace added (shipped entries stay)",
        sensitive_remove,
        verbs,
        writes=True,
    )
    p.add_argument("domain", metavar="DOMAIN", help="a domain the workspace added")
