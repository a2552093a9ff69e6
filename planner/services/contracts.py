"""Use cases on licence contracts: add, change, delete, list, and import a procurement
export.

Every input — a command's options, a row of a procurement CSV — goes through one check
(:func:`_checked`) that says in the user's words which field is wrong: an amount is read
as exact text (``Decimal``, never float), a currency must be ISO 4217, the end must follow
the start and the notice fit in the term. A procurement file is imported all or nothing:
every bad line is reported at its line, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.adapters.sources.csv_input import read_rows, whole_number
from planner.adapters.store import reads
from planner.adapters.store.db import Workspace
from planner.domain.catalog import Catalog
from planner.domain.contracts import (
    NOTICE_MAX_DAYS,
    Contract,
    Decision,
    contract_problem,
    currency_problem,
    parse_amount,
)
from planner.domain.plan import same_name, slugify, unique_slug
from planner.errors import ConflictError, InputError, InputErrors, NotFoundError

if TYPE_CHECKING:
    from planner.adapters.store.db import Session
    from planner.adapters.store.reads import Executor
    from planner.domain.next_actions import NextAction
    from planner.domain.plan import Tool
    from planner.domain.records.contract import ContractChanges


def _products(session: Session, catalog: Catalog, plan_id: int) -> dict[str, str]:
    """What a contract may be for: catalog products and the plan's tools, id -> name."""
    known = {p.id: p.name for p in catalog}
    known |= {t.slug: t.name for t in reads.tools(session, plan_id)}
    return known


def resolve_product(text: str, known: Mapping[str, str]) -> str:
    """A product or tool from its id or its name (``Jive`` -> ``jive``)."""
    if text in known:
        return text
    for ident, name in known.items():
        if same_name(name, text):
            return ident
    slug = slugify(text, fallback="")
    if slug in known:
        return slug
    raise InputError(f"unknown product {text!r}: neither a catalog product nor one of the tools")


