"""Validation of a plan file before anything is written: the strict YAML load, the schema,
and the checks against the catalog and against itself (unique ids, references to the plan's
own pilots, vocabularies). Every problem is located as ``file:line:col: message``."""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.adapters.plan_schema import (
    FeatureEntry,
    PilotEntry,
    PlanFile,
    ToolEntry,
    TrainingEntry,
)
from planner.adapters.yamlsafe import YamlDocument, load_yaml, load_yaml_file, pydantic_errors
from planner.domain.catalog import Catalog
from planner.domain.pilots import KPIS
from planner.domain.plan import PURPOSES
from planner.domain.rollout import TARGET_SYSTEMS
from planner.errors import MAX_PROBLEMS, InputError, InputErrors, capped
from planner.services.plan_import.record_rules import check_record_rules

MAX_PLAN_BYTES = 64 * 1024 * 1024
SCHEMA = "planner.plan/1"


def _load(path: Path | str, text: str | None) -> YamlDocument:
    if text is None:
        doc = load_yaml_file(Path(path), max_bytes=MAX_PLAN_BYTES)
    else:
        doc = load_yaml(text, source=str(path), max_bytes=MAX_PLAN_BYTES)
    if not isinstance(doc.data, dict):
        raise doc.error((), "not a plan file: expected a mapping with schema, plan, tools…")
    if doc.data.get("schema") != "planner.plan/1":
        raise doc.error(
            ("schema",),
            f"unsupported schema {doc.data.get('schema')!r} (this planner reads planner.plan/1)",
        )
    return doc


def _records(data: dict[str, Any], section: str) -> list[tuple[int, dict[str, Any]]]:
    items = data.get(section)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _list(value: object) -> list[Any]:
    """A section's list, or nothing when it is something else (the schema reports that)."""
    return value if isinstance(value, list) else []


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _unique(doc: YamlDocument, section: str, key: str, errors: list[InputError]) -> None:
    # Indexes, not lines: a line needs the document's position index, which is built on the
    # first lookup and costs about as much memory as the data (a 60,000-tool plan doubled its
    # peak) — so it is only built when there is an error to locate.
    seen: dict[object, int] = {}
    for index, item in _records(doc.data, section):
        value = item.get(key)
        if not isinstance(value, str):
            continue
        if value in seen:
            first = doc.mark((section, seen[value]))[0]
            errors.append(
                doc.error(
                    (section, index, key),
                    f"duplicate id '{value}' in {section} (first at line {first})",
                )
            )
        else:
            seen[value] = index


def check_references(doc: YamlDocument, catalog: Catalog) -> list[InputError]:
    """Ids unique per section; references to the catalog and to the plan's own pilots;
    vocabularies. Works on the raw data, so it runs even when the schema check fails."""
    data = doc.data
    errors: list[InputError] = []
    for section, key in (
        ("tools", "id"),
        ("pilots", "id"),
        ("features", "id"),
        ("training", "id"),
        ("risks", "id"),
        ("contracts", "id"),
        ("exits", "id"),
        ("audiences", "id"),
        ("vendors", "product"),
    ):
        _unique(doc, section, key, errors)

    def vocabulary(
        loc: tuple[str | int, ...], value: object, known: Container[str], what: str
    ) -> None:
        if isinstance(value, str) and value not in known:
            errors.append(doc.error(loc, f"unknown {what} '{value}'"))

    products = catalog.products
    for section in ("tools", "pilots", "features", "vendors"):
        for i, item in _records(data, section):
            vocabulary((section, i, "product"), item.get("product"), products, "catalog product")
    # A contract is for a catalog product or for one of the plan's own tools.
    # only text ids: a mutated file may hold a list there (the schema reports it)
    tool_ids = {tid for _, t in _records(data, "tools") if isinstance(tid := t.get("id"), str)}
    for i, contract in _records(data, "contracts"):
        product = contract.get("product")
        if isinstance(product, str) and product not in products and product not in tool_ids:
            errors.append(
                doc.error(
                    ("contracts", i, "product"),
                    f"unknown product '{product}': neither a catalog product nor a tool",
                )
            )
    for i, tool in _records(data, "tools"):
        for j, purpose in enumerate(_list(tool.get("purposes"))):
            vocabulary(("tools", i, "purposes", j), purpose, PURPOSES, "purpose")
        for j, cap in enumerate(_list(tool.get("capabilities"))):
            vocabulary(("tools", i, "capabilities", j), cap, catalog.capabilities, "capability")
    seen_champions: set[tuple[str | None, str | None]] = set()
    for i, champion in _records(data, "champions"):
        pair = (_str(champion.get("department")), _str(champion.get("name")))
        if pair in seen_champions:
            errors.append(doc.error(("champions", i), "the same champion is listed twice"))
        seen_champions.add(pair)
    seen_readiness: set[tuple[str | None, str]] = set()
    for i, assessment in _records(data, "readiness"):
        day = (_str(assessment.get("department")), str(assessment.get("on")))
        if day in seen_readiness:
            errors.append(
                doc.error(("readiness", i), "the department is assessed twice on that day")
            )
        seen_readiness.add(day)
    seen_reports: set[tuple[str | None, str | None]] = set()
    for i, report in _records(data, "activity"):
        pair = (_str(report.get("subject")), _str(report.get("digest")))
        if pair in seen_reports:
            errors.append(doc.error(("activity", i), "the same report is listed twice"))
        seen_reports.add(pair)
    needs = data.get("needs")
    if isinstance(needs, dict) and isinstance(needs.get("capabilities"), dict):
        for cap in needs["capabilities"]:
            vocabulary(("needs", "capabilities", cap), cap, catalog.capabilities, "capability")
    _check_triage(doc, catalog, errors)
    pilot_ids = {_str(p.get("id")) for _, p in _records(data, "pilots")}
    for i, pilot in _records(data, "pilots"):
        tracked = set()
        for j, kpi in enumerate(_list(pilot.get("criteria"))):
            if isinstance(kpi, dict) and (name := _str(kpi.get("kpi"))) is not None:
                vocabulary(("pilots", i, "criteria", j, "kpi"), name, KPIS, "KPI")
                if name in tracked:
                    errors.append(
                        doc.error(("pilots", i, "criteria", j, "kpi"), f"KPI '{name}' listed twice")
                    )
                tracked.add(name)
        for j, m in enumerate(_list(pilot.get("measurements"))):
            if isinstance(m, dict) and _str(m.get("kpi")) not in tracked:
                errors.append(
                    doc.error(
                        ("pilots", i, "measurements", j, "kpi"),
                        f"measurement of '{m.get('kpi')}', which the pilot does not track",
                    )
                )
        if pilot.get("decision") is not None and not pilot.get("measurements"):
            errors.append(
                doc.error(("pilots", i, "decision"), "a decision needs at least one measurement")
            )
    for i, feature in _records(data, "features"):
        vocabulary(
            ("features", i, "target_system"),
            feature.get("target_system"),
            TARGET_SYSTEMS,
            "target system",
        )
        if feature.get("pilot") is not None and _str(feature.get("pilot")) not in pilot_ids:
            errors.append(
                doc.error(
                    ("features", i, "pilot"), f"no pilot '{feature.get('pilot')}' in this plan"
                )
            )
    errors += check_record_rules(doc)  # the rules the CLI applies on add and set
    return errors


