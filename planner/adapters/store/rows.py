"""Domain objects from Core rows, without the table classes or the record definitions.

A plan from its row (or its record: both have the columns as attributes), and a plan's
tools through :class:`ToolReader`, whose conversions come from the domain class's own
annotations (``domain.records.loaders``). This module imports SQLAlchemy Core only, so the
read-only commands that use it load neither SQLModel nor pydantic's record models;
``mapping`` re-exports it for the repositories.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar, get_type_hints

from sqlalchemy import JSON, String, type_coerce
from sqlalchemy import select as sa_select

from planner.adapters.store import core_schema
from planner.adapters.store.core_types import metadata
from planner.domain.plan import Plan, Tool
from planner.domain.records.loaders import as_stored, loader

T = TypeVar("T")


def plan_from_record(record: Any) -> Plan:
    """A plan from its record or its Core row."""
    return Plan(
        name=record.name,
        start=record.start,
        organisation=record.organisation,
        owner=record.owner,
        eu_residency_required=record.eu_residency_required,
        employees=record.employees,
        use_cases=split_list(record.use_cases),
        excluded_deployments=split_list(record.excluded_deployments),
        suites=split_list(record.suites),
        countries=split_list(record.countries),
    )


def split_list(text: str) -> tuple[str, ...]:
    return tuple(item for item in (text or "").split(",") if item)


# A tool's log evidence: the table's, not the definition's (a reviewer never edits it).
EVIDENCE = ("log_users", "survey_users", "requests", "bytes", "blocked")


@cache
def loaders(target: Any, table: str) -> dict[str, Callable[[Any], Any]]:
    """Each field of the domain class ``target`` that the table ``table`` stores, and how
    its value becomes the domain's, read from ``target``'s annotations. The table's own
    ``id`` is never a domain field (a record's id in the domain is its slug)."""
    from planner.domain import catalog  # names some annotations for type checking only

    # The class's own module first: the catalog only fills what it imports for typing.
    names = {**vars(catalog), **vars(sys.modules[target.__module__])}
    hints = get_type_hints(target, localns=names)
    fields = {f.name for f in dataclasses.fields(target)}
    columns = metadata.tables[table].c
    return {
        name: loader(hint)
        for name, hint in hints.items()
        if name in columns and name != "id" and name in fields
    }


def keyed(target: Callable[..., T], table: str) -> Callable[[Any], T]:
    """A row of ``table`` (a record with a slug) as the domain's ``target``, whose ``id``
    is the slug: ``Risk``, ``Contract``, ``Audience``, …"""
    fields = tuple(loaders(target, table).items())

    def build(row: Any) -> T:
        return target(id=row.slug, **{name: load(getattr(row, name)) for name, load in fields})

    return build


def unkeyed(target: Callable[..., T], table: str) -> Callable[[Any], T]:
    """A row of ``table`` as the domain's ``target``, field for field (``VendorReview``)."""
    fields = tuple(loaders(target, table).items())

    def build(row: Any) -> T:
        return target(**{name: load(getattr(row, name)) for name, load in fields})

    return build


def _memoised(load: Callable[[Any], Any], *, json_text: bool) -> Callable[[Any], Any]:
    """``load`` remembered per distinct value; with ``json_text`` the value is a JSON
    column's text, decoded here. A value that cannot be a key (a list a driver already
    decoded) is loaded as it is."""
    memo: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return memo[value]
        except KeyError:
            pass
        except TypeError:  # unhashable: already decoded by the driver
            return load(value)
        decoded = json.loads(value) if json_text and isinstance(value, str) else value
        memo[value] = result = load(decoded)
        return result

    return convert


class ToolReader:
    """Tools from Core rows of the tool table, as ``mapping.tool_from_record`` builds them
    but several times faster for a whole plan: the JSON lists are selected as their text
    and decoded once per distinct text (60,000 tools share a few hundred department,
    purpose and source lists; the tuples are immutable, so sharing them is safe), an enum
    is looked up once per value, and each row is read by position. One reader per query:
    its memory lives as long as the listing."""

    def __init__(self) -> None:
        table = core_schema.tool
        self.table = table
        tool_loaders = loaders(Tool, "tool")
        self.names = tuple(tool_loaders)
        columns: list[Any] = []
        converters: list[Callable[[Any], Any] | None] = []
        for name in self.names:
            column = table.c[name]
            is_json = isinstance(column.type, JSON)
            columns.append(type_coerce(column, String).label(name) if is_json else column)
            load = tool_loaders[name]
            # Only converted values are remembered (JSON lists, enums): a date or a string
            # is taken as the driver gives it.
            converters.append(None if load is as_stored else _memoised(load, json_text=is_json))
        self.columns = columns
        self.converters = converters

    def query(self, plan_id: int) -> Any:
        table = self.table
        return sa_select(*self.columns).where(table.c.plan_id == plan_id).order_by(table.c.slug)

    def __call__(self, row: Sequence[Any]) -> Tool:
        return Tool(
            **{
                name: value if convert is None else convert(value)
                for name, convert, value in zip(self.names, self.converters, row, strict=True)
            }
        )
