"""Survey import: what people say they use, from a CSV of answers.

Why this exists: surveys are the other source of evidence besides logs: what people say
they use, what for, and whether it is official. A survey is imported all or nothing: every
bad row is reported with its line and nothing is written. A tool's survey figures are
recomputed from all the plan's surveys (per department, the largest count given), and what
people say marks a tool official until IT classifies it.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from planner.adapters.sources.csv_input import fold, read_rows, whole_number
from planner.adapters.store import evidence, imports
from planner.adapters.store.db import Session, Workspace
from planner.adapters.store.import_repo import ImportRepository as Repository  # Core only
from planner.domain.catalog import Catalog, fold_app
from planner.domain.names import display_name
from planner.domain.plan import PURPOSES, Source, Tool, ToolStatus, unique_slug

# The blank survey ``discover template`` writes (light: the command imports only it).
from planner.domain.survey_template import SURVEY_TEMPLATE as SURVEY_TEMPLATE
from planner.errors import InputError
from planner.services.discover.common import ImportResult, now, plan_id_of

# Header names as people write them, English, French and German (compared folded: case,
# accents and punctuation ignored, so "Nb d'utilisateurs" matches "nbdutilisateurs").
SURVEY_COLUMNS = {
    "department": (
        "dept", "service", "team", "respondentdepartment", "departement", "direction",
        "equipe", "abteilung", "bereich",
    ),
    "tool": (
        "toolname", "application", "app", "product", "outil", "logiciel", "nomdeloutil",
        "werkzeug", "anwendung", "produkt",
    ),
    "official": (
        "isofficial", "officialornot", "status", "sanctioned", "officiel", "statut",
        "offiziell",
    ),
    "purposes": (
        "purpose", "usage", "uses", "usedfor", "usages", "utilisation", "utilisations",
        "nutzung", "zweck", "verwendung",
    ),
    "users": (
        "numberofusers", "userscount", "howmanyusers", "count", "utilisateurs",
        "nbutilisateurs", "nombredutilisateurs", "nutzer", "benutzer", "anzahl",
        "anzahlnutzer",
    ),
    "comments": (
        "comment", "notes", "remarks", "commentaires", "commentaire", "remarques",
        "kommentare", "kommentar", "bemerkungen", "anmerkungen",
    ),
}  # fmt: skip
# Columns a form tool adds that carry nothing for the inventory (never stored).
SURVEY_IGNORED = ("timestamp", "horodateur", "zeitstempel", "date", "datum")
_YES = {"yes", "y", "oui", "true", "official", "1", "officiel", "ja", "offiziell"}
_NO = {"no", "n", "non", "false", "unofficial", "0", "nein", "inoffiziell", "non officiel"}
_UNKNOWN = {
    "", "?", "unknown", "don't know", "dont know", "ne sait pas", "je ne sais pas", "nsp",
    "-", "weiß nicht", "weiss nicht", "unbekannt",
}  # fmt: skip


def _official(value: str, where: str, line: int) -> str | None:
    v = value.strip().casefold()
    if v in _YES:
        return "yes"
    if v in _NO:
        return "no"
    if v in _UNKNOWN:
        return None
    raise InputError(
        f"official: expected yes, no or don't know, got {value!r}", file=where, line=line
    )


def _purposes(value: str, where: str, line: int) -> list[str]:

    by_name = {fold(k): k for k in PURPOSES} | {fold(v): k for k, v in PURPOSES.items()}
    found = []
    for part in value.replace(",", ";").replace("|", ";").split(";"):
        if not part.strip():
            continue
        purpose = by_name.get(fold(part))
        if purpose is None:
            raise InputError(
                f"unknown purpose {part.strip()!r} (known: {', '.join(PURPOSES)})",
                file=where,
                line=line,
            )
        found.append(purpose)
    return found


def import_survey(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    path: Path,
    *,
    encoding: str | None = None,
) -> ImportResult:
    """Import a survey CSV, all or nothing: every bad row is reported with its line.

    The header must name only known columns (English, French or German): an unknown one is
    refused with the expected list rather than dropped. ``encoding`` forces the file's.
    """
    import hashlib

    from planner.errors import InputErrors

    started = time.perf_counter()
    where = str(path)
    answers: list[tuple[str | None, str, dict[str, object]]] = []  # product, name, fields
    errors: list[InputError] = []
    read_as: list[str] = []
    rows = read_rows(
        path,
        SURVEY_COLUMNS,
        ["tool"],
        source=where,
        encoding=encoding,
        ignored=SURVEY_IGNORED,
        comments=True,
        on_encoding=read_as.append,
    )
    for row in rows:
        v = row.values
        name = display_name(v["tool"])  # NFC; "" when only invisible characters
        try:
            if not name:
                raise InputError("tool: empty", file=where, line=row.line)
            users_text = v.get("users", "")
            if users_text and whole_number(users_text) is None:
                raise InputError(
                    f"users: expected a whole number, got {users_text!r}", file=where, line=row.line
                )
            fields: dict[str, object] = {
                "department": v.get("department") or None,
                "official": _official(v.get("official", ""), where, row.line),
                "purposes": _purposes(v.get("purposes", ""), where, row.line),
                "users": whole_number(users_text) or 0,
                "comments": v.get("comments", ""),
            }
        except InputError as exc:
            errors.append(exc)
            continue
        product = catalog.find_by_name(name)
        answers.append((product.id, product.name, fields) if product else (None, name, fields))
    if errors:
        raise InputErrors(errors)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    result = ImportResult(path.name, "survey", lines=len(answers), encoding=read_as[0])
    with ws.write() as session:
        repo = Repository(session)
        plan_id = plan_id_of(repo, plan)
        evidence.lock_plan(session, plan_id)
        if imports.already_imported(session, plan_id, digest):
            result.duplicate = True
            return result
        run = imports.add_import(
            session, plan_id, digest, path.name, "survey", len(answers), 0, now()
        )
        current = {t.slug: t for t in repo.tools(plan_id)}
        # Names the catalog does not know become tools of their own, compared in full:
        # "C++ forum" and "C forum" are two tools even though their slugs would collide.
        taken = {slug: t.name for slug, t in current.items()}
        # A name the plan already has (a tool typed by hand, an earlier survey's) is that
        # tool: "WhatsApp" said in a survey joins the "WhatsApp" added after an interview.
        named = {fold_app(t.name): slug for slug, t in current.items()}
        slugs: list[str] = []
        for product_id, name, _ in answers:
            slug = product_id or named.get(fold_app(name)) or unique_slug(name, taken)
            taken.setdefault(slug, name)
            named.setdefault(fold_app(name), slug)
            slugs.append(slug)
        imports.add_survey_answers(
            session,
            plan_id,
            run,
            [{"tool": slug, **fields} for slug, (_, _, fields) in zip(slugs, answers, strict=True)],
        )
        names: dict[str, str] = {}
        for slug, (_, name, _) in zip(slugs, answers, strict=True):
            names.setdefault(slug, name)  # the first spelling met names the tool
        for slug in sorted(names):
            tool = current.get(slug)
            if tool is None:
                product = catalog.get(slug)
                tool = Tool(
                    slug,
                    names[slug],
                    product.id if product else None,
                    category=product.category if product else None,
                )
                result.new_tools.append(slug)
            repo.save_tool(plan_id, with_survey(session, plan_id, tool))
        result.matched_tools = sorted(names)
    result.seconds = time.perf_counter() - started
    return result


def with_survey(session: Session, plan_id: int, tool: Tool) -> Tool:
    """The tool with everything all surveys of the plan say about it."""
    rows = imports.survey_answers(session, plan_id, tool.slug)
    per_department: dict[str | None, int] = {}
    purposes, departments = set(tool.purposes), set(tool.departments)
    official = False
    for department, said_official, said_purposes, users in rows:
        per_department[department] = max(per_department.get(department, 0), users)
        purposes |= set(said_purposes or ())
        if department:
            departments.add(department)
        official |= said_official == "yes"
    status = tool.status
    if not tool.classified and official and Source.SURVEY.value not in tool.sources:
        status = ToolStatus.OFFICIAL  # what people say, until IT classifies it
    return replace(
        tool,
        survey_users=sum(per_department.values()),
        status=status,
        purposes=tuple(sorted(purposes)),
        departments=tuple(sorted(departments)),
        sources=tuple(sorted({*tool.sources, Source.SURVEY.value})),
    )