def _date(name: str, value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{name}: expected a date YYYY-MM-DD, got {value!r}").about(name) from None


def _count(name: str, value: Any, top: int | None = None) -> int:
    number = value if isinstance(value, int) else whole_number(str(value).strip())
    if number is None or number < 0 or (top is not None and number > top):
        limit = f" up to {top}" if top is not None else ""
        raise InputError(f"{name}: expected a whole number{limit}, got {value!r}").about(name)
    return number


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """Typed fields from what the user gave (text or typed values); InputError names the
    field. Only the fields given are returned."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "annual_cost":
            try:
                out[name] = parse_amount(str(value))
            except ValueError as exc:
                raise InputError(f"annual cost: {exc}").about(name) from None
        elif name == "currency":
            code = str(value).strip().upper()
            problem = currency_problem(code)
            if problem is not None:
                raise InputError(f"currency: {problem}").about(name)
            out[name] = code
        elif name in ("start", "end"):
            out[name] = _date(name, value)
        elif name == "seats":
            out[name] = _count("seats", value)
        elif name == "notice_days":
            out[name] = _count("notice days", value, NOTICE_MAX_DAYS)
        elif name == "decision":
            if value in (None, "", "none"):
                out[name] = None
            else:
                try:
                    out[name] = Decision(str(value).strip().lower())
                except ValueError:
                    choices = ", ".join(d.value for d in Decision)
                    raise InputError(f"decision: one of {choices} (or none), got {value!r}").about(
                        name
                    ) from None
        elif name in ("tier", "owner", "reference"):
            text = str(value).strip() if value is not None else ""
            if len(text) > 500:
                raise InputError(f"{name}: at most 500 characters").about(name)
            out[name] = text or None
        else:  # product, auto_renew: typed by the caller
            out[name] = value
    return out


def _valid(contract: Contract) -> Contract:
    problem = contract_problem(contract.start, contract.end, contract.notice_days)
    if problem is not None:
        raise InputError(problem)
    return contract


def contract_actions(
    session: Executor,
    plan_id: int,
    tools: Sequence[Tool],
    today: dt.date,
    catalog: Catalog | None = None,
) -> list[NextAction]:
    """For the plan's next actions (all done on the Money screen): renewal decisions due
    within six months or late, exit steps due within two weeks or late, and, given the
    catalog, an exit to plan for each tool whose product has ended."""
    from planner.domain.contracts import contract_names, renewal_actions
    from planner.domain.exits import exit_actions
    from planner.domain.next_actions import NextAction, Screen, Subject, Target

    contracts = reads.contracts(session, plan_id)
    names = contract_names(contracts, tools, catalog)
    actions = [
        NextAction(text, Target(Screen.MONEY, Subject.CONTRACT, c.id))
        for c in sorted(contracts, key=lambda c: (c.decision_date, c.id))
        for text in renewal_actions([c], today, names)
    ]
    # Late renewals first, as renewal_actions orders them for several contracts.
    actions.sort(key=lambda a: " — late" not in a.what)
    steps = reads.exit_steps(session, plan_id)
    actions += [
        NextAction(text, Target(Screen.MONEY, Subject.EXIT, s.id))
        for s in sorted(steps, key=lambda s: (s.due, s.id))
        for text in exit_actions([s], today)
    ]
    if catalog is not None:
        from planner.services.exits import exit_proposals, proposal_actions

        actions += proposal_actions(exit_proposals(session, plan_id, tools, catalog, today))
    return actions


def contract_windows(
    session: Executor, plan_id: int, tools: Iterable[Any], today: dt.date, catalog: Catalog | None
) -> list[tuple[str, dt.date, dt.date, str, str]]:
    """Each contract's decision window (its product named by ``contract_names``) and each
    exit step, for the year's timeline."""
    from planner.domain.contracts import contract_names, timeline_rows
    from planner.domain.exits import exit_rows

    contracts = reads.contracts(session, plan_id)
    names = contract_names(contracts, tools, catalog)
    rows = timeline_rows(contracts, today, names) if contracts else []
    return rows + exit_rows(reads.exit_steps(session, plan_id), today)


def list_contracts(ws: Workspace, plan: str | None) -> list[Contract]:
    with ws.rows() as conn:  # Core: the listing commands only read
        return reads.contracts(conn, reads.plan_id(conn, plan))


def get_contract(ws: Workspace, plan: str | None, contract_id: str) -> Contract:
    for contract in list_contracts(ws, plan):
        if contract.id == contract_id:
            return contract
    raise NotFoundError(f"no contract '{contract_id}' in this plan (see contract list)")


def add_contract(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    product: str,
    fields: Mapping[str, Any],
    contract_id: str | None = None,
) -> Contract:
    """A new contract for ``product`` (a catalog product or a tool, by id or name); its id
    is ``contract_id`` or the product's, made unique (``jive-2``)."""
    from planner.adapters.store.contract_repo import ContractRepository

    with ws.write() as session:
        plan_id = reads.plan_id(session, plan)
        repo = ContractRepository(session)
        taken = {c.id: c.id for c in repo.contracts(plan_id)}
        ident = resolve_product(product, _products(session, catalog, plan_id))
        typed = _checked(fields)
        missing = [f for f in ("annual_cost", "currency", "start", "end") if f not in typed]
        if missing:
            raise InputError(f"a contract needs {', '.join(missing)}".replace("_", " "))
        if contract_id is not None:
            slug = slugify(contract_id, fallback="")
            if not slug:
                raise InputError(f"a contract id needs letters or digits, got {contract_id!r}")
            if slug in taken:
                raise ConflictError(f"the plan already has a contract '{slug}'")
        else:
            slug = unique_slug(ident, {k: f"{k} (taken)" for k in taken}, fallback="contract")
        contract = _valid(Contract(id=slug, product=ident, **typed))
        repo.save(plan_id, contract)
    return contract


def update_contract(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    contract_id: str,
    changes: ContractChanges,
) -> Contract:
    """Change the fields ``changes`` sets (the others are kept)."""
    from planner.adapters.store.contract_repo import ContractRepository

    given = {name: getattr(changes, name) for name in changes.model_fields_set}
    with ws.write() as session:
        plan_id = reads.plan_id(session, plan)
        repo = ContractRepository(session)
        current = {c.id: c for c in repo.contracts(plan_id)}.get(contract_id)
        if current is None:
            raise NotFoundError(f"no contract '{contract_id}' in this plan (see contract list)")
        if "product" in given:
            given["product"] = resolve_product(
                str(given["product"]), _products(session, catalog, plan_id)
            )
        typed = _checked(given)
        updated = _valid(replace(current, **typed))
        repo.save(plan_id, updated)
    return replace(updated, version=current.version + 1)


def save_contract_text(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    contract_id: str | None,
    product: str,
    values: Mapping[str, Any],
) -> Contract:
    """A contract from a form: ``values`` as typed (text), a blank one not given when
    adding and cleared (or kept, for a required field) when changing ``contract_id``.
    Errors name the field, as for the command line."""
    given = {k: v for k, v in values.items() if not (isinstance(v, str) and not v.strip())}
    if contract_id is None:
        return add_contract(ws, catalog, plan, product, given)
    from planner.domain.records.contract import ContractChanges

    typed = _checked(given)
    for name in ("tier", "owner", "reference", "decision"):
        if name in values and name not in given:
            typed[name] = None  # emptied in the form: cleared
    return update_contract(
        ws, catalog, plan, contract_id, ContractChanges(product=product, **typed)
    )


def delete_contract(ws: Workspace, plan: str | None, contract_id: str) -> Contract:
    from planner.adapters.store.contract_repo import ContractRepository

    with ws.write() as session:
        plan_id = reads.plan_id(session, plan)
        repo = ContractRepository(session)
        current = {c.id: c for c in repo.contracts(plan_id)}.get(contract_id)
        if current is None:
            raise NotFoundError(f"no contract '{contract_id}' in this plan (see contract list)")
        repo.delete(plan_id, contract_id)
    return current


# A procurement export's columns and the names spreadsheets give them (folded: case,
# spaces, punctuation and accents ignored), in English, French and German.
PROCUREMENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("contractid", "contract"),
    "product": (
        "tool", "application", "software", "service", "item", "produit", "logiciel", "outil",
        "produkt", "anwendung",
    ),
    "seats": (
        "licences", "licenses", "licencecount", "licensecount", "quantity", "qty", "users",
        "nblicences", "nombredelicences", "quantite", "lizenzen", "anzahllizenzen", "anzahl",
    ),
    "annual_cost": (
        "annualcost", "cost", "amount", "annualamount", "yearlycost", "annualspend", "spend",
        "price", "montant", "montantannuel", "coutannuel", "cout", "kosten", "jahreskosten",
        "betrag",
    ),
    "currency": ("ccy", "devise", "monnaie", "wahrung", "waehrung"),
    "start": (
        "startdate", "contractstart", "from", "debut", "datededebut", "datedebut", "beginn",
        "vertragsbeginn",
    ),
    "end": (
        "enddate", "contractend", "expiry", "expires", "expirydate", "to", "fin", "datedefin",
        "datefin", "echeance", "ende", "vertragsende", "ablauf",
    ),
    "notice_days": (
        "notice", "noticedays", "noticeperiod", "noticeperioddays", "preavis", "preavisjours",
        "kundigungsfrist", "kuendigungsfrist",
    ),
    "auto_renew": (
        "autorenew", "autorenewal", "autorenews", "tacitrenewal", "reconductiontacite",
        "tacitereconduction", "automatischeverlangerung", "autoverlaengerung",
    ),
    "tier": ("licencetier", "licensetier", "edition", "plan", "sku", "niveau", "stufe"),
    "owner": ("contractowner", "responsable", "proprietaire", "verantwortlich"),
    "reference": (
        "ref", "contractnumber", "contractref", "ponumber", "po", "numerodecontrat",
        "vertragsnummer",
    ),
}  # fmt: skip
_YES = {"yes", "y", "true", "1", "oui", "o", "ja", "j", "x"}
_NO = {"no", "n", "false", "0", "non", "nein", ""}