def _check_triage(doc: YamlDocument, catalog: Catalog, errors: list[InputError]) -> None:
    """A domain decided once; a mapped domain names a catalog product, a custom one a tool
    of this plan, an ignored one nothing."""
    _unique(doc, "triage", "domain", errors)
    tools = {_str(t.get("id")) for _, t in _records(doc.data, "tools")}
    for i, rule in _records(doc.data, "triage"):
        decision, tool = rule.get("decision"), rule.get("tool")
        loc: tuple[str | int, ...] = ("triage", i, "tool")
        if decision == "ignored" and tool is not None:
            errors.append(doc.error(loc, "an ignored domain names no tool"))
        elif decision in ("mapped", "custom") and not isinstance(tool, str):
            errors.append(doc.error(("triage", i), f"a {decision} domain needs its tool"))
        elif decision == "mapped" and tool not in catalog.products:
            errors.append(doc.error(loc, f"unknown catalog product '{tool}'"))
        elif decision == "custom" and tool not in tools:
            errors.append(doc.error(loc, f"no tool '{tool}' in this plan's tools"))


_RECORDS: dict[str, type[BaseModel]] = {
    "tools": ToolEntry,
    "pilots": PilotEntry,
    "features": FeatureEntry,
    "training": TrainingEntry,
}


def _validate_records_in_place(doc: YamlDocument) -> None:
    """Turn each valid record of the large sections into its model, in its list slot.

    Memory, not speed: validating the whole file at once keeps the loaded data and the
    models alive together (a 60,000-tool plan peaked at 300 MB); replacing each record as
    it is validated frees its raw dict at once. A record that fails stays as it was, so the
    whole-file validation that follows reports it at its line, exactly as before (pydantic
    takes the model instances as they are) -- unless more than :data:`MAX_PROBLEMS` fail:
    then the first ones are reported here and the rest counted, instead of a whole-file
    validation locating every one of a hostile file's 100,000 bad items.
    """
    data = doc.data
    if not isinstance(data, dict):
        return
    failed: list[tuple[str, int, ValidationError]] = []
    count = 0
    for section, model in _RECORDS.items():
        items = data.get(section)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            try:
                items[i] = model.model_validate(item)
            except ValidationError as exc:
                count += 1
                if len(failed) < MAX_PROBLEMS + 1:
                    failed.append((section, i, exc))
    if count <= MAX_PROBLEMS:
        return
    errors = [e for s, i, exc in failed for e in pydantic_errors(exc, doc, (s, i)).errors]
    raise InputErrors(capped(errors, len(errors) + count - len(failed)))


def _validated(
    path: Path | str, catalog: Catalog, text: str | None = None
) -> tuple[YamlDocument, PlanFile]:
    doc = _load(path, text)
    errors = check_references(doc, catalog)
    if not errors:
        _validate_records_in_place(doc)
    try:
        pf = PlanFile.model_validate(doc.data)
    except ValidationError as exc:
        errors += pydantic_errors(exc, doc).errors
        pf = None
    if errors or pf is None:
        raise InputErrors(capped(sorted(errors, key=lambda e: (e.line or 0, e.col or 0))))
    for pilot in pf.pilots:  # not in the contract: named after its product
        if pilot.title is None:
            product = catalog.products.get(pilot.product)
            pilot.title = product.name if product is not None else pilot.product
    return doc, pf


def validate_plan_file(path: Path | str, catalog: Catalog, text: str | None = None) -> PlanFile:
    """The validated plan file; every problem of the file raised at once, located."""
    return _validated(path, catalog, text)[1]