def _flag(text: str) -> bool:
    folded = text.strip().casefold()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise InputError(f"auto renew: expected yes or no, got {text!r}")


def import_contracts(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    path: Path,
    encoding: str | None = None,
) -> tuple[list[Contract], list[Contract]]:
    """Contracts from a procurement export (CSV in any of Excel's encodings and
    separators), all or nothing: each bad line is reported at its line and nothing is
    written. A row whose reference (or id) names a contract of the plan updates it; any
    other row adds one. Returns (added, updated)."""
    from planner.adapters.store.contract_repo import ContractRepository

    required = ["product", "annual_cost", "currency", "start", "end"]
    rows = list(read_rows(path, PROCUREMENT_COLUMNS, required, encoding=encoding))
    where = str(path)
    errors: list[InputError] = []
    added: list[Contract] = []
    updated: list[Contract] = []
    with ws.write() as session:
        plan_id = reads.plan_id(session, plan)
        repo = ContractRepository(session)
        current = {c.id: c for c in repo.contracts(plan_id)}
        by_reference = {c.reference: c for c in current.values() if c.reference}
        known = _products(session, catalog, plan_id)
        taken = {k: f"{k} (taken)" for k in current}
        for row in rows:
            v = row.values
            try:
                fields = {k: v[k] for k in required}
                for k in ("seats", "notice_days", "tier", "owner", "reference"):
                    if v.get(k):
                        fields[k] = v[k]
                typed = _checked(fields)
                typed["product"] = resolve_product(v["product"], known)
                typed["auto_renew"] = _flag(v.get("auto_renew", ""))
                before = current.get(v.get("id", "")) or by_reference.get(v.get("reference", ""))
                if before is not None:
                    contract = _valid(replace(before, **typed))
                    updated.append(contract)
                else:
                    slug = unique_slug(v.get("id") or typed["product"], taken, "contract")
                    taken[slug] = f"{slug} (taken)"
                    contract = _valid(Contract(id=slug, **typed))
                    added.append(contract)
            except InputError as exc:
                errors.append(InputError(exc.message, file=where, line=row.line))
        if errors:
            raise InputErrors(errors)  # the write unit rolls back: nothing lands
        if not rows:
            raise InputError("no contracts to import", file=where)
        for contract in [*added, *updated]:
            repo.save(plan_id, contract)
    return added, updated
